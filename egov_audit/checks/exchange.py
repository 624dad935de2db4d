"""The government exchange: ``exchange:`` of collection.yaml and ``exchange_services`` of a
declaration, checked beyond the schema and converted into records.

A month's inquiries may be split by consumer; each consumer is a registered agency or one
named under ``exchange: consumers:``. The ids of exchange services share the agency's
namespace with its services, so that ``depends_on`` can name either.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from egov_audit.checks import schema
from egov_audit.checks.collector import Collector
from egov_audit.checks.context import Context
from egov_audit.model import AgencyRef, Exchange, ExchangeService, MonthlyCounts
from egov_audit.model.calendars import Day, Month, parse_month

_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
"""A consumer id (a key that is not one is reported by the schema)."""


def exchange_of(
    collector: Collector, data: dict[str, Any], registry: dict[str, AgencyRef] | None
) -> Exchange | None:
    """The ``exchange:`` section of collection.yaml (None without one). Reports a consumer
    named twice, or named with the id of a registered agency."""
    section = data.get("exchange")
    if not isinstance(section, dict) or not isinstance(section.get("name"), str):
        return None
    assert collector.doc is not None
    consumers: dict[str, AgencyRef] = {}
    first_index: dict[str, int] = {}
    entries = section.get("consumers")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        at: list[str | int] = ["exchange", "consumers", index, "id"]
        consumer_id = entry["id"]
        if consumer_id in first_index:
            first: list[str | int] = ["exchange", "consumers", first_index[consumer_id], "id"]
            collector.add(
                "exchange-consumer-duplicate",
                f"consumer '{consumer_id}' is named twice (first on line "
                f"{collector.doc.position(first).line})",
                at=at,
            )
            continue
        if registry is not None and consumer_id in registry:
            collector.add(
                "exchange-consumer-duplicate",
                f"consumer '{consumer_id}' has the id of a registered agency",
                at=at,
            )
            continue
        first_index[consumer_id] = index
        name, local = entry.get("name"), entry.get("name_local")
        consumers[consumer_id] = AgencyRef(
            consumer_id,
            name if isinstance(name, str) else consumer_id,
            local if isinstance(local, str) else None,
        )
    local = section.get("name_local")
    return Exchange(
        section["name"], local if isinstance(local, str) else None, tuple(consumers.values())
    )


def exchange_service_checks(
    collector: Collector,
    entries: Any,
    context: Context,
    declared_on: Day | None,
    declared_text: Any,
    first_at: dict[str, list[str | int]],
) -> set[str]:
    """Check ``exchange_services``: ids unique among the agency's services and exchange
    services, months that exist and are not after ``declared_on``, and consumers that the
    collection knows. Returns the ids of the exchange services.

    ``first_at`` holds where each id already seen is written (the services' ids); the
    exchange services' ids are added to it."""
    ids: set[str] = set()
    if not isinstance(entries, list):
        return ids
    known = None if context.registry is None else {*context.registry, *context.consumers}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        at: list[str | int] = ["exchange_services", index]
        service_id = entry.get("id")
        if isinstance(service_id, str):
            if service_id in first_at:
                duplicate_id(collector, service_id, first_at[service_id], [*at, "id"])
            else:
                first_at[service_id] = [*at, "id"]
                ids.add(service_id)
        inquiries = entry.get("inquiries")
        if isinstance(inquiries, dict):
            _month_checks(collector, inquiries, [*at, "inquiries"], declared_on, declared_text)
            if known is not None:
                _consumer_checks(collector, inquiries, [*at, "inquiries"], known)
    return ids


def duplicate_id(
    collector: Collector, service_id: str, first: list[str | int], at: list[str | int]
) -> None:
    """Report a service id written at ``at`` that is already written at ``first``.

    The lines are asked for only here: a file without a duplicate never needs them."""
    assert collector.doc is not None
    collector.add(
        "service-id-duplicate",
        f"service id '{service_id}' is used twice: line "
        f"{collector.doc.position(first).line} and line {collector.doc.position(at).line}",
        at=at,
    )


def _month_checks(
    collector: Collector,
    inquiries: dict[str, Any],
    at: list[str | int],
    declared_on: Day | None,
    declared_text: Any,
) -> None:
    for key in inquiries:
        month = parse_month(key)
        if month is None:
            if schema.MONTH_FORM.match(key):
                collector.add(
                    "month-invalid", f"month {key} does not exist", at=[*at, key], on_key=True
                )
            continue
        if declared_on is not None and month > declared_on[:2]:
            collector.add(
                "transactions-after-declaration",
                f"inquiries counted for {key}, after declared_on {declared_text}",
                at=[*at, key],
                on_key=True,
            )


def _consumer_checks(
    collector: Collector, inquiries: dict[str, Any], at: list[str | int], known: set[str]
) -> None:
    for key, split in inquiries.items():
        if not isinstance(split, dict):
            continue
        for consumer in split:
            if isinstance(consumer, str) and _SLUG.match(consumer) and consumer not in known:
                collector.add(
                    "exchange-consumer-unknown",
                    f"{key} counts inquiries of '{consumer}', which is neither a registered "
                    "agency nor a consumer named under exchange: in collection.yaml",
                    at=[*at, key, consumer],
                    on_key=True,
                )


def to_exchange_services(entries: Any) -> tuple[ExchangeService, ...]:
    """The exchange services of a document that passed every check."""
    found = []
    for raw in entries or ():
        months: list[tuple[Month, int]] = []
        splits: list[tuple[Month, tuple[tuple[str, int], ...]]] = []
        for key, count in (raw.get("inquiries") or {}).items():
            month = parse_month(key)
            assert month is not None
            if isinstance(count, dict):
                split = tuple((sys.intern(c), n) for c, n in count.items())
                splits.append((month, split))
                count = sum(n for _c, n in split)
            months.append((month, count))
        found.append(
            ExchangeService(
                id=raw["id"],
                name=raw["name"],
                name_local=raw.get("name_local"),
                inquiries=MonthlyCounts(months),
                consumer_splits=tuple(sorted(splits)),
            )
        )
    return tuple(found)
