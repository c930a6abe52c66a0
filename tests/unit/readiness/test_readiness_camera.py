"""The camera verdicts, through a fake probe (no camera exists on the test machines)."""

from softphone.devices.readiness.camera import CameraFinding, check_camera


class FakeCamera:
    def __init__(self, finding: CameraFinding | Exception) -> None:
        self.finding = finding
        self.asked: list[tuple[str, float]] = []

    def probe(self, wanted: str, timeout_s: float) -> CameraFinding:
        self.asked.append((wanted, timeout_s))
        if isinstance(self.finding, Exception):
            raise self.finding
        return self.finding


def test_without_an_adapter_the_camera_is_not_checked() -> None:
    check = check_camera(None, "")
    assert check.status == "skip" and check.summary.startswith("not checked")


def test_a_camera_that_delivers_a_frame_passes_with_its_size() -> None:
    probe = FakeCamera(CameraFinding(True, ("Logitech C920",), "Logitech C920", True, (1280, 720)))
    check = check_camera(probe, "logitech", timeout_s=2.0)
    assert check.status == "pass" and check.value == "1280x720"
    assert probe.asked == [("logitech", 2.0)]


def test_no_camera_fails_with_what_to_do_where_one_is_configured() -> None:
    check = check_camera(FakeCamera(CameraFinding(True)), "Logitech")
    assert check.status == "fail" and "Plug in the camera" in check.fix


def test_no_camera_and_none_configured_is_not_checked() -> None:
    """A voice-only desk has no camera: that keeps no agent from going Available."""
    check = check_camera(FakeCamera(CameraFinding(True)), "")
    assert check.status == "skip" and "none is configured" in check.summary


def test_a_camera_in_use_elsewhere_names_the_likely_cause() -> None:
    finding = CameraFinding(True, ("Integrated",), "Integrated", False, None, "device busy")
    check = check_camera(FakeCamera(finding), "")
    assert check.status == "fail" and "device busy" in check.summary
    assert "Another program" in check.fix


def test_a_camera_that_opens_but_stays_dark_points_at_the_shutter() -> None:
    finding = CameraFinding(True, ("Integrated",), "Integrated", True, None)
    check = check_camera(FakeCamera(finding), "")
    assert check.status == "fail" and "shutter" in check.fix


def test_the_wanted_camera_missing_but_another_working_is_a_warning() -> None:
    finding = CameraFinding(True, ("Integrated",), "Integrated", True, (640, 480))
    check = check_camera(FakeCamera(finding), "Logitech")
    assert check.status == "warn" and "'Logitech' is not connected" in check.summary


def test_no_camera_support_is_not_a_failure() -> None:
    finding = CameraFinding(False, error="Qt Multimedia is not installed")
    check = check_camera(FakeCamera(finding), "")
    assert check.status == "skip" and "Qt Multimedia" in check.summary


def test_a_broken_adapter_still_yields_a_verdict() -> None:
    check = check_camera(FakeCamera(RuntimeError("boom")), "")
    assert check.status == "fail" and "boom" in str(check.details)
