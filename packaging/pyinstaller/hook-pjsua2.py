"""PyInstaller hook for the pjsua2-python wheel.

The wheel imports its SWIG module lazily (pjsua2 → pjsua2.pjsua2 → pjsua2._pjsua2), which the
import analysis does not follow, and bundles OpenSSL, Kerberos and friends in a sibling folder
`pjsua2_python.libs` that `pjsua2/__init__.py` searches by path at import (and `_pjsua2`'s RPATH
points at): both are shipped exactly where the wheel has them.
"""

from pathlib import Path

from PyInstaller.utils.hooks import collect_dynamic_libs, copy_metadata, get_package_paths

hiddenimports = ["pjsua2.pjsua2", "pjsua2._pjsua2", "pjsua2._version"]
_site, _package = get_package_paths("pjsua2")
_libs = Path(_site) / "pjsua2_python.libs"
binaries = collect_dynamic_libs("pjsua2") + [
    (str(path), "pjsua2_python.libs") for path in sorted(_libs.glob("*")) if path.is_file()
]
datas = copy_metadata("pjsua2-python")  # `softphone --version` reads the wheel's version
