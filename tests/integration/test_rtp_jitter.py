"""A customer whose phone stalls now and then and sends what it had in a lump (every packet
arrives) must reach the agent without frames concealed: the RTP jitter buffer's
own count at the end of the call, as the agent logs it. pjmedia's default (progressive discard)
conceals a frame each time a lump has grown the buffer and it shrinks again — a glitch in the
customer's voice every few seconds (tests/bench/audio_path.py)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.integration.lab.lossy_rtp import write_bursty_rtp
from tests.integration.lab.sipp import SCENARIOS

JITTER_LINE = re.compile(r"jitter buffer: (\d+) frames discarded, (\d+) lost, (\d+) empty")
LUMPS = (1,) * 40 + (4,) + (1,) * 60 + (6,)  # a stall of 60 or 100 ms every second or two


def lumpy_caller_scenario(folder: Path) -> Path:
    pcap = folder / "lumpy.pcap"
    write_bursty_rtp(pcap, seconds=30, lumps=LUMPS)
    template = (SCENARIOS / "uac_call_lossy_rtp.xml").read_text(encoding="utf-8")
    scenario = folder / "uac_call_lumpy_rtp.xml"
    scenario.write_text(template.replace("LOSSY_PCAP", str(pcap)), encoding="utf-8")
    return scenario


@pytest.mark.integration
@pytest.mark.slow
def test_a_customer_whose_packets_come_in_lumps_is_heard_without_concealed_frames(
    make_agent, run_sipp_uac, tmp_path: Path
) -> None:
    agent = make_agent("agent1", "secret1", env={"SOFTPHONE_LOG": "INFO"})
    agent.expect("registered", timeout=15)
    caller = run_sipp_uac(str(lumpy_caller_scenario(tmp_path)), "agent1")
    incoming = agent.expect("incoming", timeout=15)
    agent.send("answer", call=incoming["call"])
    agent.expect("call_state", call=incoming["call"], state="confirmed", timeout=10)
    time.sleep(20)  # the lumps play: long enough for several grow-and-shrink cycles
    agent.send("hangup", call=incoming["call"])
    agent.expect("call_ended", call=incoming["call"], timeout=15)
    assert caller.wait(30) == 0, caller.output()

    found = [JITTER_LINE.search(line) for line in agent.stderr_tail(1_000_000).splitlines()]
    counts = [tuple(int(g) for g in m.groups()) for m in found if m]
    assert counts, "the agent logged no jitter buffer figures for the call"
    discarded, lost, _empty = counts[-1]  # empty: also each tick while it first fills
    assert lost == 0, f"{lost} frames of the customer's voice concealed ({counts[-1]})"
    # The 100 ms stalls leave a backlog that is trimmed a frame at a time, far apart (pjmedia's
    # default conceals 13–16 frames and runs dry as often here).
    assert discarded <= 2, f"{discarded} frames thrown away ({counts[-1]})"
