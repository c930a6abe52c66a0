"""Holiday calendars load only the countries asked for (softphone.compliance.holiday_calendars),
and answer as the `holidays` package does; code reading the package's namespace still works."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from datetime import date
from softphone.compliance.holiday_calendars import country_holidays

def countries():
    return sorted(m for m in sys.modules if m.startswith("holidays.countries."))

fr = country_holidays("FR", language="en_US")
us = country_holidays("US", subdiv="FL", language="en_US")
print(fr.get(date(2026, 7, 14)), "|", us.get(date(2026, 7, 4)))
print(len(countries()), "germany" in " ".join(countries()))
from holidays.countries import Germany  # the namespace: the whole package loads now
print(Germany(years=2026, language="en_US").get(date(2026, 10, 3)), len(countries()) > 200)
import holidays
print(holidays.country_holidays("FR", language="en_US").get(date(2026, 7, 14)))
"""


def test_a_calendar_loads_its_country_not_every_country() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    first, loaded, namespace, again = done.stdout.strip().splitlines()
    assert first == "National Day | Independence Day"
    count, germany = loaded.split()
    assert int(count) < 20 and germany == "False"  # France, the US and what they import
    assert namespace == "German Unity Day True"
    assert again == "National Day"
