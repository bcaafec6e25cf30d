"""Built-in reference lists: territorial units and class ranks (resources/reference.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from hrdesk.paths import RESOURCES


@dataclass(frozen=True)
class Named:
    code: str
    ky: str
    ru: str
    en: str

    def name(self, language: str) -> str:
        return {"ky": self.ky, "ru": self.ru}.get(language, self.en)


@dataclass(frozen=True)
class Oblast(Named):
    districts: tuple[Named, ...] = ()


@cache
def _data() -> dict:
    return json.loads((RESOURCES / "reference.json").read_text(encoding="utf-8"))


@cache
def oblasts() -> tuple[Oblast, ...]:
    result = []
    for o in _data()["oblasts"]:
        districts = tuple(Named(d["ky"], d["ky"], d["ru"], d["ky"]) for d in o["districts"])
        result.append(Oblast(o["iso"], o["ky"], o["ru"], o["en"], districts))
    return tuple(result)


def oblast(code: str) -> Oblast | None:
    return next((o for o in oblasts() if o.code == code), None)


def oblast_name(code: str, language: str) -> str:
    found = oblast(code)
    return found.name(language) if found else code


def district_name(oblast_code: str, district: str, language: str) -> str:
    found = oblast(oblast_code)
    if found:
        for d in found.districts:
            if d.code == district:
                return d.name(language)
    return district


@cache
def class_ranks() -> dict[str, tuple[Named, ...]]:
    return {
        service: tuple(Named(r["code"], r["ky"], r["ru"], r["en"]) for r in ranks)
        for service, ranks in _data()["class_ranks"].items()
    }


def class_rank_name(code: str, language: str) -> str:
    for ranks in class_ranks().values():
        for r in ranks:
            if r.code == code:
                return r.name(language)
    return code  # a rank typed by the office, kept as typed
