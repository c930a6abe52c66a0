"""What the call card's level meter says in words: the voice-cleaning stages on this call
("Echo cancellation · Noise suppression · Auto gain"), what each one does (the tooltip), and
where a dBFS level sits on a 0-100 bar. Pure functions, so the words and the scale are tested
without a window.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

FLOOR_DBFS = -60.0  # the bar's empty end: quieter than a quiet room through a headset mic
BAR_MAX = 100
SEPARATOR = " · "

# The engine's stage names (softphone.devices.voice_cleaning.Stages.names), in the order the
# meter says them, each with its name and what it does for the agent.
STAGES = {
    "aec": (
        QT_TRANSLATE_NOOP("LevelTexts", "Echo cancellation"),
        QT_TRANSLATE_NOOP(
            "LevelTexts",
            "Echo cancellation: the customer does not hear their own voice coming back from"
            " your speaker into your microphone.",
        ),
    ),
    "ns": (
        QT_TRANSLATE_NOOP("LevelTexts", "Noise suppression"),
        QT_TRANSLATE_NOOP(
            "LevelTexts",
            "Noise suppression: steady background noise (fans, traffic, the room) is turned down.",
        ),
    ),
    "agc": (
        QT_TRANSLATE_NOOP("LevelTexts", "Auto gain"),
        QT_TRANSLATE_NOOP(
            "LevelTexts", "Auto gain: your voice reaches the customer at an even loudness."
        ),
    ),
    "hpf": (
        QT_TRANSLATE_NOOP("LevelTexts", "Rumble filter"),
        QT_TRANSLATE_NOOP(
            "LevelTexts", "Rumble filter: low hum and desk knocks below the voice are cut."
        ),
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("LevelTexts", text)


def bar_value(dbfs: float) -> int:
    """Where `dbfs` sits on the 0-100 bar: 0 at or below the floor (-60 dBFS), 100 at full
    scale, linear in dB between (as ears hear loudness, and as Zoom's and Linphone's meters do)."""
    span = -FLOOR_DBFS
    value = round(BAR_MAX * (min(max(dbfs, FLOOR_DBFS), 0.0) + span) / span)
    return max(0, min(BAR_MAX, value))


def eased(shown: int, target: int, elapsed_s: float, fall_per_s: float = 80.0) -> int:
    """The bar's next value: up at once (a syllable shows as it is said), down at most
    `fall_per_s` a second, so the bar does not flicker between the polls."""
    if target >= shown:
        return target
    return max(target, round(shown - fall_per_s * max(elapsed_s, 0.0)))


def stage_words(processing: tuple[str, ...]) -> str:
    """The stages on, in words ("Echo cancellation · Auto gain"), or "Voice cleaning off"."""
    words = [tr(str(STAGES[name][0])) for name in STAGES if name in processing]
    return SEPARATOR.join(words) if words else tr("Voice cleaning off")


def stage_tooltip(processing: tuple[str, ...]) -> str:
    """What each stage on does, one a line; and what it means when none is."""
    lines = [tr(str(STAGES[name][1])) for name in STAGES if name in processing]
    if not lines:
        return tr(
            "Your voice goes to the customer as your microphone captures it: no echo"
            " cancellation, noise suppression or auto gain on this call."
        )
    return "\n".join([tr("Your voice is cleaned before the customer hears it:"), *lines])
