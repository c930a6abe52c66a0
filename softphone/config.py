"""Typed settings of one agent profile: `softphone.toml` in the profile folder.

A profile folder holds the settings file and the profile's local data. The SIP password is never
here: it lives in the OS keyring (see `softphone.secrets`). Unknown keys are refused with the
section and key named, so a typo in a settings file is an error, not a silent default.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)

SETTINGS_FILE = "softphone.toml"
TRANSPORTS = ("udp", "tcp", "tls")
SRTP_MODES = ("off", "optional", "mandatory")
DTMF_MODES = ("rfc2833", "info")
CLICK_TO_DIAL_MODES = ("confirm", "dial")
ECHO_MODES = ("auto", "on", "off")  # [audio] echo_cancellation
LANGUAGES = ("auto", "en", "zh_CN")


class ConfigError(ValueError):
    """The settings file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class SipSettings:
    server: str = ""
    user: str = ""
    domain: str = ""
    transport: str = "udp"
    srtp: str = "off"
    outbound_proxy: str = ""
    register_expires_s: int = 300
    verify_server: bool = True
    ca_file: str = ""
    local_port: int = 0
    dtmf: str = "rfc2833"
    stun_server: str = ""
    # Only the registrar / outbound proxy may send the agent requests (calls, subscriptions);
    # SBCs or media servers that also do are listed here: "10.0.0.7, sbc.example.com, 10.1.0.0/24"
    trusted_sources: str = ""
    realm: str = ""  # the digest realm the password is for; empty = the SIP domain
    # The skill group of each line (called number) the PBX does not name in X-Skill-Group:
    # "+18005550100 = Billing, 4008001234 = Support" (softphone.sip.offer).
    line_groups: str = ""
    # false: no REGISTER; the server is a peer that calls the agent directly (the demo's
    # customer line on loopback), and still the one source trusted to ring it
    register: bool = True

    @property
    def host(self) -> str:
        host, _, _ = split_host_port(self.server)
        return host

    @property
    def sip_domain(self) -> str:
        return self.domain or self.host

    @property
    def auth_realm(self) -> str:
        return self.realm or self.sip_domain

    @property
    def line_group_map(self) -> dict[str, str]:
        pairs = (entry.partition("=") for entry in self.line_groups.split(","))
        return {number.strip(): group.strip() for number, _, group in pairs if group.strip()}

    @property
    def trusted_source_list(self) -> tuple[str, ...]:
        return tuple(e.strip() for e in self.trusted_sources.split(",") if e.strip())


@dataclass(frozen=True)
class AudioSettings:
    input: str = ""
    output: str = ""
    ring: str = ""
    # Cleaning the agent's voice (softphone.devices.voice_cleaning): echo cancellation "auto"
    # (on, unless the sound server says the output is a headset), "on" or "off".
    echo_cancellation: str = "auto"
    noise_suppression: bool = True
    auto_gain: bool = True
    high_pass: bool = True


@dataclass(frozen=True)
class ReadinessSettings:
    """Where the readiness check warns (Twilio's preflight warning lines by default)."""

    max_rtt_ms: float = 400.0
    max_jitter_ms: float = 30.0
    max_loss_pct: float = 3.0
    min_mos: float = 3.5
    camera: str = ""  # camera name as the OS shows it; empty = the default camera
    probe_packets: int = 20  # SIP OPTIONS sent by the network quality probe
    sip_transports: str = ""  # more transports to try, e.g. "udp,tcp,tls:5061"
    required_for_available: bool = False  # going available needs a check that did not fail
    valid_for_min: int = 480  # … and that is not older than this (a shift)


@dataclass(frozen=True)
class CentralSettings:
    """The central service this agent syncs to; empty url = none (the outbox simply waits)."""

    url: str = ""
    user: str = ""


@dataclass(frozen=True)
class JournalSettings:
    call_retention_days: int = 183


