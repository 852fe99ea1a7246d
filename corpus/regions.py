"""The jurisdiction table: which places exist, their level, and which province covers a city."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_REGIONS_FILE = Path(__file__).with_name("regions.json")


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    province: str | None
    names: tuple[str, ...]


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

    def find_all(self, text: str) -> list[Region]:
        """Regions named in a text, in order of first mention; the longest alias wins at a position."""
        found: list[tuple[int, Region]] = []
        taken: list[tuple[int, int]] = []
        aliases = sorted(((alias, r) for r in self.regions for alias in r.names), key=lambda p: -len(p[0]))
        for alias, region in aliases:
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
        Region(r["name"], r["level"], r.get("province"), tuple(r["names"])) for r in raw["regions"]
    ))
