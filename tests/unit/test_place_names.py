"""The pop-up's provider and place names come from an on-disk index instead of phonenumbers'
in-memory data (about 180 MB an agent would carry all day): the answers must not change."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from softphone.compliance import place_names

LOOKUP = """
import json, sys
import phonenumbers
from softphone.compliance import place_names
geocoder, carrier = place_names.geocoder(), place_names.carrier()
answers = {}
for e164 in json.loads(sys.stdin.read()):
    number = phonenumbers.parse(e164)
    answers[e164] = {
        lang: [
            carrier.name_for_number(number, lang),
            geocoder.description_for_number(number, lang),
            geocoder.country_name_for_number(number, lang),
        ]
        for lang in place_names.LANGUAGES
    }
real_data = sorted(m for m in sys.modules if m.startswith("phonenumbers.geodata.data"))
print(json.dumps({"answers": answers, "real_data_loaded": real_data}))
"""


def example_numbers() -> list[str]:
    """A mobile and a fixed-line example number of every region the library knows."""
    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                numbers.append(phonenumbers.format_number(example, 0))
    return [*numbers, "+8613800138000", "+8613912345678", "+4930123456", "+12125551234"]


def answers_from_the_index(numbers: list[str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", LOOKUP],
        input=json.dumps(numbers),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(json.loads(done.stdout))


def test_the_index_answers_as_the_library_for_every_region() -> None:
    from phonenumbers import carrier, geocoder  # the real, in-memory data, in this process only

    numbers = example_numbers()
    assert len(numbers) > 400
    from_index = answers_from_the_index(numbers)
    assert from_index["real_data_loaded"] == []  # the agent's process never loads the dicts
    expected = {
        e164: {
            lang: [
                carrier.name_for_number(number, lang),
                geocoder.description_for_number(number, lang),
                geocoder.country_name_for_number(number, lang),
            ]
            for lang in place_names.LANGUAGES
        }
        for e164 in numbers
        if (number := phonenumbers.parse(e164))
    }
    assert from_index["answers"] == expected
    assert expected["+8613800138000"]["zh"][:2] == ["中国移动", "北京市"]


def test_a_missing_index_is_built_and_a_damaged_one_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "names.sqlite"
    monkeypatch.setenv(place_names.ENV_INDEX, str(path))
    assert place_names.ensure_index() == path
    assert path.stat().st_size > 1_000_000
    path.write_bytes(b"not a database, a half-written file from a killed build")
    assert place_names.ensure_index() == path
    assert place_names.index_path() == path
    assert not list(tmp_path.glob("*.part"))