@dataclass(frozen=True)
class RecordingSettings:
    """Call recording (issue 17); the center's `recording` settings override these."""

    mode: str = "never"  # "always" | "on_demand" (the agent's record button) | "never"
    channels: str = "split"  # "split": agent and customer each a channel; "mixed": one channel
    keep_days: int = 0  # days a recording stays on the device after the center confirmed it
    consent_prompt: str = ""  # a WAV file played to the customer before recording starts


RECORDING_MODES = ("always", "on_demand", "never")
RECORDING_CHANNELS = ("split", "mixed")


def check_recording(recording: RecordingSettings) -> None:
    if recording.mode not in RECORDING_MODES:
        raise ConfigError(f"[recording] mode must be one of {', '.join(RECORDING_MODES)}")
    if recording.channels not in RECORDING_CHANNELS:
        raise ConfigError(f"[recording] channels must be one of {', '.join(RECORDING_CHANNELS)}")
    if recording.keep_days < 0:
        raise ConfigError("[recording] keep_days must not be negative")


@dataclass(frozen=True)
class GuiSettings:
    """How the desktop app lives on the desktop."""

    # A tel:/sip:/callto: link: "confirm" puts the number on the dial line for the agent to
    # press Call; "dial" dials at once (through the compliance gate either way).
    click_to_dial: str = "confirm"
    close_to_tray: bool = True  # closing the window while signed in keeps the app in the tray
    language: str = "auto"  # "auto" (the OS's) | "en" | "zh_CN"
    start_at_login: bool = False  # mirrored into the OS's autostart (softphone.autostart)
    center_unreachable_notify_min: float = 5.0  # notify when the center is away this long
    wrap_up_warning_s: int = 30  # notify this long before a timed wrap-up ends (0: never)
    # [gui.shortcuts] action = "key sequence" over the defaults (Help › Keyboard shortcuts
    # lists the actions); checked by softphone.gui.shortcuts, which knows key sequences.
    shortcuts: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    sip: SipSettings = field(default_factory=SipSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    readiness: ReadinessSettings = field(default_factory=ReadinessSettings)
    central: CentralSettings = field(default_factory=CentralSettings)
    journal: JournalSettings = field(default_factory=JournalSettings)
    gui: GuiSettings = field(default_factory=GuiSettings)
    recording: RecordingSettings = field(default_factory=RecordingSettings)


def default_profile_folder() -> Path:
    """The profile used when none is named: the desktop app's, in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("softphone", appauthor=False)) / "default"


@dataclass(frozen=True)
class Profile:
    """A profile folder and the settings read from it (with the machine's provisioning)."""

    folder: Path
    settings: Settings
    locked: frozenset[str] = frozenset()  # "section.key" IT locked: shown read-only

    @property
    def data_dir(self) -> Path:
        return self.folder


def split_host_port(server: str) -> tuple[str, int | None, str]:
    """`host[:port]` (IPv6 in brackets) → (host, port or None, the text as given)."""
    text = server.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:
        host, port_text = text, ""
    if port_text and not port_text.isdigit():
        raise ConfigError(f"[sip] server: port {port_text!r} is not a number")
    return host, int(port_text) if port_text else None, text


def _section(raw: dict[str, Any], name: str, cls: type[Any]) -> Any:
    values = raw.get(name, {})
    if not isinstance(values, dict):
        raise ConfigError(f"[{name}] must be a table")
    known = {f.name: f for f in fields(cls)}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"[{name}] unknown key {key!r}")
        expected = type(getattr(cls(), key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            values = {**values, key: float(value)}  # `max_rtt_ms = 400` means 400.0
            continue
        if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
            raise ConfigError(f"[{name}] {key} must be a {expected.__name__}")
    return cls(**values)


def _check(settings: Settings) -> None:
    sip = settings.sip
    if sip.transport not in TRANSPORTS:
        raise ConfigError(f"[sip] transport must be one of {', '.join(TRANSPORTS)}")
    if sip.srtp not in SRTP_MODES:
        raise ConfigError(f"[sip] srtp must be one of {', '.join(SRTP_MODES)}")
    if sip.dtmf not in DTMF_MODES:
        raise ConfigError(f"[sip] dtmf must be one of {', '.join(DTMF_MODES)}")
    if sip.server:
        split_host_port(sip.server)
    for entry in sip.trusted_source_list:
        if not _is_source(entry):
            raise ConfigError(
                f"[sip] trusted_sources: {entry!r} is not an address, network or name"
            )
    if settings.audio.echo_cancellation not in ECHO_MODES:
        raise ConfigError(f"[audio] echo_cancellation must be one of {', '.join(ECHO_MODES)}")
    ready = settings.readiness
    if min(ready.max_rtt_ms, ready.max_jitter_ms, ready.max_loss_pct, ready.min_mos) < 0:
        raise ConfigError("[readiness] thresholds must not be negative")
    if ready.valid_for_min < 1:
        raise ConfigError("[readiness] valid_for_min must be at least 1")
    if not 1 <= ready.probe_packets <= 200:
        raise ConfigError("[readiness] probe_packets must be between 1 and 200")
    for entry in filter(None, (e.strip().lower() for e in ready.sip_transports.split(","))):
        name, _, port = entry.partition(":")
        if name not in TRANSPORTS or (port and not port.isdigit()):
            raise ConfigError(f"[readiness] sip_transports: {entry!r} is not udp|tcp|tls[:port]")
    url = settings.central.url
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError("[central] url must start with http:// or https://")
    if url and not settings.central.user:
        raise ConfigError("[central] user is needed with a url")
    if settings.journal.call_retention_days < 1:
        raise ConfigError("[journal] call_retention_days must be at least 1")
    if settings.gui.click_to_dial not in CLICK_TO_DIAL_MODES:
        raise ConfigError(f"[gui] click_to_dial must be one of {', '.join(CLICK_TO_DIAL_MODES)}")
    if settings.gui.language not in LANGUAGES:
        raise ConfigError(f"[gui] language must be one of {', '.join(LANGUAGES)}")
    check_recording(settings.recording)
    for action, keys in settings.gui.shortcuts.items():
        if not isinstance(keys, str):
            raise ConfigError(
                f'[gui.shortcuts] {action} must be a key sequence like "Ctrl+Shift+H"'
            )


def _is_source(entry: str) -> bool:
    """An IP address, a network (10.1.0.0/24) or a host name (resolved when the engine starts)."""
    try:
        ipaddress.ip_network(entry, strict=False)
        return True
    except ValueError:
        return "/" not in entry and all(c.isalnum() or c in "-." for c in entry)


def parse_settings(text: str) -> Settings:
    return settings_from_raw(_read_toml(text))


def _read_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{SETTINGS_FILE} is not valid TOML: {exc}") from exc


def settings_from_raw(raw: dict[str, Any]) -> Settings:
    unknown = set(raw) - {"sip", "audio", "readiness", "central", "journal", "gui", "recording"}
    # Later sections (central, compliance …) belong to other parts; keep them for those parts
    # rather than refusing a file written for a newer version.
    del unknown
    settings = Settings(
        sip=_section(raw, "sip", SipSettings),
        audio=_section(raw, "audio", AudioSettings),
        readiness=_section(raw, "readiness", ReadinessSettings),
        central=_section(raw, "central", CentralSettings),
        journal=_section(raw, "journal", JournalSettings),
        gui=_section(raw, "gui", GuiSettings),
        recording=_section(raw, "recording", RecordingSettings),
    )
    _check(settings)
    return settings


def load_profile(folder: Path | str) -> Profile:
    path = Path(folder).expanduser()
    settings_path = path / SETTINGS_FILE
    if not settings_path.is_file():
        raise ConfigError(f"no {SETTINGS_FILE} in profile {path}")
    try:
        text = settings_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {settings_path}: {exc}") from exc
    # IT's provisioning file applies to every profile; its locked keys win (softphone.provisioning).
    from softphone.provisioning import effective_raw, load_provisioning

    provisioning = load_provisioning()
    raw, ignored = effective_raw(_read_toml(text), provisioning)
    for warning in ignored:
        log.warning("%s", warning)
    return Profile(path, settings_from_raw(raw), provisioning.locked)
