"""The camera check: a camera is present, opens, and delivers a frame.

Cameras are reached through Qt Multimedia, and only `softphone.gui` may import Qt: so this module
defines what it needs from a camera (`CameraProbe`) and judges the finding, and the GUI injects
its Qt adapter (`softphone.gui.camera_probe`). Without one — the headless agent, `softphone
check` — the camera is reported as "not checked", which never fails the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from softphone.devices.readiness.report import Check, failed, passed, skipped, warned

NAME = "camera"
FRAME_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class CameraFinding:
    """What a probe found; `supported` is False where this system cannot reach cameras."""

    supported: bool
    cameras: tuple[str, ...] = ()
    device: str = ""  # the camera tried ("" when none)
    opened: bool = False
    frame_size: tuple[int, int] | None = None  # (width, height) of the first frame
    error: str = ""


class CameraProbe(Protocol):
    def probe(self, wanted: str, timeout_s: float) -> CameraFinding:
        """Open the camera called `wanted` (part of a name; "" = the default) and wait up to
        `timeout_s` for one frame. Must not raise: problems go in `error`."""
        ...


def check_camera(
    probe: CameraProbe | None, wanted: str, timeout_s: float = FRAME_TIMEOUT_S
) -> Check:
    if probe is None:
        return skipped(NAME, "not checked (no camera support in this mode)")
    try:
        found = probe.probe(wanted, timeout_s)
    except Exception as exc:  # an adapter that broke its promise still yields a report
        found = CameraFinding(supported=True, error=f"{type(exc).__name__}: {exc}")
    return judge(found, wanted)


def judge(found: CameraFinding, wanted: str) -> Check:
    details = {"cameras": list(found.cameras), "error": found.error}
    if not found.supported:
        return skipped(
            NAME, f"not checked ({found.error or 'no camera support here'})", details=details
        )
    if not found.cameras and not wanted and not found.error:  # a voice desk with no camera
        return skipped(NAME, "no camera connected (none is configured)", details=details)
    if not found.cameras:
        return failed(
            NAME,
            "No camera found",
            "Plug in the camera (or open the laptop lid) and run the check again.",
            details=details,
        )
    label = found.device or wanted or "the default camera"
    if not found.device:
        return failed(
            NAME,
            f"{wanted!r} is not connected",
            f"Plug in {wanted!r}, or choose one of: {', '.join(found.cameras)}.",
            details=details,
        )
    if not found.opened:
        return failed(
            NAME,
            f"{label} did not open: {found.error}",
            "Another program (a video "
            "call?) may be using the camera, or the system blocks camera access for "
            "this app: close the other program or allow access in privacy settings.",
            device=label,
            details=details,
        )
    if found.frame_size is None:
        return failed(
            NAME,
            f"{label} opened but sent no picture",
            "Check the camera's privacy shutter or switch; unplug and re-plug it.",
            device=label,
            details=details,
        )
    width, height = found.frame_size
    extra = {"device": label, "value": f"{width}x{height}", "details": details}
    fell_back = bool(wanted) and wanted.casefold() not in label.casefold()
    if fell_back:
        return warned(
            NAME,
            f"{wanted!r} is not connected; {label} works",
            f"Plug in {wanted!r}, or choose the camera in settings.",
            **extra,
        )
    return passed(NAME, f"{label} delivers a picture ({width}x{height})", **extra)
