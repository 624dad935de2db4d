"""Benchmark lists a service can be tagged with (``benchmarks: [sdg:income-tax-declaration]``).

The lists ship as data in ``egov_audit/catalogues/<id>.json``: ``sdg`` is the 21
procedures of Annex II of the EU Single Digital Gateway Regulation, which must be fully
online; ``un`` the online-service areas of the UN E-Government Survey. A code is
``<catalogue>:<item>``.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class BenchmarkItem:
    """One procedure or service area of a benchmark list."""

    code: str
    group: str
    title: str


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A benchmark list: its id (the code prefix), title, source and items in order."""

    id: str
    title: str
    source: str
    items: tuple[BenchmarkItem, ...]


CATALOGUE_IDS = ("sdg", "un")


@cache
def catalogues() -> dict[str, Catalogue]:
    """Every shipped catalogue, by id."""
    found: dict[str, Catalogue] = {}
    for catalogue_id in CATALOGUE_IDS:
        text = (
            resources.files("egov_audit")
            .joinpath("catalogues", f"{catalogue_id}.json")
            .read_text(encoding="utf-8")
        )
        raw = json.loads(text)
        items = tuple(
            BenchmarkItem(f"{catalogue_id}:{item['code']}", item["group"], item["title"])
            for item in raw["items"]
        )
        found[catalogue_id] = Catalogue(catalogue_id, raw["title"], raw["source"], items)
    return found


@cache
def known_codes() -> frozenset[str]:
    """Every valid benchmark code."""
    return frozenset(item.code for c in catalogues().values() for item in c.items)


def suggestions(code: str) -> list[str]:
    """The known codes closest to a mistyped one."""
    return difflib.get_close_matches(code, sorted(known_codes()), n=3, cutoff=0.6)
