"""What a queued command waits before the SIP thread runs it, and what the idle loop costs,
per transport: a UDP account rings its own transport (a CRLF keep-alive) to wake the poll; a
TCP/TLS account rings a loopback UDP socket connected to its ringer (see softphone/sip/
doorbell.py); where no bell can be had, the loop polls every 10 ms. Run:

    uv run python -m tests.bench.command_wake [--dials 30] [--idle 20] [--transports udp,tcp,tls]

"command" is stdin `dial` written → the `call_state calling` event read (the command run on the
SIP thread, the INVITE built and sent, the event written). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from tests.bench.idle import idle_cost
from tests.integration.lab.kamailio import Kamailio
from tests.integration.peers.agent_process import (
    AgentProcess,
    agent_env,
    store_password,
    write_profile,
)

USERS = {"agent1": "secret1", "agent2": "secret2", "agent3": "secret3"}


def start_agent(workdir: Path, kamailio: Kamailio, transport: str) -> AgentProcess:
    home = workdir / f"home-{transport}"
    sip = {"server": kamailio.server(transport), "user": "agent1", "transport": transport}
    if transport == "tls":
        sip["ca_file"] = kamailio.ca_file
    folder = write_profile(home / "profile", sip)
    env = agent_env(home)
    store_password(folder, "secret1", env)
    agent = AgentProcess(folder, env)
    agent.expect("registered", timeout=20)
    return agent


def dial_times_ms(agent: AgentProcess, dials: int) -> list[float]:
    times = []
    for _ in range(dials):
        time.sleep(0.2)  # the loop is idle (asleep in its poll) when the command comes
        began = time.perf_counter()
        agent.send("dial", number="sip:nobody@127.0.0.1")
        call = agent.expect("call_state", state="calling", timeout=10)["call"]
        times.append((time.perf_counter() - began) * 1000)
        agent.expect("call_ended", call=call, timeout=10)
    return times


def measure(transport: str, dials: int, idle_s: float) -> tuple[list[float], float]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        kamailio = Kamailio(workdir / "kamailio", USERS, {})
        kamailio.workdir.mkdir()
        kamailio.start()
        try:
            agent = start_agent(workdir, kamailio, transport)
            try:
                _, cpu = idle_cost(agent.proc.pid, idle_s)
                return dial_times_ms(agent, dials), cpu
            finally:
                agent.stop()
        finally:
            kamailio.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dials", type=int, default=30)
    parser.add_argument("--idle", type=float, default=20.0)
    parser.add_argument("--transports", default="udp,tcp,tls")
    args = parser.parse_args()
    rows = {}
    for transport in args.transports.split(","):
        times, cpu = measure(transport, args.dials, args.idle)
        cuts = statistics.quantiles(times, n=20)
        rows[transport] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(cuts[18], 2),
            "idle_cpu_pct": round(cpu, 2),
        }
    print(f"\ncommand → event, {args.dials} dials; idle CPU over {args.idle:.0f} s")
    for transport, row in rows.items():
        print(f"{transport:<5}{json.dumps(row)}")


if __name__ == "__main__":
    main()
