"""Registry files in the shapes they come in: one number per line or CSV, national or
international formats; lines that are not numbers are reported, and too many stop the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from softphone.compliance.blacklist.importer import read_numbers
from softphone.compliance.errors import BlacklistError


def _numbers(tmp_path: Path, text: str, country: str) -> list[int]:
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    return sorted(read_numbers(path, country).numbers.tolist())


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("2015550100\n2015550101\n", "US", [12015550100, 12015550101]),
        ("12015550100\r\n+12015550101\r\n\r\n", "US", [12015550100, 12015550101]),
        ("(201) 555-0100\n201-555-0101\n+1 201 555 0102\n", "US",
         [12015550100, 12015550101, 12015550102]),
        ("0612345678\n+33 6 12 34 56 79\n", "FR", [33612345678, 33612345679]),
        ("13800138000\n01012345678\n", "CN", [861012345678, 8613800138000]),
        ("0612345678\n", "IT", [390612345678]),  # Italy keeps its leading zero
        ("89161234567\n", "RU", [79161234567]),  # Russia's trunk prefix is 8
        ("020 7946 0000\n07700900123\n", "GB", [442079460000, 447700900123]),
    ],
)  # fmt: skip
def test_line_files(tmp_path: Path, text: str, country: str, expected: list[int]) -> None:
    assert _numbers(tmp_path, text, country) == expected


def test_csv_with_a_number_column(tmp_path: Path) -> None:
    text = "name;Phone Number;note\nA;+8613800138000;x\nB;13800138001;y\n"
    text = text.replace("Phone Number", "phone_number")
    assert _numbers(tmp_path, text, "CN") == [8613800138000, 8613800138001]


def test_csv_without_a_number_column_says_so(tmp_path: Path) -> None:
    with pytest.raises(BlacklistError, match="no number column"):
        _numbers(tmp_path, "name,city\nA,Paris\n", "FR")


def test_a_few_bad_lines_are_counted_and_shown(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("".join(f"20155{i:05d}\n" for i in range(500)) + "call me\n")
    result = read_numbers(path, "US")
    assert len(result.numbers) == 500
    assert (result.lines, result.bad_lines, result.examples) == (501, 1, ["call me"])


def test_a_file_of_mostly_bad_lines_imports_nothing(tmp_path: Path) -> None:
    with pytest.raises(BlacklistError, match="2 of 3 lines are not numbers in US"):
        _numbers(tmp_path, "2015550100\nhello\nworld\n", "US")


def test_an_unknown_country_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BlacklistError, match="not a region code"):
        _numbers(tmp_path, "2015550100\n", "XX")


def test_an_empty_file_replaces_nothing(tmp_path: Path) -> None:
    with pytest.raises(BlacklistError, match="no numbers found"):
        _numbers(tmp_path, "\n\n", "US")
