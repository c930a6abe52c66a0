"""The blacklist store: imports replace a source, deltas change it without a rebuild, every
change is all-or-nothing, and damage is reported, never answered from."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import softphone.compliance.blacklist.store as store_module
from softphone.compliance.blacklist import BlacklistStore
from softphone.compliance.errors import BlacklistError

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def test_an_empty_store_is_a_valid_empty_list(tmp_path: Path) -> None:
    store = BlacklistStore(tmp_path / "none")
    assert store.listing("+12015550100", NOW) is None
    assert store.problems((), timedelta(days=1), NOW) == []


def test_import_replaces_the_whole_source(store: BlacklistStore) -> None:
    store.import_source("us-dnc", np.array([12015550100, 12015550101, 12015550100]), "US")
    assert store.contains("+12015550100") and store.contains("+12015550101")
    store.import_source("us-dnc", np.array([12015550102]), "US")
    assert not store.contains("+12015550100") and store.contains("+12015550102")
    assert store.state().sources["us-dnc"].count == 1
    # The old version's file is gone; only the current one is on disk.
    assert [p.name for p in store.folder.glob("us-dnc-*.efs")] == [
        store.state().sources["us-dnc"].segment
    ]


def test_deltas_change_a_source_without_rewriting_its_file(store: BlacklistStore) -> None:
    store.import_source("central", np.arange(12015550000, 12015551000))
    segment = store.state().sources["central"].segment
    store.apply_delta("central", added=[12015559999], removed=[12015550005])
    assert store.contains("+12015559999") and not store.contains("+12015550005")
    assert store.contains("+12015550006")
    assert store.state().sources["central"].segment == segment  # no rebuild
    store.apply_delta("central", added=[12015550005], removed=[12015559999])
    assert store.contains("+12015550005") and not store.contains("+12015559999")


def test_a_large_delta_is_folded_into_a_new_file(
    store: BlacklistStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "FOLD_AT", 10)
    store.import_source("central", np.arange(12015550000, 12015550100))
    store.apply_delta("central", added=range(12015560000, 12015560020), removed=[12015550000])
    source = store.state().sources["central"]
    assert (source.count, len(source.added), len(source.removed)) == (119, 0, 0)
    assert store.contains("+12015560019") and not store.contains("+12015550000")


def test_versions_count_up_and_other_readers_see_changes(
    store: BlacklistStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "RECHECK_S", 0.0)  # a reader looks again at every check
    reader = BlacklistStore(store.folder)
    assert reader.listing("+8613800138000", NOW) is None
    store.do_not_call("+8613800138000", "asked not to be called", "agent7", at=NOW)
    assert "asked not to be called — agent7, 2026-11-25" in str(
        reader.listing("+8613800138000", NOW)
    )
    assert reader.state().version == 1
    assert store.remove("+8613800138000") is not None
    assert reader.listing("+8613800138000", NOW) is None
    assert reader.state().version == 2
    assert store.remove("+8613800138000") is None


def test_a_crash_while_writing_leaves_the_old_version(
    store: BlacklistStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_source("us-dnc", np.array([12015550100]))

    def crash(path: Path, data: bytes) -> None:
        path.with_name(path.name + ".tmp").write_bytes(data[: len(data) // 2])
        raise OSError("power cut")

    monkeypatch.setattr(store_module, "write_atomically", crash)
    with pytest.raises(OSError):
        store.import_source("us-dnc", np.array([12015550199]))
    with pytest.raises(OSError):
        store.do_not_call("+12015550150", "asked", "agent7")
    monkeypatch.undo()
    survivor = BlacklistStore(store.folder)
    assert survivor.contains("+12015550100")
    assert not survivor.contains("+12015550199") and not survivor.contains("+12015550150")
    # The next write succeeds and clears the debris of the crashed one.
    survivor.import_source("us-dnc", np.array([12015550199]))
    assert survivor.contains("+12015550199")
    state = survivor.state()
    expected = {"manifest.json", "lock", state.entries_file, state.sources["us-dnc"].segment}
    assert {p.name for p in store.folder.iterdir()} == expected


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:-9]), "truncated"),
        (lambda p: p.write_bytes(p.read_bytes()[:40]), "truncated"),
        (lambda p: p.write_bytes(b"x" * p.stat().st_size), "not a blacklist file"),
        (lambda p: p.write_bytes(_flip(p.read_bytes(), 70)), "corrupt"),
        (lambda p: p.write_bytes(_flip(p.read_bytes(), 20)), "corrupt header"),
        (lambda p: p.unlink(), "missing"),
    ],
)
def test_a_damaged_list_file_is_a_clear_error(store: BlacklistStore, damage, says: str) -> None:  # type: ignore[no-untyped-def]
    store.import_source("us-dnc", np.arange(12015550000, 12015560000))
    damage(store.folder / store.state().sources["us-dnc"].segment)
    with pytest.raises(BlacklistError, match=says):
        BlacklistStore(store.folder).contains("+12015550100")


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


def test_a_corrupt_manifest_is_a_clear_error(store: BlacklistStore) -> None:
    store.do_not_call("+12015550100", "asked", "agent7")
    (store.folder / "manifest.json").write_text("{not json")
    with pytest.raises(BlacklistError, match=r"manifest\.json is corrupt"):
        BlacklistStore(store.folder).contains("+12015550100")


def test_the_manifest_records_sources_and_their_age(store: BlacklistStore) -> None:
    store.import_source("us-dnc", np.array([1, 2, 3]), "US", "/data/dnc.txt", at=NOW)
    manifest = json.loads((store.folder / "manifest.json").read_text())
    assert manifest["sources"]["us-dnc"]["count"] == 3
    assert manifest["sources"]["us-dnc"]["updated_at"] == NOW.isoformat()
    stale = store.problems(("us-dnc",), timedelta(days=31), NOW + timedelta(days=40))
    assert [r.code for r in stale] == ["blacklist_stale"]


@pytest.mark.parametrize("name", ["enterprise", "Bad Name", "", "../x"])
def test_source_names_are_checked(store: BlacklistStore, name: str) -> None:
    with pytest.raises(BlacklistError, match="source name"):
        store.import_source(name, np.array([1]))


def test_a_reason_is_required(store: BlacklistStore) -> None:
    with pytest.raises(BlacklistError, match="reason"):
        store.do_not_call("+12015550100", "  ", "agent7")


@settings(max_examples=40, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["import", "delta"]),
            st.lists(st.integers(12015550000, 12015550060), max_size=30),
            st.lists(st.integers(12015550000, 12015550060), max_size=10),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_imports_and_deltas_agree_with_a_plain_set(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, list[int], list[int]]]
) -> None:
    store = BlacklistStore(tmp_path_factory.mktemp("store"))
    model: set[int] = set()
    with patch.object(store_module, "FOLD_AT", 8):  # fold often, as a big delta would
        for action, added, removed in steps:
            if action == "import" and added:
                store.import_source("central", np.array(added))
                model = set(added)
            elif action == "delta":
                store.apply_delta("central", added, removed)
                model = (model - set(removed)) | set(added)
            for number in range(12015550000, 12015550061):
                assert store.contains(f"+{number}") is (number in model), (steps, number)
