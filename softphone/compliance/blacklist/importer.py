"""Reading registry files into numbers: one number per line, or CSV with a number column.

National numbers are read in the given country. Lines of plain digits (the bulk of a registry
file) are converted in numpy without `phonenumbers`, which would take an hour for a national
list; anything else (spaces, dashes, letters) goes through `phonenumbers` one by one. A line
that is no number is counted and shown, never silently dropped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from softphone.compliance.blacklist.efset import I64
from softphone.compliance.errors import BlacklistError

E164 = PhoneNumberFormat.E164
CHUNK_BYTES = 4 << 20  # read and converted at a time: its tokens take ~20× that in RAM
NUMBER_COLUMNS = ("number", "phone", "phone_number", "phonenumber", "telephone", "tel",
                  "msisdn", "e164", "mobile")  # fmt: skip
_LEADING_ZERO = {"IT", "SM", "VA"}
_POWERS_OF_TEN = 10 ** np.arange(19, dtype=np.int64)
MAX_BAD_SHARE = 0.01  # more bad lines than this: the wrong file or the wrong --country


@dataclass
class ImportResult:
    numbers: I64
    lines: int = 0
    bad_lines: int = 0
    examples: list[str] = field(default_factory=list)  # the first bad lines, for the message


@dataclass(frozen=True)
class National:
    """How a country's national numbers become E.164 integers without `phonenumbers`."""

    region: str
    code: int
    lengths: tuple[int, ...]  # possible national lengths without the trunk prefix
    fast: bool  # a national number of plain digits converts by arithmetic

    @classmethod
    def of(cls, region: str) -> National:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper())
        if metadata is None or metadata.general_desc is None or metadata.country_code is None:
            raise BlacklistError(f"--country {region!r} is not a region code like 'US' or 'CN'")
        lengths = tuple(metadata.general_desc.possible_length or ())
        # A trunk prefix of "0" drops out when the digits are read as an integer; a country where
        # a leading zero belongs to the number (Italy) or the trunk prefix is another digit
        # (Russia's "8") goes the slow way.
        fast = metadata.national_prefix in (None, "0") and region.upper() not in _LEADING_ZERO
        return cls(
            region.upper(), metadata.country_code, lengths, fast or metadata.country_code == 1
        )


def read_numbers(
    path: Path, country: str, progress: Callable[[int], None] | None = None
) -> ImportResult:
    """All numbers in a registry file as E.164 integers (unsorted, repeats possible)."""
    national = National.of(country)
    try:
        with open(path, "rb") as file:
            lines = _count_lines(file)
            head = file.read(4096)
            file.seek(0)
            tokens = _csv_tokens(file, head) if _looks_like_csv(head) else _line_tokens(file)
            result = _convert(tokens, national, progress, lines)
    except OSError as exc:
        raise BlacklistError(f"cannot read {path}: {exc}") from exc
    if not len(result.numbers):
        # An empty file would wipe the list it replaces: more likely the wrong file.
        raise BlacklistError(f"{path}: no numbers found; nothing was imported")
    if result.bad_lines > MAX_BAD_SHARE * result.lines:
        shown = "; ".join(result.examples)
        raise BlacklistError(
            f"{path}: {result.bad_lines} of {result.lines} lines are not numbers in {country} "
            f"(e.g. {shown}); nothing was imported"
        )
    return result


