"""The hand-written data the sample generators draw from: ``tools/data/*-catalogue.yaml``.

* ``qom-catalogue.yaml``: the agencies of Qom province and the services each one runs, in
  English and Persian (read by ``tools/generate_qom.py`` and ``tools/synth.py``);
* ``greece-catalogue.yaml``: Greek central government bodies, their services and the
  figures their transactions are drawn around (read by ``tools/generate_greece.py``).

The files are read with egov-audit's own strict YAML loader: duplicate keys, anchors and
tags are refused, and only ``true``/``false`` and whole numbers change type, so names and
dates stay the text that was written. Every record is then checked for its keys, their
types and the allowed values, so that a slip in a hand edit stops the generator with the
file, the line and what is wrong, instead of quietly changing the sample.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from egov_audit.io.yamlload import load_file
from egov_audit.model.errors import YamlLoadError

DATA = Path(__file__).resolve().parent / "data"
QOM_CATALOGUE = DATA / "qom-catalogue.yaml"
GREECE_CATALOGUE = DATA / "greece-catalogue.yaml"


Where = Sequence[str | int]


class OneOf(tuple[str, ...]):
    """A check that a value is one of these strings."""


TYPES = OneOf(("informational", "transactional", "interactive"))
AUDIENCES = OneOf(("citizens", "businesses", "government"))
STATUSES = OneOf(("full", "partial", "in_person", "unknown"))
CHANNELS = OneOf(("portal", "kiosk", "mobile"))
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class DataFile:
    """One loaded data file, and checks of its records that name the line of a mistake."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.document = load_file(path)
        except YamlLoadError as error:
            line = error.position.line if error.position else 1
            raise SystemExit(f"{path}:{line}: {error.message}") from None

    def fail(self, where: Where, message: str) -> NoReturn:
        line = self.document.position(where).line
        raise SystemExit(f"{self.path}:{line}: {message}")

    def record(
        self, where: Where, required: dict[str, Any], optional: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The mapping at ``where``; ``required`` and ``optional`` map its keys to checks.

        A check is a type, a :class:`OneOf` the allowed strings, or a list holding one of
        those (a list of such values).
        """
        value = self._at(where)
        if not isinstance(value, dict):
            self.fail(where, "expected a mapping")
        allowed = {**required, **(optional or {})}
        for key in value:
            if key not in allowed:
                self.fail([*where, key], f"unknown key {key!r}; expected one of {list(allowed)}")
        missing = [key for key in required if key not in value]
        if missing:
            self.fail(where, f"missing {', '.join(missing)}")
        for key, item in value.items():
            self._check([*where, key], item, allowed[key])
        return value

    def items(self, where: Where, *, empty: bool = False) -> list[Any]:
        """The list at ``where`` (refused when empty unless ``empty``)."""
        value = self._at(where)
        if not isinstance(value, list) or not (value or empty):
            self.fail(where, "expected a list" + ("" if empty else " with at least one item"))
        return value

    def _at(self, where: Where) -> Any:
        value = self.document.data
        for step in where:
            value = value[step]
        return value

    def _check(self, where: Where, value: Any, check: Any) -> None:
        if isinstance(check, list):
            if not isinstance(value, list):
                self.fail(where, "expected a list")
            for index, item in enumerate(value):
                self._check([*where, index], item, check[0])
        elif isinstance(check, OneOf):
            if value not in check:
                self.fail(where, f"{value!r} is not one of {', '.join(check)}")
        elif not isinstance(value, check) or (check is int and isinstance(value, bool)):
            self.fail(where, f"expected {check.__name__}, not {value!r}")
        elif check is str and (not value or value != value.strip()):
            self.fail(where, "expected text without leading or trailing spaces")


# ------------------------------------------------------------------------------- Qom


@dataclass(frozen=True, slots=True)
class Entry:
    """A catalogue service: type, audience and names (its id is made from the name)."""

    type: str
    audience: tuple[str, ...]
    name: str
    name_local: str


@dataclass(frozen=True, slots=True)
class CatalogueAgency:
    id: str
    name: str
    name_local: str
    declared: bool
    services: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class QomCatalogue:
    common: tuple[Entry, ...]
    """Services every agency runs in some form; the first is given to every agency."""
    agencies: tuple[CatalogueAgency, ...]


ENTRY = {"name": str, "name_local": str, "type": TYPES, "audience": [AUDIENCES]}
AGENCY = {"id": str, "name": str, "name_local": str, "declared": bool}


def _entries(data: DataFile, where: Where) -> tuple[Entry, ...]:
    entries = []
    for index in range(len(data.items(where))):
        item = data.record([*where, index], ENTRY)
        audience = item["audience"]
        if not audience or len(set(audience)) != len(audience):
            data.fail([*where, index, "audience"], "expected one or more distinct audiences")
        # Stored in the canonical order, whatever order the file lists them in.
        ordered = tuple(a for a in AUDIENCES if a in audience)
        entries.append(Entry(item["type"], ordered, item["name"], item["name_local"]))
    return tuple(entries)


def _agencies(
    data: DataFile, read_services: Callable[[Where], tuple[Any, ...]]
) -> list[tuple[dict[str, Any], tuple[Any, ...]]]:
    """Each agency record of ``data`` with its services, read by ``read_services``."""
    found = []
    seen: set[str] = set()
    for index in range(len(data.items(["agencies"]))):
        where: list[str | int] = ["agencies", index]
        item = data.record(where, AGENCY, {"services": list})
        if item["id"] in seen:
            data.fail([*where, "id"], f"agency {item['id']!r} appears twice")
        seen.add(item["id"])
        if item["declared"] != ("services" in item):
            data.fail(where, "a declared agency lists its services, an undeclared one none")
        found.append((item, read_services([*where, "services"]) if item["declared"] else ()))
    return found


@cache
def qom_catalogue(path: Path = QOM_CATALOGUE) -> QomCatalogue:
    """The Qom catalogue, read and checked once."""
    data = DataFile(path)
    data.record([], {"common_services": list, "agencies": list})
    agencies = tuple(
        CatalogueAgency(item["id"], item["name"], item["name_local"], item["declared"], services)
        for item, services in _agencies(data, lambda where: _entries(data, where))
    )
    return QomCatalogue(_entries(data, ["common_services"]), agencies)


# ---------------------------------------------------------------------------- Greece


@dataclass(frozen=True, slots=True)
class GreekService:
    """A service of the Greek sample, with what drives its monthly transactions."""

    id: str
    name: str
    name_local: str
    status: str
    in_person_steps: str
    type: str
    audience: tuple[str, ...]
    channels: tuple[str, ...]
    launched_on: str
    depends_on: tuple[str, ...]
    benchmarks: tuple[str, ...]
    level: int
    """Its usual monthly transactions in 2020; 0 when none are counted."""
    growth: float
    """Its 2020 volume over its 2019 volume; 0 when there are no counts for 2019."""


@dataclass(frozen=True, slots=True)
class GreekAgency:
    id: str
    name: str
    name_local: str
    declared: bool
    services: tuple[GreekService, ...]


GREEK_SERVICE = {
    "id": str,
    "name": str,
    "name_local": str,
    "status": STATUSES,
    "type": TYPES,
    "audience": [AUDIENCES],
    "channels": [CHANNELS],
    "launched_on": str,
    "level": int,
    "growth": object,
}
GREEK_OPTIONAL = {"in_person_steps": str, "depends_on": [str], "benchmarks": [str]}


def _growth(data: DataFile, where: Where, value: object) -> float:
    """A ratio: the strict loader turns whole numbers into ``int``, keeps ``1.4`` as text."""
    try:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError
        growth = float(value)
    except ValueError:
        data.fail(where, f"expected a number, not {value!r}")
    if not growth >= 0:
        data.fail(where, "expected a number of at least 0")
    return growth


def _greek_services(data: DataFile, where: Where) -> tuple[GreekService, ...]:
    services: list[GreekService] = []
    for index in range(len(data.items(where))):
        at = [*where, index]
        entry = data.record(at, GREEK_SERVICE, GREEK_OPTIONAL)
        if any(s.id == entry["id"] for s in services):
            data.fail([*at, "id"], f"service {entry['id']!r} appears twice")
        if not DATE.match(entry["launched_on"]):
            data.fail([*at, "launched_on"], "expected a date, YYYY-MM-DD")
        services.append(
            GreekService(
                id=entry["id"],
                name=entry["name"],
                name_local=entry["name_local"],
                status=entry["status"],
                in_person_steps=entry.get("in_person_steps", ""),
                type=entry["type"],
                audience=tuple(entry["audience"]),
                channels=tuple(entry["channels"]),
                launched_on=entry["launched_on"],
                depends_on=tuple(entry.get("depends_on", ())),
                benchmarks=tuple(entry.get("benchmarks", ())),
                level=entry["level"],
                growth=_growth(data, [*at, "growth"], entry["growth"]),
            )
        )
    return tuple(services)


@cache
def greece_catalogue(path: Path = GREECE_CATALOGUE) -> tuple[GreekAgency, ...]:
    """The Greek sample's agencies and services, read and checked once."""
    data = DataFile(path)
    data.record([], {"agencies": list})
    return tuple(
        GreekAgency(item["id"], item["name"], item["name_local"], item["declared"], services)
        for item, services in _agencies(data, lambda where: _greek_services(data, where))
    )
