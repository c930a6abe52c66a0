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
