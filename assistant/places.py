"""Places of China beyond the corpus: to tell when a question is about somewhere the documents do not cover."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from corpus.regions import DEFAULT_PLACES_FILE as DEFAULT_PLACES  # the table lives with the corpus, which reads it too


@dataclass(frozen=True)
class Place:
    name: str
    province: str
    city: str  # its prefecture-level city, "" for provinces

    @property
    def short(self) -> str:
        """The name as plans write it inside a sentence (衡阳市 → 衡阳: "打造衡阳服务业融合发展先行区")."""
        short = re.sub(r"(市|县|区|地区|自治州|盟)$", "", self.name)
        return short if len(short) >= 2 else self.name


@dataclass(frozen=True)
class PlaceTable:
    places: dict[str, Place]

    @cached_property
    def _longest_first(self) -> list[str]:
        return sorted(self.places, key=len, reverse=True)

    def outside(self, text: str, covered: set[str]) -> list[Place]:
        """Places named in a text that lie outside the covered names (岳阳 yes; 岳麓区, in 长沙市, no).
        Longest names first; a name starting inside a covered one is part of it ("湖南郊区" is not 南郊区),
        and a covered place shadows the names inside it (东西湖区 is not 西湖区); one starting before it is not
        (广东省里: 省里 is the province's level word, 广东省 the place). A place named twice in two
        spellings ("衡阳的……衡阳市的计划") is one place, at its first mention."""
        taken = [(m.start(), m.end()) for name in covered if name in text
                 for m in re.finditer(re.escape(name), text)]
        found: list[tuple[int, Place]] = []
        for name in self._longest_first:
            if name not in text:
                continue
            place = self.places[name]
            for m in re.finditer(re.escape(name), text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                if place.city not in covered and name not in covered:
                    found.append((m.start(), place))
        first: dict[str, Place] = {}
        for _, place in sorted(found, key=lambda f: f[0]):
            first.setdefault(place.short, place)
        return list(first.values())


def load_places(path: Path = DEFAULT_PLACES) -> PlaceTable:
    places = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            name, province, city = (line.split("\t") + ["", ""])[:3]
            places[name.strip()] = Place(name.strip(), province.strip(), city.strip())
    return PlaceTable(places)
