"""The app's translations: Qt Linguist sources resources/translations/softphone_<lang>.ts, kept in
step with every string of softphone/gui and ui/*.ui, compiled to .qm beside them.

    uv run python packaging/dev/translations.py            # update the .ts files, compile .qm
    uv run python packaging/dev/translations.py --check    # exit 1: stale .ts or untranslated text
    uv run python packaging/dev/translations.py --compile  # .qm only (build.spec, dev setup)

`pyside6-lupdate` (shipped in the PySide6 wheel) extracts the strings. Our modules translate
through a module-level helper, `def tr(text): return QCoreApplication.translate("Ctx", text)`,
which lupdate cannot see through: it files those strings under an empty context. They are moved
here to the helper's context, the one the app asks for at run time. The .ts then merges what
translators wrote before (finished or not); strings no longer in the code are dropped. Messages
carry no line numbers, so moving code does not touch the .ts. `pyside6-lrelease` compiles.
tests/gui/test_translations.py fails on a stale .ts or an untranslated string and lists them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
GUI = ROOT / "softphone" / "gui"
# `def tr(text) -> str:`, an optional docstring, then `return Qt….translate("Context", …`
_HELPER = re.compile(
    r'^def tr\(.*?\n(?:\s+""".*?"""\n)?\s+return \w+\.translate\(\s*"([^"]+)"', re.M | re.S
)


@dataclass(frozen=True, order=True)
class Key:
    context: str
    source: str
    comment: str = ""


@dataclass
class Message:
    translation: str = ""
    finished: bool = False


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"softphone_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"softphone_{language}.qm"


def sources(root: Path = ROOT) -> list[Path]:
    """What lupdate reads: our GUI modules (not the forms uic generates: their .ui is read)."""
    gui = root / "softphone" / "gui"
    modules = [p for p in sorted(gui.rglob("*.py")) if "forms" not in p.relative_to(gui).parts]
    return modules + sorted((root / "ui").glob("*.ui"))


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)  # the virtualenv's own
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: run this inside the project's environment")
    return found


def extract(root: Path = ROOT) -> list[Key]:
    """Every translatable string in the sources, under the context the app looks it up in."""
    with tempfile.TemporaryDirectory(prefix="softphone-lupdate-") as scratch:
        fresh = Path(scratch) / "fresh.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), "-silent", "-locations", "absolute"]
            + [str(p) for p in sources(root)]
            + ["-ts", str(fresh)],
            check=True,
            capture_output=True,
        )
        tree = ET.parse(fresh)
    keys: set[Key] = set()
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            comment = message.findtext("comment") or ""
            for where in _contexts(name, message, fresh.parent):
                keys.add(Key(where, source, comment))
    return sorted(keys)


def _contexts(name: str, message: ET.Element, base: Path) -> list[str]:
    """The context(s) of one extracted message: lupdate's, or that of the `tr` helper of each
    file it came from."""
    if name:
        return [name]
    found = []
    for location in message.iter("location"):
        path = (base / location.get("filename", "")).resolve()
        helper = _HELPER.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if helper is None:
            raise SystemExit(f"{path}: tr() without a context helper (see {__file__})")
        found.append(helper.group(1))
    return found


def read_ts(path: Path) -> dict[Key, Message]:
    if not path.exists():
        return {}
    known = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = Key(name, message.findtext("source") or "", message.findtext("comment") or "")
            element = message.find("translation")
            text = "" if element is None else (element.text or "")
            finished = element is not None and element.get("type") is None and bool(text)
            known[key] = Message(text, finished)
    return known


def merged(keys: list[Key], known: dict[Key, Message]) -> dict[Key, Message]:
    return {key: known.get(key, Message()) for key in keys}


def write_ts(path: Path, language: str, messages: dict[Key, Message]) -> None:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="en">',
    ]
    for context in sorted({key.context for key in messages}):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for key in sorted(k for k in messages if k.context == context):
            message = messages[key]
            state = "" if message.finished else ' type="unfinished"'
            lines += ["    <message>", f"        <source>{_text(key.source)}</source>"]
            if key.comment:
                lines.append(f"        <comment>{_text(key.comment)}</comment>")
            lines += [
                f"        <translation{state}>{_text(message.translation)}</translation>",
                "    </message>",
            ]
        lines.append("</context>")
    lines.append("</TS>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _text(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


@dataclass(frozen=True)
class Problems:
    new: list[Key]  # in the code, not in the .ts
    gone: list[Key]  # in the .ts, no longer in the code
    untranslated: list[Key]  # in the .ts with no finished translation
    # Finished translations whose {fields} differ from the source's: `.format` would raise.
    mismatched: list[Key] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.new or self.gone or self.untranslated or self.mismatched)

    def report(self, language: str) -> str:
        lines = [f"  new:          [{k.context}] {k.source!r}" for k in self.new]
        lines += [f"  gone:         [{k.context}] {k.source!r}" for k in self.gone]
        lines += [f"  untranslated: [{k.context}] {k.source!r}" for k in self.untranslated]
        lines += [f"  {{fields}} differ: [{k.context}] {k.source!r}" for k in self.mismatched]
        if not lines:
            return ""
        fix = "uv run python packaging/dev/translations.py, then translate in the .ts"
        return f"{ts_path(language).relative_to(ROOT)} ({fix}):\n" + "\n".join(lines)


def problems(language: str, keys: list[Key] | None = None) -> Problems:
    keys = extract() if keys is None else keys
    known = read_ts(ts_path(language))
    return Problems(
        new=[k for k in keys if k not in known],
        gone=sorted(k for k in known if k not in set(keys)),
        untranslated=[k for k in keys if k in known and not known[k].finished],
        mismatched=[
            k
            for k in keys
            if k in known
            and known[k].finished
            and _fields(k.source) != _fields(known[k].translation)
        ],
    )


_FIELD = re.compile(r"(?<!\{)\{([^{}]*)\}")


def _fields(text: str) -> list[str]:
    return sorted(_FIELD.findall(text))


def update() -> None:
    keys = extract()
    for language in LANGUAGES:
        path = ts_path(language)
        write_ts(path, language, merged(keys, read_ts(path)))
        print(path.relative_to(ROOT))


def compile_all(target: Path = TRANSLATIONS) -> list[Path]:
    """The .qm of every language, in `target` (default: beside the .ts)."""
    made = []
    for language in LANGUAGES:
        qm = target / qm_path(language).name
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts_path(language)), "-qm", str(qm)],
            check=True,
        )
        made.append(qm)
    return made


def main(argv: list[str]) -> int:
    if "--check" in argv:
        keys = extract()
        found = [problems(language, keys) for language in LANGUAGES]
        for language, problem in zip(LANGUAGES, found, strict=True):
            if problem:
                print(problem.report(language))
        return 1 if any(found) else 0
    if "--compile" not in argv:
        update()
    for qm in compile_all():
        print(qm.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
