"""The jurisdiction table: which places exist, their level, and which province covers a city."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

DEFAULT_REGIONS_FILE = Path(__file__).with_name("regions.json")
DEFAULT_PLACES_FILE = Path(__file__).parent / "data" / "places.tsv"  # provinces, cities and counties of China


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    province: str | None
    names: tuple[str, ...]
    misspellings: tuple[str, ...] = ()  # how people mistype the name (株州 for 株洲), read as the name


@dataclass(frozen=True)
class RegionTable:
    regions: tuple[Region, ...]

    def get(self, name: str) -> Region | None:
        return next((r for r in self.regions if r.name == name), None)

    def covering(self, name: str) -> tuple[str, ...]:
        """The region itself followed by the regions whose documents also apply to it (its province)."""
        region = self.get(name)
        if region is None:
            return (name,)
        return (region.name,) + ((region.province,) if region.province else ())

    def respell(self, text: str) -> str:
        """The text with mistyped place names ("株州", "湘谭") written as the names they stand for."""
        for region in self.regions:
            for wrong in region.misspellings:
                text = text.replace(wrong, region.name)
        return text

    @cached_property
    def _aliases_longest_first(self) -> list[tuple[str, Region]]:
        return sorted(((alias, r) for r in self.regions for alias in r.names), key=lambda p: -len(p[0]))

    def find_all(self, text: str) -> list[Region]:
        """Regions named in a text, in order of first mention; the longest alias wins at a position."""
        found: list[tuple[int, Region]] = []
        taken: list[tuple[int, int]] = []
        for alias, region in self._aliases_longest_first:
            start = text.find(alias)
            while start >= 0:
                end = start + len(alias)
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    found.append((start, region))
                start = text.find(alias, end)
        ordered: list[Region] = []
        for _, region in sorted(found, key=lambda p: p[0]):
            if region not in ordered:
                ordered.append(region)
        return ordered


def load_regions(path: Path = DEFAULT_REGIONS_FILE) -> RegionTable:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return RegionTable(tuple(
        Region(r["name"], r["level"], r.get("province"), tuple(r["names"]), tuple(r.get("misspellings", ())))
        for r in raw["regions"]
    ))


def with_regions(table: RegionTable, entries: list[dict]) -> RegionTable:
    """The table plus regions.json-style entries (places recognised in the user's library), known names skipped."""
    known = {r.name for r in table.regions}
    aliases = {a for r in table.regions for a in r.names}
    extra = tuple(Region(e["name"], e["level"], e.get("province"), tuple(a for a in e["names"] if a not in aliases))
                  for e in entries if e["name"] not in known)
    return RegionTable(table.regions + extra)


def place_region(text: str, places_file: Path = DEFAULT_PLACES_FILE) -> Region | None:
    """The region of the first place a text (an issuer such as 岳阳市人民政府办公室) names, from the places
    table of China's provinces, cities and counties; None when it names none."""
    places = _read_places(places_file)
    found = [(text.find(name), -len(name), name) for name in places if name in text]
    if not found:
        return None
    _, _, name = min(found)
    province, city = places[name]
    if not city:
        short = name.removesuffix("省").removesuffix("市")
        return Region(name, "province", None, tuple(dict.fromkeys([name, short])))
    if city in (name, name + "市"):
        short = city.removesuffix("市")
        return Region(short, "city", province, tuple(dict.fromkeys([city, short])))
    short = name[:-1] if len(name) > 2 and name[-1] in "县区市旗" else name
    return Region(name, "county", province, tuple(dict.fromkeys([name, short])))


def _read_places(path: Path) -> dict[str, tuple[str, str]]:
    places: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            name, province, city = (line.split("\t") + ["", ""])[:3]
            places[name.strip()] = (province.strip(), city.strip())
    return places
