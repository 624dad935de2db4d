"""What the article samples' generators share: exact splits of published totals, YAML text
of declarations and exchange services, and writing the folder.

The generators of ``inventories/greece-national``, ``vietnam``, ``nix`` and ``pgsb`` start
from the totals an article publishes and split them into monthly counts with
:func:`split_exact`, so that egov-audit adds the counts back up to the published figure
exactly. Nothing is random: the same data file always gives the same files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.staging import staged_folder
from tools.yamltext import scalar

SHAPE = (0.92, 0.88, 0.95, 1.0, 1.02, 0.98, 0.97, 0.9, 1.03, 1.07, 1.1, 1.18)
"""The usual weight of each month of a year (a quiet summer, a busy year end)."""


def split_exact(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, in whole numbers that add up to it.

    Largest remainder: each part is rounded down, and the units left over go to the parts
    with the largest remainders (the earlier part on a tie)."""
    whole = sum(weights)
    if total < 0 or whole <= 0 or any(w < 0 for w in weights):
        raise ValueError("a split needs a total >= 0 and positive weights")
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    assert sum(parts) == total
    return parts


def months_of(year: int, first: int = 1, last: int = 12) -> list[str]:
    """The months ``first``..``last`` of ``year`` as ``YYYY-MM``."""
    return [f"{year:04d}-{month:02d}" for month in range(first, last + 1)]


@dataclass(frozen=True, slots=True)
class Body:
    """A registered body: an agency, a ministry, a province, a provider outside the executive."""

    id: str
    name: str
    name_local: str


def collection_text(
    header: Sequence[str],
    ident: str,
    name: str,
    name_local: str,
    calendar: str,
    language: str,
    bodies: Sequence[Body],
    exchange: Sequence[str] = (),
) -> str:
    """``collection.yaml``: the header comment lines, the registry and the exchange lines."""
    lines = [f"# {line}" if line else "#" for line in header]
    lines += [
        "schema_version: 1",
        f"id: {ident}",
        f"name: {scalar(name)}",
        f"name_local: {scalar(name_local)}",
        f"calendar: {calendar}",
        f"language: {language}",
        *exchange,
        "agencies:",
    ]
    for body in bodies:
        lines += [
            f"  - id: {body.id}",
            f"    name: {scalar(body.name)}",
            f"    name_local: {scalar(body.name_local)}",
        ]
    return "\n".join(lines) + "\n"


def declaration_head(header: str, body: Body, declared_on: str, verified: bool) -> list[str]:
    """The top of a declaration, up to (not including) ``services:``."""
    return [
        f"# {header}",
        "schema_version: 1",
        "agency:",
        f"  id: {body.id}",
        f"  name: {scalar(body.name)}",
        f"  name_local: {scalar(body.name_local)}",
        f'declared_on: "{declared_on}"',
        f"verified: {'true' if verified else 'false'}",
    ]


def counts_lines(key: str, counts: Mapping[str, int | Mapping[str, int]]) -> list[str]:
    """``transactions:`` or ``inquiries:`` of a service, one month a line; a month split by
    consumer (or channel) as a flow mapping."""
    if not counts:
        return []
    lines = [f"    {key}:"]
    for month, count in counts.items():
        if isinstance(count, Mapping):
            split = ", ".join(f"{who}: {n}" for who, n in count.items())
            lines.append(f'      "{month}": {{{split}}}')
        else:
            lines.append(f'      "{month}": {count}')
    return lines


def exchange_service_lines(
    ident: str, name: str, name_local: str, inquiries: Mapping[str, int | Mapping[str, int]]
) -> list[str]:
    """One entry of ``exchange_services:``."""
    return [
        f"  - id: {ident}",
        f"    name: {scalar(name)}",
        f"    name_local: {scalar(name_local)}",
        *counts_lines("inquiries", inquiries),
    ]


def write_sample(output: Path, force: bool, files: Mapping[str, str]) -> None:
    """Write ``files`` (path in the folder -> text) as the folder ``output``, atomically."""
    with staged_folder(output, force=force) as staging:
        for name, text in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