def _looks_like_csv(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    return any(sep in first for sep in (b",", b";", b"\t"))


def _line_tokens(file: io.BufferedReader) -> Iterator[tuple[list[bytes], int]]:
    rest = b""
    while chunk := file.read(CHUNK_BYTES):
        chunk = rest + chunk
        cut = chunk.rfind(b"\n") + 1
        if cut == 0:
            rest = chunk
            continue
        rest = chunk[cut:]
        yield _lines(chunk[:cut]), cut
    if rest.strip():
        yield _lines(rest), len(rest)


def _lines(chunk: bytes) -> list[bytes]:
    return [line for line in chunk.splitlines() if line.strip()]


def _csv_tokens(file: io.BufferedReader, head: bytes) -> Iterator[tuple[list[bytes], int]]:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", errors="replace", newline="")
    try:
        dialect = csv.Sniffer().sniff(head.decode("utf-8", "replace").split("\n", 1)[0], ",;\t")
    except csv.Error as exc:
        raise BlacklistError(f"cannot tell how the CSV's columns are separated: {exc}") from exc
    rows = csv.reader(text, dialect)
    header = [cell.strip().lower() for cell in next(rows, [])]
    column = next((header.index(name) for name in NUMBER_COLUMNS if name in header), None)
    if column is None:
        raise BlacklistError(
            f"the CSV header {header} has no number column (one of {', '.join(NUMBER_COLUMNS)})"
        )
    batch: list[bytes] = []
    read = 0
    for row in rows:
        cell = row[column].strip() if column < len(row) else ""
        read += sum(len(c) + 1 for c in row)
        batch.append(cell.replace(" ", "").encode() or b"?")
        if len(batch) >= 1 << 20:
            yield batch, read
            batch, read = [], 0
    if batch:
        yield batch, read


def _count_lines(file: io.BufferedReader) -> int:
    """Lines in the file (a quick pass): no more numbers than that can come out of it."""
    lines = 1
    while chunk := file.read(CHUNK_BYTES):
        lines += chunk.count(b"\n")
    file.seek(0)
    return lines


def _convert(
    batches: Iterator[tuple[list[bytes], int]],
    national: National,
    progress: Callable[[int], None] | None,
    capacity: int,
) -> ImportResult:
    # One array for all the numbers, its size known beforehand: a national list is gigabytes,
    # and gathering parts would hold it twice (freed parts stay in the process's heap).
    numbers = np.empty(capacity, dtype=np.int64)  # pages are taken as they are written
    filled = 0
    result = ImportResult(numbers[:0])
    for tokens, consumed in batches:
        values, bad = _fast(tokens, national)
        slow, really_bad = _slow(bad, national)
        for part in (values, slow):
            if filled + len(part) > len(numbers):  # only if the file grew meanwhile
                numbers = np.concatenate([numbers[:filled], np.empty(len(numbers), np.int64)])
            numbers[filled : filled + len(part)] = part
            filled += len(part)
        result.lines += len(tokens)
        result.bad_lines += len(really_bad)
        result.examples += [
            t.decode("utf-8", "replace") for t in really_bad[: 5 - len(result.examples)]
        ]
        if progress is not None:
            progress(consumed)
    result.numbers = numbers[:filled]
    return result


def _fast(tokens: list[bytes], national: National) -> tuple[I64, list[bytes]]:
    """Plain-digit tokens converted in bulk; the rest handed back for the slow path."""
    try:
        values = np.fromiter(map(int, tokens), dtype=np.int64, count=len(tokens))
    except (ValueError, OverflowError):  # a few odd lines: set them aside, convert the rest
        plain = [t.strip().lstrip(b"+").isdigit() and len(t) <= 20 for t in tokens]
        odd = [t for t, ok in zip(tokens, plain, strict=True) if not ok]
        values, bad = _fast([t for t, ok in zip(tokens, plain, strict=True) if ok], national)
        return values, odd + bad
    plus = (
        np.fromiter((t.lstrip()[:1] == b"+" for t in tokens), dtype=bool, count=len(tokens))
        if b"+" in b"".join(tokens)
        else np.zeros(len(tokens), dtype=bool)
    )
    digits = np.searchsorted(_POWERS_OF_TEN, values, side="right")
    international = plus & (digits >= 7) & (digits <= 15)
    if national.fast:
        length_ok = np.isin(digits, national.lengths) & ~plus & (values > 0)
        converted = values + national.code * _POWERS_OF_TEN[np.minimum(digits, 15)]
    else:
        length_ok = np.zeros(len(values), dtype=bool)
        converted = values
    if national.code == 1:  # NANP: "1" + 10 digits is already the whole number
        with_one = ~plus & (digits == 11) & (values // 10**10 == 1)
        converted = np.where(with_one, values, converted)
        length_ok |= with_one
    good = international | length_ok
    out = np.where(international, values, converted)[good]
    bad = [tokens[i] for i in np.flatnonzero(~good)]
    return out, bad


def _slow(tokens: list[bytes], national: National) -> tuple[I64, list[bytes]]:
    values, bad = [], []
    for token in tokens:
        try:
            number = phonenumbers.parse(token.decode("utf-8", "replace"), national.region)
        except NumberParseException:
            bad.append(token)
            continue
        if phonenumbers.is_possible_number(number):
            # E.164 keeps a significant leading zero (Italy), the national_number field does not.
            values.append(int(phonenumbers.format_number(number, E164)[1:]))
        else:
            bad.append(token)
    return np.array(values, dtype=np.int64), bad
