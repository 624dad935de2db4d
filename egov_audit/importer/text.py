"""The text of a declaration written by ``import``: its services as YAML, in the
format's order of fields."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from egov_audit.importer.template import declaration_header
from egov_audit.importer.words import LISTS
from egov_audit.io.yamlwrite import yaml_flow, yaml_str, yaml_str_quoted
from egov_audit.model import SPLIT_CHANNELS, AgencyRef, Collection

ORDER = (
    "id",
    "name",
    "name_local",
    "status",
    "in_person_steps",
    "type",
    "audience",
    "channels",
    "history",
    "launched_on",
    "transactions",
    "depends_on",
    "benchmarks",
)


def order(service: dict[str, Any]) -> dict[str, Any]:
    """The service's fields in the format's order."""
    return {key: service[key] for key in ORDER if key in service}


def _count_text(count: int | dict[str, int]) -> str:
    if isinstance(count, int):
        return str(count)
    return "{" + ", ".join(f"{key}: {count[key]}" for key in SPLIT_CHANNELS if key in count) + "}"


def render(
    output: Path,
    collection: Collection,
    agency: AgencyRef,
    declared_on: str,
    services: Sequence[dict[str, Any]],
    source: str,
    exchange: Sequence[dict[str, Any]] = (),
) -> str:
    """The text of the declaration holding ``services`` (and the ``exchange`` services)."""
    lines = [
        declaration_header(output, collection).rstrip("\n"),
        f"# Imported from {source} by 'egov-audit import'.",
        "schema_version: 1",
        "agency:",
        f"  id: {agency.id}",
        f"  name: {yaml_str(agency.name)}",
    ]
    if agency.name_local:
        lines.append(f"  name_local: {yaml_str(agency.name_local)}")
    lines.append(f'declared_on: "{declared_on}"')
    lines.append("services:" if services else "services: []")
    for service in services:
        prefix = "  - "
        for key, value in service.items():
            if key in LISTS:
                text = yaml_flow(value)
            elif key in ("transactions", "history"):
                text = ""
            elif key == "launched_on":
                text = yaml_str_quoted(value)
            else:
                text = yaml_str(value)
            lines.append(f"{prefix}{key}: {text}".rstrip())
            prefix = "    "
            if key == "history":
                lines.extend(_history_lines(value))
            if key == "transactions":
                lines.extend(f"      {m}: {_count_text(count)}" for m, count in value.items())
    if exchange:
        lines.append("exchange_services:")
    for service in exchange:
        lines.append(f"  - id: {service['id']}")
        lines.append(f"    name: {yaml_str(service['name'])}")
        if "name_local" in service:
            lines.append(f"    name_local: {yaml_str(service['name_local'])}")
        if service.get("inquiries"):
            lines.append("    inquiries:")
        for month, count in service.get("inquiries", {}).items():
            if isinstance(count, int):
                lines.append(f"      {month}: {count}")
            else:
                split = ", ".join(f"{consumer}: {n}" for consumer, n in count.items())
                lines.append(f"      {month}: {{{split}}}")
    return "\n".join(lines) + "\n"


def _history_lines(entries: Sequence[dict[str, Any]]) -> list[str]:
    lines = []
    for entry in entries:
        prefix = "      - "
        for key in ("on", "status", "channels", "in_person_steps"):
            if key not in entry:
                continue
            value = entry[key]
            if key == "on":
                text = yaml_str_quoted(value)
            elif key == "channels":
                text = yaml_flow(value)
            else:
                text = yaml_str(value)
            lines.append(f"{prefix}{key}: {text}")
            prefix = "        "
    return lines
