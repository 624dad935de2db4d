"""Generate ``inventories/greece-national/``: the Greek public sector's electronic
transactions in 2018, 2019 and 2020, and the Interoperability Centre's data exchanges.

The Ministry of Digital Governance counted as electronic transactions both the e-services
used by citizens and the data exchanges between public bodies over its Interoperability
Centre: 8,780,889 in 2018, 34,688,318 in 2019 and over 90 million in 2020. This sample
declares them as egov-audit counts them: the e-services' monthly transactions, and the
Interoperability Centre's services (``exchange_services``) with their monthly inquiries,
so that ``report`` prints "transactions and inquiries together" for each year. The
figures come from ``tools/data/greece-national.yaml``; the yearly totals are split over
bodies, services and months exactly (:func:`~tools.sample_kit.split_exact`).

``inventories/greece/`` stays the small sample of six bodies behind gov.gr; this one holds
the national totals.

Usage::

    python -m tools.generate_greece_national [--output inventories/greece-national] [--force]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.catalogue import DATA, DataFile
from tools.sample_kit import (
    Body,
    collection_text,
    counts_lines,
    declaration_head,
    exchange_service_lines,
    months_of,
    split_exact,
    write_sample,
)
from tools.yamltext import scalar

GREECE_DATA = DATA / "greece-national.yaml"
NAMED = {"id": str, "name": str, "name_local": str}


@dataclass(frozen=True, slots=True)
class Named:
    id: str
    name: str
    name_local: str
    weights: dict[int, int]
    """Its weight within the body (a flagship service), or its percent of each year's
    exchanges (an exchange service)."""


@dataclass(frozen=True, slots=True)
class GreekBody:
    body: Body
    eservices: int
    transactions: dict[int, int]
    flagship: tuple[Named, ...]
    exchange: tuple[Named, ...]


@dataclass(frozen=True, slots=True)
class NationalData:
    declared_on: str
    exchange: dict[str, str]
    years: dict[int, dict[str, int]]
    shape: dict[int, list[int]]
    bodies: tuple[GreekBody, ...]


def _by_year(data: DataFile, where: list[str | int], value: Any) -> dict[int, Any]:
    if not isinstance(value, dict) or not value:
        data.fail(where, "expected a mapping of years")
    found = {}
    for key, item in value.items():
        if not str(key).isdigit():
            data.fail([*where, key], f"expected a year, not {key!r}")
        found[int(key)] = item
    return found


def read_data(path: Path = GREECE_DATA) -> NationalData:
    """The data file, checked: each year's parts sum to 100."""
    data = DataFile(path)
    data.record(
        [], {"declared_on": str, "exchange": dict, "years": dict, "shape": dict, "bodies": list}
    )
    exchange = data.record(["exchange"], {"name": str, "name_local": str})
    _by_year(data, ["years"], data.document.data["years"])
    years = {
        int(key): data.record(["years", key], {"transactions": int, "exchanges": int})
        for key in data.document.data["years"]
    }
    shape = _by_year(data, ["shape"], data.document.data["shape"])
    for key in data.document.data["shape"]:
        weights = data.items(["shape", key])
        if len(weights) != 12 or not all(isinstance(w, int) and w > 0 for w in weights):
            data.fail(["shape", key], "expected 12 whole weights above 0")
    bodies = []
    for index in range(len(data.items(["bodies"]))):
        where: list[str | int] = ["bodies", index]
        item = data.record(
            where,
            {**NAMED, "eservices": int, "transactions": dict, "flagship": list, "exchange": list},
        )
        flagship = tuple(
            Named(e["id"], e["name"], e["name_local"], {0: e["weight"]})
            for i in range(len(item["flagship"]))
            if (e := data.record([*where, "flagship", i], {**NAMED, "weight": int}))
        )
        offered = tuple(
            Named(
                e["id"],
                e["name"],
                e["name_local"],
                _by_year(data, [*where, "exchange", i], e["share"]),
            )
            for i in range(len(data.items([*where, "exchange"], empty=True)))
            if (e := data.record([*where, "exchange", i], {**NAMED, "share": dict}))
        )
        body = Body(item["id"], item["name"], item["name_local"])
        part = _by_year(data, [*where, "transactions"], item["transactions"])
        bodies.append(GreekBody(body, item["eservices"], part, flagship, offered))
    for year in years:
        if sum(b.transactions[year] for b in bodies) != 100:
            data.fail(["bodies"], f"the bodies' transactions of {year} do not add up to 100")
        if sum(e.weights[year] for b in bodies for e in b.exchange) != 100:
            data.fail(["bodies"], f"the exchange services' shares of {year} do not add up to 100")
    return NationalData(data.document.data["declared_on"], exchange, years, shape, tuple(bodies))


