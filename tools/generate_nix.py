"""Generate ``inventories/nix/``: Iran's National Information Exchange (NIX) in 1396 and
1399 (Solar Hijri), in Persian.

The figures are those of the 20th meeting of the e-government interoperability working
group (1399), in ``tools/data/nix.yaml``: 103 million inquiries in 1396 and 1.31 billion in
1399; 25 providers with 282 services in 1396 and 56 with 961 in 1399; Civil Registration
57%, the Communications Regulatory Authority 20% and the National Post 6% of 1399's
inquiries. The judiciary and the police, outside the executive branch, are registered but
not connected: they declare the services others need and no exchange service, and the
public services that depend on them carry 46% and 27% of the 1399 demand (8% need both).
Yearly totals are split over providers, services and months exactly
(:func:`~tools.sample_kit.split_exact`), by the rules the data file states. The article
gives no other year, so the sample holds 1396 and 1399 only.

Usage::

    python -m tools.generate_nix [--output inventories/nix] [--force]
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
    counts_lines,
    declaration_head,
    exchange_service_lines,
    months_of,
    split_exact,
    write_sample,
)
from tools.yamltext import scalar

NIX_DATA = DATA / "nix.yaml"
NAMED = {"id": str, "name": str, "name_local": str}
HEADER = "Declared to the e-government interoperability working group, 1399."


@dataclass(frozen=True, slots=True)
class Year:
    year: int
    inquiries: int
    providers: int
    services: int
    top: list[int]


@dataclass(frozen=True, slots=True)
class Provider:
    body: Body
    named: list[dict[str, str]]
    """Its first services, named; the others are numbered."""


def read_data(path: Path = NIX_DATA) -> dict[str, Any]:
    """The data file, checked for its keys and types."""
    data = DataFile(path)
    top = data.record(
        [],
        {
            "declared_on": str,
            "exchange": dict,
            "years": dict,
            "shape": [int],
            "outside": list,
            "dependents": list,
            "providers": list,
        },
    )
    data.record(["exchange"], {"name": str, "name_local": str})
    years = []
    for key in top["years"]:
        item = data.record(
            ["years", key],
            {"inquiries": int, "providers": int, "services": int, "top": [int]},
        )
        years.append(
            Year(int(key), item["inquiries"], item["providers"], item["services"], item["top"])
        )
    providers = []
    for index in range(len(data.items(["providers"]))):
        where: list[str | int] = ["providers", index]
        item = data.record(where, NAMED, {"services": [dict]})
        named = [
            data.record([*where, "services", i], NAMED)
            for i in range(len(item.get("services", [])))
        ]
        providers.append(Provider(Body(item["id"], item["name"], item["name_local"]), named))
    outside = []
    for index in range(len(data.items(["outside"]))):
        where = ["outside", index]
        item = data.record(where, {**NAMED, "services": [dict]})
        services = [
            data.record([*where, "services", i], {**NAMED, "in_person_steps": str})
            for i in range(len(item["services"]))
        ]
        outside.append((Body(item["id"], item["name"], item["name_local"]), services))
    dependents = [
        data.record(
            ["dependents", i], {**NAMED, "agency": str, "depends_on": [str], "transactions": int}
        )
        for i in range(len(data.items(["dependents"])))
    ]
    if len(top["shape"]) != 12 or min(top["shape"]) <= 0:
        data.fail(["shape"], "expected 12 whole weights above 0")
    if max(y.providers for y in years) != len(providers):
        data.fail(["providers"], "the last year's providers are all of them")
    return {
        "declared_on": top["declared_on"],
        "exchange": top["exchange"],
        "years": years,
        "shape": top["shape"],
        "providers": providers,
        "outside": outside,
        "dependents": dependents,
    }


def _provider_inquiries(year: Year) -> list[int]:
    """The year's inquiries of each of its providers: the top ones' per mille, the others'
    in proportion to 1 / their place."""
    top = [year.inquiries * mille // 1000 for mille in year.top]
    rest = split_exact(
        year.inquiries - sum(top),
        [1 / place for place in range(len(top) + 1, year.providers + 1)],
    )
    return top + rest


def _service_counts(year: Year) -> list[int]:
    return split_exact(year.services, [1 / math.sqrt(p) for p in range(1, year.providers + 1)])


def _service_names(provider: Provider, count: int) -> list[tuple[str, str, str]]:
    found = [(s["id"], s["name"], s["name_local"]) for s in provider.named][:count]
    for number in range(len(found) + 1, count + 1):
        found.append(
            (
                f"inquiry-{number:03d}",
                f"Inquiry service {number:03d}",
                f"سرویس استعلام {number:03d}",
            )
        )
    return found


def _exchange_inquiries(
    data: dict[str, Any],
) -> list[dict[str, dict[str, int]]]:
    """For each provider, each service's monthly inquiries over the years."""
    providers: list[Provider] = data["providers"]
    found: list[dict[str, dict[str, int]]] = [{} for _ in providers]
    previous = [0] * len(providers)
    for year in data["years"]:
        counts = _service_counts(year)
        for index, (total, count) in enumerate(zip(_provider_inquiries(year), counts, strict=True)):
            if count < previous[index]:
                raise SystemExit(f"{providers[index].body.id}: fewer services in {year.year}")
            previous[index] = count
            names = _service_names(providers[index], count)
            shares = split_exact(total, [1 / k for k in range(1, count + 1)])
            for (ident, _name, _local), share in zip(names, shares, strict=True):
                months = split_exact(share, data["shape"])
                found[index].setdefault(ident, {}).update(
                    zip(months_of(year.year), months, strict=True)
                )
    return found


