"""Reading which sink/source PulseAudio plays our streams on, from `pactl -f json` output."""

from __future__ import annotations

import json

from softphone.devices.pulse_watch import PulseWatch, ServerStream, parse_streams


def listing(*streams: tuple[int, int, str], field: str = "sink") -> str:
    return json.dumps(
        [
            {"index": i, field: dev, "properties": {"application.process.id": pid}}
            for i, dev, pid in streams
        ]
    )


def test_only_this_process_streams_are_ours() -> None:
    text = listing((3, 1, "42"), (4, 2, "7"), (5, 0, "42"))
    assert parse_streams(text, "output", "42") == {3: 1, 5: 0}
    text = listing((9, 4, "42"), field="source")
    assert parse_streams(text, "input", "42") == {9: 4}


def test_garbage_is_no_stream() -> None:
    assert parse_streams("", "output", "1") == {}
    assert parse_streams("not json", "output", "1") == {}
    assert parse_streams('[{"index": 1}]', "output", "1") == {}


class FakeWatch(PulseWatch):
    def __init__(self, answers: list[dict[int, int] | None]) -> None:
        super().__init__(pactl="pactl", pid=1)
        self.answers = answers

    def streams(self, kind: str) -> dict[int, int] | None:  # type: ignore[override]
        return self.answers.pop(0)


def test_the_stream_that_appeared_while_opening_is_ours() -> None:
    watch = FakeWatch([{3: 1, 8: 2}])
    assert watch.identify("output", {3: 1}) == ServerStream("output", 8, 2)
    assert FakeWatch([{3: 1, 8: 2, 9: 2}]).identify("output", {3: 1}) is None  # ambiguous
    assert FakeWatch([None]).identify("output", {}) is None


def test_a_stream_on_another_device_was_moved() -> None:
    ours = ServerStream("output", 8, 2)
    assert FakeWatch([{8: 0}]).moved(ours)
    assert not FakeWatch([{8: 2}]).moved(ours)
    assert not FakeWatch([{}]).moved(ours)  # gone: not a move
    assert not FakeWatch([None]).moved(ours)  # pactl failed: unknown


def test_without_pactl_there_is_no_watch() -> None:
    watch = PulseWatch(pactl=None)
    watch.pactl = None
    assert not watch.available
    assert watch.streams("output") is None
