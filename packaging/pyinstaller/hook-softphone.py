"""PyInstaller hook for the desktop app's own package.

`softphone.cli` loads its sub-command modules with importlib, and the self-test walks every
module, so every desktop module is named here. The central service is not the desktop's: only its
command-line stub (argparse only) ships, so that `softphone central …` can say how to install it;
build.spec excludes the rest and the center's packages.
"""

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata


def is_desktop(name: str) -> bool:
    return not name.startswith("softphone.central.") or name == "softphone.central.cli"


hiddenimports = collect_submodules("softphone", filter=is_desktop)
# Data files of the package (compliance packs.toml, area codes …), none of the center's.
datas = collect_data_files("softphone", excludes=["central", "central/**", "**/__pycache__"])
# Versions the self-test and `--version` print, read from the distributions' metadata.
datas += copy_metadata("sqlite-utils") + copy_metadata("holidays") + copy_metadata("sounddevice")
