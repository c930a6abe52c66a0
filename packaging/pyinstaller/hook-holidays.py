"""PyInstaller hook for `holidays`: each country's calendar is a module imported by name on
first use (holidays.registry), so the analysis sees none of them; the names of holidays are
gettext catalogues (.mo) beside them."""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

hiddenimports = collect_submodules("holidays.countries") + collect_submodules("holidays.financial")
datas = collect_data_files("holidays")
