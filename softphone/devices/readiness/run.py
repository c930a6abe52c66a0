"""Running the whole readiness check from a profile's settings: devices, then the network.

The audio checks run one after another (a test tone from laptop speakers would otherwise pass
the microphone check); the network checks run meanwhile on their own thread, so the whole check
takes about as long as the audio part (≈ 4 s). Registration is not ours to test — the SIP engine
is not reachable from here — so the caller (the agent) hands in what its account reported.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from softphone.config import SETTINGS_FILE, Settings
from softphone.devices.readiness.camera import CameraProbe, check_camera
from softphone.devices.readiness.central import check_central
from softphone.devices.readiness.microphone import check_microphone
from softphone.devices.readiness.network import (
    RegistrationState,
    check_call_quality,
    check_nat,
    check_registration,
    check_sip_transports,
)
from softphone.devices.readiness.report import Check, ReadinessReport, failed, skipped
from softphone.devices.readiness.sound_server import SoundServer
from softphone.devices.readiness.speaker import check_speaker

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

Registration = Callable[[], RegistrationState | None]
Progress = Callable[[str, "float | None"], None]  # which check runs; the microphone's level
AGAIN = "Run the check again; if it keeps failing, tell IT (the log has the details)."


def run_checks(
    settings: Settings,
    central_url: str = "",
    camera: CameraProbe | None = None,
    registration: Registration | None = None,
    server: SoundServer | None = None,
    audio: bool = True,
    progress: Progress | None = None,
) -> ReadinessReport:
    """Every check, in the order a person reads them. `registration` is asked last, after the
    network checks, so that a just-started agent has had time to hear from its registrar.
    `audio=False` (a call is on) leaves the headset alone: no test tone in the agent's ear."""
    with ThreadPoolExecutor(1, thread_name_prefix="readiness-net") as pool:
        network = pool.submit(_network, settings, central_url, registration)
        devices = _devices(settings, camera, server or SoundServer(), audio, progress)
        checks = devices + network.result()  # each network check is guarded on its own
    return ReadinessReport(tuple(checks))


def _devices(
    settings: Settings,
    camera: CameraProbe | None,
    server: SoundServer,
    audio: bool,
    progress: Progress | None = None,
) -> list[Check]:
    wanted = settings.audio
    roles = [("microphone", wanted.input), ("speaker", wanted.output)]
    if wanted.ring and wanted.ring != wanted.output:
        roles.append(("ring", wanted.ring))
    checks = []
    tell = _guarded_progress(progress)
    for role, name in roles:
        tell(role, None)
        if not audio:
            checks.append(skipped(role, "not checked during a call", device=name))
        elif role == "microphone":
            heard = partial(tell, "microphone")
            checks.append(guarded(role, partial(check_microphone, name, server, on_level=heard)))
        else:
            checks.append(guarded(role, partial(check_speaker, name, role, server)))
    tell("camera", None)
    checks.append(guarded("camera", partial(check_camera, camera, settings.readiness.camera)))
    return checks


def _guarded_progress(progress: Progress | None) -> Progress:
    """Progress news never stops the check: a listener that went away is only a debug line."""

    def tell(name: str, level: float | None) -> None:
        if progress is None:
            return
        try:
            progress(name, level)
        except Exception as exc:
            log.debug("readiness progress not taken: %s", exc)

    return tell


def guarded(name: str, check: Callable[[], Check]) -> Check:
    """Run one check; a bug or a surprise from the platform becomes that check's failure, so
    the agent still gets the rest of the report."""
    try:
        return check()
    except Exception as exc:
        log.exception("the %s check broke", name)
        return failed(name, f"the check itself failed: {exc}", AGAIN)


def _network(
    settings: Settings, central_url: str, registration: Registration | None
) -> list[Check]:
    sip, ready = settings.sip, settings.readiness
    try:
        checks = check_sip_transports(sip, ready)
    except Exception as exc:
        log.exception("the SIP checks broke")
        checks = [failed("sip", f"the check itself failed: {exc}", AGAIN)]
    checks.append(guarded("call_quality", partial(check_call_quality, sip, ready)))
    checks.append(guarded("nat", partial(check_nat, sip.stun_server)))
    checks.append(guarded("central", partial(check_central, central_url, ready.max_rtt_ms)))
    if sip.server:
        checks.append(guarded("registration", partial(_registration, registration)))
    return checks


def _registration(registration: Registration | None) -> Check:
    return check_registration(registration() if registration else None)


def central_url(profile_folder: Path) -> str:
    """`[central] url` of a profile. The sync area owns that section of the settings; until its
    typed settings arrive this reads the one key, and a missing or odd value means "none"."""
    try:
        text = (profile_folder / SETTINGS_FILE).read_text(encoding="utf-8")
        section = tomllib.loads(text).get("central", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    url = section.get("url", "") if isinstance(section, dict) else ""
    return url.strip() if isinstance(url, str) else ""
