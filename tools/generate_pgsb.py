"""Generate ``inventories/pgsb/``: Iran's Public Government Service Bus (PGSB) from its
launch in 1398 to 1401 (Solar Hijri), in Persian.

The Information Technology Organization's figures (``tools/data/pgsb.yaml``) are declared
as egov-audit reads an exchange: each provider's services on the bus, with their monthly
inquiries split by consumer (1400 is given as totals only), and the consumers outside the
registry named in ``collection.yaml``. Each month's active services and consumers are the
first ones of two fixed orders (plus a tail active early in 1401), and each consumer calls
one service, so that every figure of the article holds exactly: 4 providers and 68
consumers in 1398, 16 and 272 in 1399, 46 and 684 in 1401 with 346 services, 45 providers
and 677 consumers in Bahman, the busiest month; Khordad the quietest. Nothing is random.

Usage::

    python -m tools.generate_pgsb [--output inventories/pgsb] [--force]
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.catalogue import DATA, DataFile
from tools.sample_kit import (
    Body,
    collection_text,
    declaration_head,
    exchange_service_lines,
    split_exact,
    write_sample,
)
from tools.yamltext import scalar

PGSB_DATA = DATA / "pgsb.yaml"
NAMED = {"id": str, "name": str, "name_local": str}
HEADER = "Services on the Public Government Service Bus, as the IT Organization counted them."


@dataclass(frozen=True, slots=True)
class Service:
    provider: int
    """The provider's place in the list (from 0)."""
    id: str
    name: str
    name_local: str


@dataclass(frozen=True, slots=True)
class Month:
    key: str
    inquiries: int
    services: int
    consumers: int | None


def read_data(path: Path = PGSB_DATA) -> dict[str, Any]:
    """The data file, checked for its keys, its types and the lengths of its lists."""
    data = DataFile(path)
    top = data.record(
        [],
        {
            "declared_on": str,
            "exchange": dict,
            "consumers": dict,
            "waves": list,
            "tail": dict,
            "months": dict,
            "providers": list,
        },
    )
    data.record(["exchange"], {"name": str, "name_local": str})
    data.record(
        ["consumers"],
        {"named": list, "others_weight": int, "registered": int, "businesses": int, "total": int},
    )
    for index in range(len(data.items(["consumers", "named"]))):
        data.record(["consumers", "named", index], {**NAMED, "weight": int})
    for index in range(len(data.items(["waves"]))):
        data.record(["waves", index], {"year": int, "providers": int, "services": int})
    data.record(["tail"], {"services": int, "consumers": int, "months": [str]})
    months = []
    for year in top["months"]:
        item = data.record(
            ["months", year],
            {"first": int, "inquiries": [int], "services": [int]},
            {"consumers": [int]},
        )
        count = len(item["inquiries"])
        split = item.get("consumers")
        if len(item["services"]) != count or (split is not None and len(split) != count):
            data.fail(["months", year], "inquiries, services and consumers differ in length")
        for offset in range(count):
            months.append(
                Month(
                    f"{int(year):04d}-{item['first'] + offset:02d}",
                    item["inquiries"][offset],
                    item["services"][offset],
                    split[offset] if split is not None else None,
                )
            )
    providers = []
    for index in range(len(data.items(["providers"]))):
        item = data.record(["providers", index], NAMED, {"services": [dict]})
        named = [
            data.record(["providers", index, "services", i], NAMED)
            for i in range(len(item.get("services", [])))
        ]
        providers.append((Body(item["id"], item["name"], item["name_local"]), named))
    return {**top, "months": months, "providers": providers}


def services_in_order(data: dict[str, Any]) -> tuple[list[Service], list[Service]]:
    """Every service in the order months take them, and the tail's services."""
    providers: list[tuple[Body, list[dict[str, str]]]] = data["providers"]
    counts = [0] * len(providers)
    order: list[int] = []
    known = 0
    for wave in data["waves"]:
        new = list(range(known, wave["providers"]))
        extra = wave["services"] - len(order) - len(new)
        everyone = list(range(wave["providers"]))
        order += new + [everyone[i % len(everyone)] for i in range(extra)]
        known = wave["providers"]
    tail_size = data["tail"]["services"]
    tail_providers = [len(providers) - 1] * 2 + list(range(tail_size - 2))
    found: list[Service] = []
    for place in order + tail_providers:
        body, named = providers[place]
        number = counts[place]
        counts[place] += 1
        if number < len(named):
            item = named[number]
            found.append(Service(place, item["id"], item["name"], item["name_local"]))
        else:
            found.append(
                Service(
                    place,
                    f"service-{number + 1:02d}",
                    f"{body.name}: service {number + 1:02d}",
                    f"{body.name_local}: سرویس {number + 1:02d}",
                )
            )
    return found[: len(order)], found[len(order) :]


