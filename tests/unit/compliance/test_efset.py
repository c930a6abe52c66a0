"""The compact set answers exactly like a Python set: no false "allowed", no false "blocked"."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.compliance.blacklist import segment
from softphone.compliance.blacklist.efset import EFSet, encode


def _build(values: list[int]) -> EFSet:
    array = np.array(sorted(set(values)), dtype=np.int64)
    shape, pieces = encode(array)
    return EFSet(shape, b"".join(pieces))


numbers = st.lists(st.integers(min_value=10**9, max_value=10**15 - 1), max_size=300)
dense = st.lists(st.integers(min_value=12015550000, max_value=12015550000 + 2000), max_size=300)


@settings(max_examples=150, deadline=None)
@given(values=st.one_of(numbers, dense), probes=st.lists(st.integers(0, 10**15), max_size=50))
def test_membership_is_exact(values: list[int], probes: list[int]) -> None:
    members = set(values)
    compact = _build(values)
    for probe in [*values, *probes, *(v + 1 for v in values), *(v - 1 for v in values)]:
        assert (probe in compact) is (probe in members), probe
    batch = np.array([*probes, *values], dtype=np.int64)
    assert compact.contains_many(batch).tolist() == [int(p) in members for p in batch]
    decoded = np.concatenate([np.zeros(0, np.int64), *compact.decode_all()])
    assert decoded.tolist() == sorted(members)


def test_a_national_list_takes_about_a_byte_per_number() -> None:
    rng = np.random.default_rng(7)
    values = np.unique(rng.integers(12_000_000_000, 12_000_000_000 + 32 * 200_000, 200_000))
    _, pieces = encode(values)
    size = sum(len(p) for p in pieces)
    assert size / len(values) < 1.0  # spread/count ≈ 32, as the US list at 250 M numbers


def test_the_largest_e164_numbers_fit() -> None:
    compact = _build([999_999_999_999_999, 100_000_000])
    assert 999_999_999_999_999 in compact and 999_999_999_999_998 not in compact
    assert "12" not in compact  # type: ignore[operator]


def test_membership_is_exact_across_many_groups() -> None:
    """A national density (one number per 32), an empty stretch, a block listed solid (crowded
    buckets, long groups) and a lone number far off: every group shape the lookup meets."""
    rng = np.random.default_rng(11)
    start = 12_000_000_000
    sparse = rng.integers(start, start + 32 * 100_000, 100_000)
    after_gap = rng.integers(start + 4_000_000, start + 5_000_000, 30_000)
    solid = np.arange(start + 1_000_000, start + 1_003_000)
    values = np.unique(np.concatenate([sparse, after_gap, solid, [start + 7_000_000]]))
    shape, pieces = encode(values)
    assert shape.low_bits <= 6  # a bucket of a solid block holds 32 or 64 numbers
    compact = EFSet(shape, b"".join(pieces))
    probes = np.concatenate(
        [values, values + 1, values - 1, rng.integers(start - 1000, start + 7_000_100, 100_000)]
    )
    members = set(values.tolist())
    assert [compact.contains(p) for p in probes.tolist()] == [p in members for p in probes.tolist()]


@pytest.mark.parametrize("repeats", [0, 1, 500])
def test_repeats_are_squeezed_out_in_place(repeats: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_SQUEEZE_CHUNK", 64)  # many chunk boundaries
    rng = np.random.default_rng(repeats)
    values = rng.integers(0, 3000, 2000 + repeats)
    values = np.concatenate([values, values[:repeats]])
    assert segment.sorted_distinct(values.copy()).tolist() == np.unique(values).tolist()
