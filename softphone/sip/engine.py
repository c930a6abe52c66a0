"""The SIP engine: the one thread that owns pjsua2, the commands it runs, the events it publishes.

Everything pjsua2 is created, used and destroyed on this thread (DESIGN.md "Threads and
lifetimes"). Other threads call the public methods, which queue a command and return a Future;
the thread runs queued commands between `libHandleEvents` polls. A queued command rings a
doorbell (`doorbell`: no door for strangers) to wake the poll at once, so a dial reaches the
wire in well under a millisecond while the idle loop still sleeps.
"""

from __future__ import annotations

import gc
import itertools
import logging
import math
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

import pjsua2 as pj

from softphone.config import SipSettings, split_host_port
from softphone.events import ErrorEvent, Event, EventBus
from softphone.sip import setup
from softphone.sip.account import AgentAccount
from softphone.sip.bridge import BridgePort, FramePipe, FrameTap
from softphone.sip.call import AgentCall
from softphone.sip.connections import ConnectionGuard
from softphone.sip.context import Referee
from softphone.sip.doorbell import Doorbell
from softphone.sip.guard import callback
from softphone.sip.logwriter import PjLogWriter
from softphone.sip.media_clock import MediaClock
from softphone.sip.network_watch import CHECK_INTERVAL_S, NetworkWatch, local_address_towards
from softphone.sip.pace import CallPace
from softphone.sip.quiet import stdout_to_stderr
from softphone.sip.timers import Timers
from softphone.sip.trace import TraceStore
from softphone.sip.trust import SourceGate

log = logging.getLogger(__name__)

T = TypeVar("T")
# Commands ring the doorbell, pjsip wakes for its own timers and the poll is cut short for ours:
# an idle agent's SIP thread wakes once a second (each wake costs a Python round trip; at 10 a
# second that was ~0.3 % of a core, most of an idle window's CPU after its clock).
POLL_MS = 1000
SHUTDOWN_POLL_MS = 100
POLL_WITHOUT_DOORBELL_MS = 10  # no doorbell on this system: a command waits ≤ 10 ms
_SHUTDOWN_DRAIN_S = 2.0
_COLLECT_AFTER_S = 1.0


class EngineError(RuntimeError):
    """The engine could not do what was asked; the message is for the agent."""