def consumers_in_order(data: dict[str, Any]) -> list[tuple[str, float, Body | None]]:
    """Every consumer in order: its id, its weight and, for one outside the registry, its
    name (``collection.yaml`` lists it)."""
    spec = data["consumers"]
    named = [
        (c["id"], float(c["weight"]), Body(c["id"], c["name"], c["name_local"]))
        for c in spec["named"]
    ]
    providers: list[tuple[Body, list[dict[str, str]]]] = data["providers"]
    others: list[tuple[str, Body | None]] = [
        (body.id, None) for body, _named in providers[3 : 3 + spec["registered"]]
    ]
    bodies = spec["total"] - len(named) - len(others) - spec["businesses"]
    for number in range(1, spec["businesses"] + 1):
        ident = f"business-{number:04d}"
        others.append((ident, Body(ident, f"Business {number:04d}", f"کسب‌وکار {number:04d}")))
        if number <= bodies:
            ident = f"public-body-{number:03d}"
            others.append((ident, Body(ident, f"Public body {number:03d}", f"دستگاه {number:03d}")))
    weights = [1 / math.sqrt(place) for place in range(1, len(others) + 1)]
    scale = spec["others_weight"] / sum(weights)
    return named + [(i, w * scale, b) for (i, b), w in zip(others, weights, strict=True)]


def monthly_inquiries(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each service's months: a count, or the count split by consumer."""
    core, tail = services_in_order(data)
    consumers = consumers_in_order(data)
    tail_consumers = data["tail"]["consumers"]
    core_consumers = consumers[: len(consumers) - tail_consumers]
    found: dict[str, dict[str, Any]] = {}
    for month in data["months"]:
        in_tail = month.key in data["tail"]["months"]
        extra = tail if in_tail else []
        active = core[: month.services - len(extra)] + extra
        if month.consumers is None:
            weights = [1 / (k + 1) for k in range(len(active))]
            for service, count in zip(active, split_exact(month.inquiries, weights), strict=True):
                found.setdefault(f"{service.provider}/{service.id}", {})[month.key] = count
            continue
        calling = core_consumers[: month.consumers - (tail_consumers if in_tail else 0)]
        calling += consumers[len(core_consumers) :] if in_tail else []
        if len(calling) < len(active):
            raise SystemExit(f"{month.key}: fewer consumers than services")
        counts = split_exact(month.inquiries, [weight for _id, weight, _body in calling])
        for k, ((ident, _weight, _body), count) in enumerate(zip(calling, counts, strict=True)):
            if count < 1:
                raise SystemExit(f"{month.key}: consumer {ident} would make no inquiry")
            service = active[k % len(active)]
            split = found.setdefault(f"{service.provider}/{service.id}", {})
            split.setdefault(month.key, {})[ident] = count
    return found


def files() -> dict[str, str]:
    """Every file of the sample, by its path in the folder."""
    data = read_data()
    providers: list[tuple[Body, list[dict[str, str]]]] = data["providers"]
    outside = [body for _ident, _weight, body in consumers_in_order(data) if body is not None]
    exchange = [
        "exchange:",
        f"  name: {scalar(data['exchange']['name'])}",
        f"  name_local: {scalar(data['exchange']['name_local'])}",
        "  consumers:",
        *(
            f"    - {{id: {b.id}, name: {scalar(b.name)}, name_local: {scalar(b.name_local)}}}"
            for b in outside
        ),
    ]
    written = {
        "collection.yaml": collection_text(
            [
                "Iran's Public Government Service Bus (PGSB): the bodies whose services it",
                "carries, and the businesses and bodies outside the registry that call them.",
                "Generated by tools/generate_pgsb.py from tools/data/pgsb.yaml.",
            ],
            "pgsb",
            "Iran, Public Government Service Bus",
            "ایران، گذرگاه عمومی خدمات دولت",
            "jalali",
            "fa",
            [body for body, _named in providers],
            exchange,
        )
    }
    core, tail = services_in_order(data)
    months = monthly_inquiries(data)
    for place, (body, _named) in enumerate(providers):
        lines = declaration_head(HEADER, body, data["declared_on"], verified=True)
        lines += ["services: []", "exchange_services:"]
        for service in sorted((s for s in core + tail if s.provider == place), key=lambda s: s.id):
            counts = months.get(f"{place}/{service.id}", {})
            lines += exchange_service_lines(service.id, service.name, service.name_local, counts)
        written[f"agencies/{body.id}.yaml"] = "\n".join(lines) + "\n"
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/pgsb"))
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write_sample(args.output, args.force, files())
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
