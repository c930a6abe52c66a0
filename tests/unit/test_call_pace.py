"""The call pace cap: generous for people, a wall for runaway scripts."""

from softphone.sip.pace import CallPace


def test_ten_calls_a_second_pass_the_eleventh_waits() -> None:
    pace = CallPace(limit=10, window_s=1.0)
    assert all(pace.try_start(now=0.05 * n) for n in range(10))
    assert not pace.try_start(now=0.6)
    assert pace.try_start(now=1.01)  # the first call left the window


def test_a_refused_start_is_not_counted() -> None:
    pace = CallPace(limit=1, window_s=1.0)
    assert pace.try_start(now=0.0)
    assert not pace.try_start(now=0.5)
    assert not pace.try_start(now=0.9)
    assert pace.try_start(now=1.0)

