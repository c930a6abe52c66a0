"""A busy GIL inside a benchmarked agent: imported by Python at start-up when this folder is on
PYTHONPATH (audio_path puts it there only for the "busy GIL" run).

BENCH_GIL_LOAD_THREADS threads each run pure-Python work shaped like a sync backlog draining
(build a record, JSON-encode it, decode it, compare) without sleeping, so every other Python
thread of the agent, the audio bridge's callbacks included, competes for the GIL at the
interpreter's switch interval. They start working once the file BENCH_GIL_LOAD_FLAG exists (the
benchmark creates it when the call is up), so the agent's start-up and registration are not
slowed. Nothing here touches the agent's own objects.
"""

from __future__ import annotations

import json
import os
import threading
import time


def _drain_forever() -> None:
    flag = os.environ.get("BENCH_GIL_LOAD_FLAG", "")
    while flag and not os.path.exists(flag):
        time.sleep(0.1)  # sleeping releases the GIL: no load until the call is up
    n = 0
    while True:
        record = {"call": n, "number": f"+4930{n:08d}", "events": list(range(20)), "ok": True}
        if json.loads(json.dumps(record)) != record:
            raise AssertionError("a JSON round trip changed a record")
        n += 1


for _ in range(int(os.environ.get("BENCH_GIL_LOAD_THREADS", "0"))):
    threading.Thread(target=_drain_forever, name="bench-gil-load", daemon=True).start()