def _dependent_lines(
    item: dict[str, Any], year: int, shape: list[int], outside: set[str]
) -> list[str]:
    waits_on = [t for t in item["depends_on"] if t.split("/", 1)[0] in outside]
    status = "partial" if waits_on else "full"
    lines = [
        f"  - id: {item['id']}",
        f"    name: {scalar(item['name'])}",
        f"    name_local: {scalar(item['name_local'])}",
        f"    status: {status}",
    ]
    if waits_on:
        needed = " and ".join(t.split("/", 1)[1].replace("-", " ") for t in waits_on)
        lines.append(
            f"    in_person_steps: {scalar(f'The applicant brings the {needed} on paper')}"
        )
    counts = dict(zip(months_of(year), split_exact(item["transactions"], shape), strict=True))
    return [
        *lines,
        "    type: transactional",
        "    audience: [citizens, businesses]",
        "    channels: [portal]",
        f"    depends_on: [{', '.join(item['depends_on'])}]",
        *counts_lines("transactions", counts),
    ]


def files() -> dict[str, str]:
    """Every file of the sample, by its path in the folder."""
    data = read_data()
    providers: list[Provider] = data["providers"]
    outside: list[tuple[Body, list[dict[str, str]]]] = data["outside"]
    last = data["years"][-1].year
    exchange = [
        "exchange:",
        f"  name: {scalar(data['exchange']['name'])}",
        f"  name_local: {scalar(data['exchange']['name_local'])}",
    ]
    written = {
        "collection.yaml": collection_text(
            [
                "Iran's National Information Exchange (NIX): the bodies that provide inquiries",
                "over it, and the judiciary and the police, which are not connected to it.",
                "Generated by tools/generate_nix.py from tools/data/nix.yaml.",
            ],
            "nix",
            "Iran, National Information Exchange",
            "ایران، مرکز ملی تبادل اطلاعات",
            "jalali",
            "fa",
            [p.body for p in providers] + [body for body, _services in outside],
            exchange,
        )
    }
    outside_ids = {body.id for body, _services in outside}
    inquiries = _exchange_inquiries(data)
    for provider, services in zip(providers, inquiries, strict=True):
        lines = declaration_head(HEADER, provider.body, data["declared_on"], verified=True)
        own = [d for d in data["dependents"] if d["agency"] == provider.body.id]
        lines.append("services:" if own else "services: []")
        for item in own:
            lines += _dependent_lines(item, last, data["shape"], outside_ids)
        lines.append("exchange_services:")
        names = {
            ident: (name, local) for ident, name, local in _service_names(provider, len(services))
        }
        for ident, months in services.items():
            lines += exchange_service_lines(ident, *names[ident], months)
        written[f"agencies/{provider.body.id}.yaml"] = "\n".join(lines) + "\n"
    for body, needed in outside:
        lines = declaration_head(HEADER, body, data["declared_on"], verified=True)
        lines.append("services:")
        for service in needed:
            lines += [
                f"  - id: {service['id']}",
                f"    name: {scalar(service['name'])}",
                f"    name_local: {scalar(service['name_local'])}",
                "    status: partial",
                f"    in_person_steps: {scalar(service['in_person_steps'])}",
                "    type: interactive",
                "    audience: [citizens, businesses, government]",
                "    channels: [portal]",
            ]
        written[f"agencies/{body.id}.yaml"] = "\n".join(lines) + "\n"
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/nix"))
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write_sample(args.output, args.force, files())
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