def _monthly(total: int, year: int, shape: list[int]) -> dict[str, int]:
    return dict(zip(months_of(year), split_exact(total, shape), strict=True))


def _counts(found: NationalData, key: str, parts: list[dict[int, int]]) -> list[dict[str, int]]:
    """Each year's ``key`` total split by ``parts`` (a weight per year each), then by month."""
    counts: list[dict[str, int]] = [{} for _ in parts]
    for year, totals in found.years.items():
        shares = split_exact(totals[key], [part[year] for part in parts])
        for found_counts, share in zip(counts, shares, strict=True):
            found_counts.update(_monthly(share, year, found.shape[year]))
    return counts


def files() -> dict[str, str]:
    """Every file of the sample, by its path in the folder."""
    found = read_data()
    bodies = found.bodies
    exchange = [
        "exchange:",
        f"  name: {scalar(found.exchange['name'])}",
        f"  name_local: {scalar(found.exchange['name_local'])}",
    ]
    written = {
        "collection.yaml": collection_text(
            [
                "The Greek public sector's electronic transactions, 2018-2020: e-services and the",
                "data exchanges of the Interoperability Centre (national figures of the Ministry",
                "of Digital Governance). Generated by tools/generate_greece_national.py.",
            ],
            "greece-national",
            "Greece, public sector",
            "Ελλάδα, δημόσιος τομέας",
            "gregorian",
            "el",
            [b.body for b in bodies],
            exchange,
        )
    }
    by_body = _counts(found, "transactions", [b.transactions for b in bodies])
    offered = [e for b in bodies for e in b.exchange]
    inquiries = dict(
        zip(
            (e.id for e in offered),
            _counts(found, "exchanges", [e.weights for e in offered]),
            strict=True,
        )
    )
    number = 1
    for entry, months in zip(bodies, by_body, strict=True):
        lines = declaration_head(
            f"E-services of the {entry.body.name} gathered by gov.gr, and its data exchanges.",
            entry.body,
            found.declared_on,
            verified=True,
        )
        lines.append("services:")
        weights = [f.weights[0] for f in entry.flagship]
        split: dict[str, dict[str, int]] = {f.id: {} for f in entry.flagship}
        for month, count in months.items():
            for flagship, share in zip(entry.flagship, split_exact(count, weights), strict=True):
                split[flagship.id][month] = share
        for flagship in entry.flagship:
            lines += [
                f"  - id: {flagship.id}",
                f"    name: {scalar(flagship.name)}",
                f"    name_local: {scalar(flagship.name_local)}",
                "    status: unknown",
                "    type: transactional",
                "    audience: [citizens]",
                "    channels: [portal]",
                *counts_lines("transactions", split[flagship.id]),
            ]
        for _ in range(entry.eservices - len(entry.flagship)):
            lines.append(
                f"  - {{id: e-service-{number:04d}, name: E-service {number:04d}, "
                f"name_local: Ηλεκτρονική υπηρεσία {number:04d}, status: unknown, "
                "type: transactional, audience: [citizens], channels: [portal]}"
            )
            number += 1
        if entry.exchange:
            lines.append("exchange_services:")
            for service in entry.exchange:
                lines += exchange_service_lines(
                    service.id, service.name, service.name_local, inquiries[service.id]
                )
        written[f"agencies/{entry.body.id}.yaml"] = "\n".join(lines) + "\n"
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/greece-national"))
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write_sample(args.output, args.force, files())
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
