"""`softphone --version`: our version and the versions and limits of everything we run on."""

from __future__ import annotations

import json
import platform
import sys

from softphone import __version__


def collect() -> dict[str, object]:
    from softphone.devices.audio import portaudio_version
    from softphone.gui.versions import qt_version
    from softphone.secrets import backend_name
    from softphone.sip.versions import pjsip_facts

    facts: dict[str, object] = {"softphone": __version__, "python": platform.python_version()}
    facts.update(pjsip_facts())
    facts["portaudio"] = _safe(portaudio_version)
    facts["qt"] = _safe(qt_version)
    facts["keyring"] = _safe(backend_name)
    return facts


def _safe(probe: object) -> str:
    try:
        return str(probe())  # type: ignore[operator]
    except Exception as exc:  # a missing library is a fact to print, not a crash
        return f"unavailable ({exc})"


def print_versions(as_json: bool = False) -> int:
    facts = collect()
    if as_json:
        print(json.dumps(facts, indent=2))
        return 0
    print(f"Agent Softphone {facts.pop('softphone')}")
    limits = facts.pop("limits")
    codecs = facts.pop("codecs")
    for name, value in facts.items():
        print(f"  {name:<13} {value}")
    print(f"  {'codecs':<13} {', '.join(codecs)}")  # type: ignore[arg-type]
    print("  limits:")
    for limit in limits:  # type: ignore[attr-defined]
        print(f"    - {limit}")
    sys.stdout.flush()
    return 0