class SipEngine:
    def __init__(self, bus: EventBus, sip: SipSettings, password: str) -> None:
        self.bus = bus
        self.sip = sip
        self._password = password
        self._commands: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._stopping = False
        self._doorbell = Doorbell()
        self.timers = Timers()
        self.clock = MediaClock(self._audio_devices, self.timers.schedule, self.timers.cancel)
        self.trim = self.clock.trim  # the calls' streams report to it
        self.pace = CallPace()
        self.traces = TraceStore()
        self.referee: Referee | None = None  # the outbound desk's, through SipPhone.take_dialer
        self.calls: dict[str, AgentCall] = {}
        self._released: list[AgentCall] = []
        self._collect: object | None = None
        self._call_numbers = itertools.count(1)
        self.sip_port = 0
        self.listen_ports: dict[str, int] = {}
        self.sources = SourceGate(sip)
        self._poll_ms = POLL_MS
        # Owned by the SIP thread:
        self._ep: pj.Endpoint | None = None
        self._writer: PjLogWriter | None = None
        self.bridge: BridgePort
        self.audio_tap: FrameTap | None = None
        self.account: AgentAccount | None = None

    # --- lifecycle (any thread) ------------------------------------------------------------

    def start(self, timeout_s: float = 15.0) -> None:
        self._thread = threading.Thread(target=self._run, name="sip", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout_s):
            raise EngineError("the SIP engine did not start in time")
        if self._startup_error is not None:
            raise EngineError(f"the SIP engine could not start: {self._startup_error}")

    def stop(self, timeout_s: float = 15.0) -> None:
        thread = self._thread
        if thread is None or not thread.is_alive():
            return
        self._stopping = True
        self._ring()
        thread.join(timeout_s)
        if thread.is_alive():
            log.error("the SIP thread did not stop within %.0f s", timeout_s)

    def submit(self, command: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        if self._stopping or self._thread is None:
            future.set_exception(EngineError("the SIP engine is not running"))
            return future
        self._commands.put((command, future))
        self._ring()
        return future

    def publish(self, event: Event) -> None:
        self.bus.publish(event)

    def set_audio_tap(self, tap: FrameTap | None) -> None:
        """Install the call recorder's tap (kept for a bridge made later, at start-up)."""
        self.audio_tap = tap
        bridge = getattr(self, "bridge", None)
        if bridge is not None:
            bridge.tap = tap

    def set_audio_pipe(self, pipe: FramePipe | None) -> None:
        """Install the device side of call audio (read by pjmedia's clock thread; one store)."""
        bridge = getattr(self, "bridge", None)  # gone once the engine has shut down
        if bridge is not None:
            bridge.pipe = pipe
            self._let_microphone_drive(pipe)

    def _let_microphone_drive(self, pipe: FramePipe | None) -> None:
        """A pipe whose microphone can tick the conference is given the drive (conference_drive);
        the media clock decides when it does."""
        drive = self.clock.drive
        offer_to = getattr(pipe, "drive_with", None)
        driven = getattr(pipe, "capture_driven", None)
        if not drive.available or offer_to is None or driven is None:
            drive.on_switch = None
            return
        offer_to(drive.offer)
        drive.on_switch = driven
        driven(drive.driving)

    # --- the SIP thread --------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._create()
        except BaseException as exc:  # reported to start(), then the thread ends
            log.exception("SIP engine start-up failed")
            self._startup_error = exc
            self._destroy()
            self._ready.set()
            return
        self._ready.set()
        try:
            while not self._stopping:
                self._poll_once()
        finally:
            self._shutdown()

    def _poll_once(self) -> None:
        assert self._ep is not None
        self._ep.libHandleEvents(self._poll_wait_ms())
        if self._run_commands():
            # A command (makeCall, answer…) may leave work pjsip does on its next poll, such
            # as sending the INVITE once the media transport is ready: do it now, not after
            # a full poll timeout.
            for _ in range(4):
                if self._ep.libHandleEvents(0) <= 0:
                    break
        self.timers.run_due()
        if self._released:
            self._drop_released_calls()

    def _poll_wait_ms(self) -> int:
        due_in = self.timers.next_due_in()
        if due_in is None:
            return self._poll_ms
        return min(self._poll_ms, math.ceil(due_in * 1000))

    def _drop_released_calls(self) -> None:
        # pjsua2 is done with calls released on an earlier turn. Their C++ destructors call
        # pjlib, which aborts the process on a thread pjlib does not know: so the last reference
        # must go here, and any cycle through them is collected here too, not by a GC pass that
        # happens to start on the GUI or the audio thread. The collection waits for a quiet
        # moment: a full pass costs milliseconds that a dial right after a hang-up should not.
        self._released.clear()
        if self._collect is not None:
            self.timers.cancel(self._collect)
        self._collect = self.timers.schedule(_COLLECT_AFTER_S, self._collect_now)

    def _collect_now(self) -> None:
        self._collect = None
        gc.collect()

    def _run_commands(self) -> bool:
        ran = False
        while True:
            try:
                command, future = self._commands.get_nowait()
            except queue.Empty:
                return ran
            ran = True
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(command())
            except pj.Error as exc:
                future.set_exception(EngineError(_pj_message(exc)))
            except Exception as exc:
                future.set_exception(exc)

    def _create(self) -> None:
        guard = ConnectionGuard(self.sources, self._shut_connection, self._on_connection_lost)
        ep = AgentEndpoint(guard)
        self._ep = ep
        with stdout_to_stderr():
            ep.libCreate()
        self._writer = PjLogWriter(self.traces, guard.noticed_log)
        cfg = setup.endpoint_config(
            self._writer,
            media_ioqueue=self.clock.reader.available,
            drift_trimmed=self.trim.available,
        )
        if self.sip.stun_server:
            cfg.uaConfig.stunServer.append(self.sip.stun_server)
        ep.libInit(cfg)
        self.clock.reader.attach()
        setup.prefer_codecs(ep)
        transport_id = self._create_transports(ep)
        ep.libStart()
        self.clock.start_idle()  # audio goes through our bridge; the clock runs during calls
        self.bridge = BridgePort()
        self.bridge.tap = self.audio_tap
        self.bridge.create()
        if self.sip.server and self.sip.user:
            self._create_account(transport_id)
            self._watch_network()

    def _create_transports(self, ep: pj.Endpoint) -> int:
        """One listener, of the account's transport, on the address facing the server."""
        facing = self._address_facing_server()
        kind = self.sip.transport
        transport = ep.transportCreate(
            setup.transport_type(kind), setup.transport_config(self.sip, kind, facing)
        )
        self.sip_port = _port_of(ep, transport)
        self.listen_ports[kind] = self.sip_port
        if kind == "udp":
            self._doorbell.ring_transport(facing or "127.0.0.1", self.sip_port)
        elif not self._doorbell.install_private(ep):
            self._poll_ms = POLL_WITHOUT_DOORBELL_MS
        self.sources.refresh()
        return int(transport)

    def _address_facing_server(self) -> str | None:
        """Our address on the route to the server, for Via and Contact. pjsua would say the
        default interface's: on a laptop with a VPN (how agents at home reach the PBX), or with
        the server on loopback, the server answers the first REGISTER with `received=`, pjsua
        rewrites its Contact and starts the registration over — a round trip lost on every
        start. pjsua's Contact rewrite still corrects this address behind NAT."""
        host, port, _ = split_host_port(self.sip.outbound_proxy or self.sip.server)
        facing = local_address_towards(host, port or 5060) if host else ""
        return facing if facing.count(".") == 3 else None  # our transports are IPv4

    def _ring(self) -> None:
        if threading.current_thread() is not self._thread:
            self._doorbell.ring()

    def _create_account(self, transport_id: int) -> None:
        name = f"{self.sip.user}@{self.sip.sip_domain}"
        account = AgentAccount(
            self, name, self.sources, self.sip.auth_realm, self.sip.line_group_map
        )
        account.create(setup.account_config(self.sip, self._password, transport_id))
        self.account = account

    def _shut_connection(self, handle: object) -> None:
        assert self._ep is not None
        self._ep.transportShutdown(handle)

    def _on_connection_lost(self) -> None:
        # A TCP/TLS connection we opened to the server dropped (server restart, NAT timeout):
        # pjsua does not re-register by itself when its own retry is off, so the account retries
        # now. Connections strangers opened to us do not count (`connections`).
        if self.account is not None and not self._stopping:
            self.account.connection_lost()

    def _watch_network(self) -> None:
        host, port, _ = split_host_port(self.sip.server)
        watch = NetworkWatch(host, port or 5060)

        def check() -> None:
            if watch.changed():
                log.info("local address toward %s is now %s: re-registering", host, watch.last)
                self.handle_ip_change()
            self.timers.schedule(CHECK_INTERVAL_S, check)

        self.timers.schedule(CHECK_INTERVAL_S, check)

    # --- what accounts and calls ask of the engine (SIP thread) ----------------------------

    def schedule(self, delay_s: float, action: Callable[[], None]) -> object:
        return self.timers.schedule(delay_s, action)

    def cancel(self, handle: object) -> None:
        self.timers.cancel(handle)

    def adopt_call(self, call: AgentCall) -> str:
        self.clock.call_needs_it()
        call.key = f"c{next(self._call_numbers)}"
        self.calls[call.key] = call
        return call.key

    def release_call(self, call: AgentCall) -> None:
        # Called from inside the call's own callback: keep the object alive until the next turn.
        self.calls.pop(call.key, None)
        self._released.append(call)
        if not self.calls:
            self.clock.calls_gone()

    def _audio_devices(self) -> pj.AudDevManager:
        assert self._ep is not None
        return self._ep.audDevManager()

    def live_call_count(self) -> int:
        return sum(1 for call in self.calls.values() if not call.ended)

    # --- shutdown (SIP thread) -------------------------------------------------------------

    def _shutdown(self) -> None:
        # Each step is a method of its own: a local name bound to a Call or an Account here
        # would outlive `_destroy`, and its C++ destructor would then run after libDestroy
        # (pjsua_call_set_user_data asserts and aborts the process: quitting while a call rang).
        self._fail_pending_commands()
        if self._ep is not None:
            self._hang_up_all()
            self._sign_off()
        self._destroy()

    def _hang_up_all(self) -> None:
        if not self.calls:
            return
        for key in list(self.calls):
            self.calls[key].hung_up_by = self.calls[key].hung_up_by or "agent"
        assert self._ep is not None
        self._ep.hangupAllCalls()
        self._drain_until(lambda: not self.calls)

    def _sign_off(self) -> None:
        if self.account is None:
            return
        self.account.sign_off()
        self._drain_until(lambda: self.account is None or not self.account.registered)

    def _drain_until(self, done: Callable[[], bool]) -> None:
        assert self._ep is not None
        deadline = time.monotonic() + _SHUTDOWN_DRAIN_S
        while not done() and time.monotonic() < deadline:
            self._ep.libHandleEvents(SHUTDOWN_POLL_MS)
            self.timers.run_due()

    def _fail_pending_commands(self) -> None:
        while True:
            try:
                _, future = self._commands.get_nowait()
            except queue.Empty:
                return
            if future.set_running_or_notify_cancel():
                future.set_exception(EngineError("the SIP engine is stopping"))

    def _destroy(self) -> None:
        if self._ep is not None:
            # The clock thread calls the bridge port; it must be quiet before the port goes,
            # or a tick lands in a half-destroyed Python object.
            self.clock.stop()
        self.timers.clear()
        self.calls.clear()
        self._released.clear()
        if self.account is not None:
            assert self._writer is not None  # made before the account, dropped after it
            with self._writer.errors_expected("the account is deleted at shutdown"):
                self.account.shutdown()
        self.account = None
        if hasattr(self, "bridge"):
            self.bridge.pipe = None
            del self.bridge
        gc.collect()
        if self._ep is not None:
            self.clock.reader.detach()  # pjmedia's ioqueue goes with the library
            self._ep.libDestroy()
            self._ep = None
        self._writer = None
        self._doorbell.close()

    # --- queries ---------------------------------------------------------------------------

    def find_call(self, key: str | None, prefer: Callable[[AgentCall], bool]) -> AgentCall:
        """The call a command is for: the one named, else the newest live call `prefer` likes."""
        if key:
            call = self.calls.get(key)
            if call is None or call.ended:
                raise EngineError(f"no call {key}")
            return call
        for call in reversed(list(self.calls.values())):
            if not call.ended and prefer(call):
                return call
        raise EngineError("no call to act on")

    def handle_ip_change(self) -> None:
        assert self._ep is not None
        self._ep.handleIpChange(pj.IpChangeParam())
        # pjsua restarts each listener on every address (same port): the account's listener
        # is then filtered by `trust` alone; the private doorbell is locked again.
        self._doorbell.after_ip_change()
        self.sources.refresh()

    def report(self, message: str, cmd: str = "") -> None:
        self.publish(ErrorEvent(message=message, cmd=cmd))


class AgentEndpoint(pj.Endpoint):  # type: ignore[misc]
    """The pjsua2 endpoint, with the one endpoint callback we need: TCP/TLS connections coming
    and going (see `connections`)."""

    def __init__(self, connections: ConnectionGuard) -> None:
        super().__init__()
        self.connections = connections

    @callback
    def onTransportState(self, prm: pj.OnTransportStateParam) -> None:
        if prm.state == pj.PJSIP_TP_STATE_CONNECTED:
            tls = prm.tlsInfo
            self.connections.connected(prm.hnd, str(tls.remoteAddr) if tls.established else "")
        elif prm.state == pj.PJSIP_TP_STATE_DISCONNECTED:
            self.connections.disconnected(prm.hnd)


def _port_of(ep: pj.Endpoint, transport_id: int) -> int:
    return int(str(ep.transportGetInfo(transport_id).localName).rpartition(":")[2])


def _pj_message(exc: pj.Error) -> str:
    try:
        return str(exc.info())
    except Exception:
        return "pjsua2 error"
