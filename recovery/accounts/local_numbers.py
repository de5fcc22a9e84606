"""A new user's emergency number and urgent-care line, from the country of their time zone
(clinical rules, section 1). The zone-to-country table is the time zone database's zone.tab;
the numbers per country are a reviewed data file. Unknown countries get 112."""

import json
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NUMBERS = json.loads((Path(__file__).resolve().parent / "data" / "local_numbers.json").read_text())


@dataclass(frozen=True)
class LocalNumbers:
    emergency: str
    urgent_care: str  # "" where there is no national same-day line
    urgent_care_name: str


@cache
def zone_countries() -> dict[str, str]:
    """{zone name: ISO country code} from zone.tab, wherever this system keeps it."""
    for folder in zoneinfo.TZPATH:
        table = Path(folder) / "zone.tab"
        if table.is_file():
            break
    else:
        return {}
    countries = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) >= 3:
                countries[fields[2]] = fields[0]
    return countries


def country_of(time_zone: str) -> str | None:
    return zone_countries().get(time_zone)


def for_time_zone(time_zone: str) -> LocalNumbers:
    country = country_of(time_zone)
    row = NUMBERS["countries"].get(country, NUMBERS["unknown"]) if country else NUMBERS["unknown"]
    return LocalNumbers(row["emergency"], row["urgent_care"], row["urgent_care_name"])
