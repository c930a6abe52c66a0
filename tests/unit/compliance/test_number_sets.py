"""The compact sets answer exactly like a Python set: no false "allowed", no false "blocked".

Both are checked: the bucket set every list file holds now, and the Elias–Fano set of the files
an older version wrote (and of the bucket set's crowded buckets)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from softphone.compliance.blacklist import buckets, efset, segment
from softphone.compliance.blacklist.buckets import BucketSet
from softphone.compliance.blacklist.efset import EFSet
from softphone.compliance.blacklist.segment import NumberSet

KINDS = ["buckets", "efset"]


def _build(values: list[int] | np.ndarray, kind: str) -> NumberSet:
    array = np.array(sorted(set(np.asarray(values).tolist())), dtype=np.int64)
    if kind == "buckets":
        layout, pieces = buckets.encode(array)
        return BucketSet(layout, b"".join(pieces))
    shape, pieces = efset.encode(array)
    return EFSet(shape, b"".join(pieces))


numbers = st.lists(st.integers(min_value=10**9, max_value=10**15 - 1), max_size=300)
dense = st.lists(st.integers(min_value=12015550000, max_value=12015550000 + 2000), max_size=300)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=150, deadline=None)
@given(values=st.one_of(numbers, dense), probes=st.lists(st.integers(0, 10**15), max_size=50))
def test_membership_is_exact(kind: str, values: list[int], probes: list[int]) -> None:
    members = set(values)
    compact = _build(values, kind)
    for probe in [*values, *probes, *(v + 1 for v in values), *(v - 1 for v in values)]:
        assert (probe in compact) is (probe in members), probe
    batch = np.array([*probes, *values], dtype=np.int64)
    assert compact.contains_many(batch).tolist() == [int(p) in members for p in batch]
    decoded = np.concatenate([np.zeros(0, np.int64), *compact.decode_all()])
    assert decoded.tolist() == sorted(members)


@pytest.mark.parametrize("encode", [buckets.encode, efset.encode])
def test_a_national_list_takes_under_a_byte_per_number(encode: segment.Encoder) -> None:
    rng = np.random.default_rng(7)
    values = np.unique(rng.integers(12_000_000_000, 12_000_000_000 + 32 * 200_000, 200_000))
    _, pieces = encode(values)
    size = sum(len(p) for p in pieces)
    assert size / len(values) < 1.0  # spread/count ≈ 32, as the US list at 250 M numbers


@pytest.mark.parametrize("kind", KINDS)
def test_the_largest_e164_numbers_fit(kind: str) -> None:
    compact = _build([999_999_999_999_999, 100_000_000], kind)
    assert 999_999_999_999_999 in compact and 999_999_999_999_998 not in compact
    assert "12" not in compact  # type: ignore[operator]


@pytest.mark.parametrize("kind", KINDS)
def test_membership_is_exact_across_many_groups(kind: str) -> None:
    """A national density (one number per 32), an empty stretch, a block listed solid (crowded
    buckets, long groups, the bucket set's overflow) and a lone number far off: every shape of
    bucket the lookup meets."""
    rng = np.random.default_rng(11)
    start = 12_000_000_000
    sparse = rng.integers(start, start + 32 * 100_000, 100_000)
    after_gap = rng.integers(start + 4_000_000, start + 5_000_000, 30_000)
    solid = np.arange(start + 1_000_000, start + 1_003_000)
    values = np.unique(np.concatenate([sparse, after_gap, solid, [start + 7_000_000]]))
    compact = _build(values, kind)
    probes = np.concatenate(
        [values, values + 1, values - 1, rng.integers(start - 1000, start + 7_000_100, 100_000)]
    )
    members = set(values.tolist())
    expected = [p in members for p in probes.tolist()]
    assert [compact.contains(p) for p in probes.tolist()] == expected
    assert compact.contains_many(probes).tolist() == expected
    assert np.concatenate(list(compact.decode_all())).tolist() == sorted(members)
    if isinstance(compact, BucketSet):  # the solid block's buckets did overflow
        assert len(compact.overflow) > 2000


def test_a_list_file_an_older_version_wrote_still_answers(tmp_path: Path) -> None:
    values = np.arange(12_015_550_000, 12_015_560_000, 7, dtype=np.int64)
    segment.write_segment(tmp_path / "old.efs", values, fmt=1)
    segment.write_segment(tmp_path / "new.efs", values)
    old, new = (segment.open_segment(tmp_path / name) for name in ("old.efs", "new.efs"))
    assert isinstance(old, EFSet) and isinstance(new, BucketSet)
    probes = np.arange(12_015_549_990, 12_015_560_010, dtype=np.int64)
    assert old.contains_many(probes).tolist() == new.contains_many(probes).tolist()
    assert [old.contains(p) for p in probes.tolist()] == np.isin(probes, values).tolist()


@pytest.mark.parametrize("repeats", [0, 1, 500])
def test_repeats_are_squeezed_out_in_place(repeats: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_SQUEEZE_CHUNK", 64)  # many chunk boundaries
    rng = np.random.default_rng(repeats)
    values = rng.integers(0, 3000, 2000 + repeats)
    values = np.concatenate([values, values[:repeats]])
    assert segment.sorted_distinct(values.copy()).tolist() == np.unique(values).tolist()


def test_crowded_buckets_nest_a_bucket_set_that_a_list_file_keeps(tmp_path: Path) -> None:
    """Blocks listed solid overflow their buckets: the overflow is a bucket set of its own
    (then Elias–Fano at the deepest level), and the file's header says so."""
    rng = np.random.default_rng(5)
    start = 33_100_000_000
    sparse = rng.integers(start, start + 32 * 50_000, 50_000)
    blocks = [np.arange(b, b + 700) for b in range(start + 10_000, start + 1_000_000, 97_003)]
    values = np.unique(np.concatenate([sparse, *blocks]))
    segment.write_segment(tmp_path / "list.efs", values)
    opened = segment.open_segment(tmp_path / "list.efs")
    assert isinstance(opened, BucketSet) and isinstance(opened.overflow, BucketSet)
    probes = np.concatenate([values, values + 1, rng.integers(start, start + 2_000_000, 50_000)])
    expected = np.isin(probes, values).tolist()
    assert [opened.contains(p) for p in probes.tolist()] == expected
    assert opened.contains_many(probes).tolist() == expected


@pytest.mark.parametrize("per_bucket", [1, 2, 3, 4, 5, 6])
def test_every_bucket_size_answers_exactly(per_bucket: int) -> None:
    """Buckets of one and two numbers, a full one of three (its count saturated: a number above
    its third is asked of the overflow set), and crowded ones whose later numbers overflow."""
    rng = np.random.default_rng(per_bucket)
    low_bits, buckets_ = 5, 2000
    owners = np.repeat(np.arange(buckets_, dtype=np.int64), per_bucket)
    lows = np.concatenate(
        [np.sort(rng.choice(1 << low_bits, per_bucket, replace=False)) for _ in range(buckets_)]
    )
    lows[0] = 0  # the first number is the base: buckets start where these do
    values = np.unique(12_000_000_000 + (owners << low_bits) + lows)
    layout = buckets._layout(values, low_bits, depth=0)  # this width, not the encoder's choice
    compact = BucketSet(layout, b"".join(buckets._pieces(values, layout)))
    probes = np.arange(values[0] - 40, values[-1] + 40, dtype=np.int64)
    expected = np.isin(probes, values).tolist()
    assert [compact.contains(p) for p in probes.tolist()] == expected
    assert compact.contains_many(probes).tolist() == expected
    assert np.concatenate(list(compact.decode_all())).tolist() == values.tolist()
    assert len(compact.overflow) == len(values) - buckets_ * min(per_bucket, buckets.KEPT)
