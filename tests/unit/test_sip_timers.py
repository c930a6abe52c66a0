"""The SIP thread's timer heap."""

from __future__ import annotations


def test_a_cancelled_timer_lets_go_of_what_it_would_have_called() -> None:
    """A call's quality timer holds the call; once cancelled (the call ended) the call must be
    freed at once, or its pjsua2 object outlives its slot and hangs up the slot's next call."""
    import gc
    import weakref

    from softphone.sip.timers import Timers

    class EndedCall:
        def sample(self) -> None:
            raise AssertionError("a cancelled timer ran")

    timers = Timers()
    call = EndedCall()
    freed = weakref.ref(call)
    handle = timers.schedule(5.0, call.sample)
    timers.cancel(handle)
    del call
    gc.disable()  # freed by reference counting alone, as on the SIP thread
    try:
        assert freed() is None
    finally:
        gc.enable()


def test_the_idle_poll_is_cut_short_for_the_next_timer() -> None:
    """The SIP thread sleeps up to a second when idle (its wakes were most of an idle agent's
    CPU), but a re-registration retry or a call's quality sample due sooner must not wait for
    the end of that sleep; cancelled timers do not cut it short."""
    from softphone.config import SipSettings
    from softphone.events import EventBus
    from softphone.sip.engine import POLL_MS, SipEngine

    engine = SipEngine(EventBus(), SipSettings(), "")
    assert engine._poll_wait_ms() == POLL_MS >= 1000  # nothing due: the long sleep
    retry = engine.timers.schedule(0.25, lambda: None)
    assert 0 < engine._poll_wait_ms() <= 250
    engine.timers.cancel(retry)
    assert engine._poll_wait_ms() == POLL_MS
    engine.timers.schedule(-1, lambda: None)  # overdue: poll without sleeping
    assert engine._poll_wait_ms() == 0
