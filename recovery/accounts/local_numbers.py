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


def _zoneinfo_file(name: str) -> Path | None:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


@cache
def zone_countries() -> dict[str, str]:
    """{zone name: ISO country code} from zone.tab, wherever this system keeps it."""
    table = _zoneinfo_file("zone.tab")
    if table is None:
        return {}
    countries = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) >= 3:
                countries[fields[2]] = fields[0]
    return countries


@cache
def zone_links() -> dict[str, str]:
    """{alias: zone} for the old names zone.tab leaves out (US/Eastern, GB, NZ, ...), from the
    database's own link lines (tzdata.zi: "L target alias")."""
    compiled = _zoneinfo_file("tzdata.zi")
    if compiled is None:
        return {}
    links = {}
    for line in compiled.read_text(encoding="utf-8").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()[:3]
            links[alias] = target
    return links


@cache
def _countries_by_content() -> dict[bytes, str]:
    """A last resort for an alias with no link line: the zone file it is a copy of."""
    by_content: dict[bytes, str] = {}
    for name, country in zone_countries().items():
        path = _zoneinfo_file(name)
        if path is not None:
            by_content.setdefault(path.read_bytes(), country)
    return by_content


def country_of(time_zone: str) -> str | None:
    if time_zone.startswith("/") or ".." in time_zone:  # a zone name, never a path
        return None
    countries = zone_countries()
    name = time_zone
    for _ in range(3):  # an alias of an alias
        if name in countries:
            return countries[name]
        name = zone_links().get(name, name)
    path = _zoneinfo_file(time_zone)
    return _countries_by_content().get(path.read_bytes()) if path is not None else None


def for_time_zone(time_zone: str) -> LocalNumbers:
    country = country_of(time_zone)
    row = NUMBERS["countries"].get(country, NUMBERS["unknown"]) if country else NUMBERS["unknown"]
    return LocalNumbers(row["emergency"], row["urgent_care"], row["urgent_care_name"])
