"""No INVITE leaves the app except through the compliance gate (DESIGN.md, "Boundaries").

import-linter keeps the GUI and the other areas away from softphone.sip; inside softphone.agent
this test keeps the SIP phone's `dial` to the one module that asks the gate first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import softphone

PACKAGE = Path(softphone.__file__).parent
GATED = PACKAGE / "agent" / "outbound.py"


def _modules_outside_the_engine() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "sip" not in p.relative_to(PACKAGE).parts[:1]]


def _phone_dials(path: Path) -> list[int]:
    """Lines calling `<something>.phone.dial(` or `phone.dial(` (the engine's dial)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "dial":
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if name == "phone":
            lines.append(node.lineno)
    return lines


def _imports_the_phone(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "softphone.sip.phone":
            return True
    return False


def test_only_the_outbound_desk_calls_the_engines_dial() -> None:
    callers = {p: _phone_dials(p) for p in _modules_outside_the_engine()}
    assert {p.name for p, lines in callers.items() if lines} == {GATED.name}


def test_the_sip_phone_is_built_only_by_the_session_and_used_by_the_outbound_desk() -> None:
    importers = {
        p.relative_to(PACKAGE).as_posix()
        for p in _modules_outside_the_engine()
        if _imports_the_phone(p)
    }
    assert importers == {"agent/session.py", "agent/outbound.py"}


def test_the_outbound_desk_asks_the_gate_before_it_dials() -> None:
    source = GATED.read_text(encoding="utf-8")
    assert source.index("self.gate.check(") < source.index("self.phone.dial(")
