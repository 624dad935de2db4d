"""Interoperability: who depends on whom, from ``depends_on``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from egov_audit.aggregate.figures import (
    Blocker,
    BlockerGroup,
    ConsumerRow,
    Interoperability,
    ProviderRow,
    share,
)
from egov_audit.model import AgencyRef, Status

Dependent = tuple[str, str, Status, tuple[str, ...], int]
"""A service that depends on others: agency id, service id, status, depends_on and its
transactions in the period."""


def interoperability(
    dependents: Sequence[Dependent],
    status_of: Mapping[str, Status],
    agencies: Mapping[str, AgencyRef],
) -> Interoperability:
    """Providers, consumers and blocked services of the declared dependencies."""
    provider_services: Counter[str] = Counter()
    provider_transactions: Counter[str] = Counter()
    consuming: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    blocked: dict[str, list[Blocker]] = {}
    dependent_total = 0
    for agency_id, service_id, status, depends_on, transactions in dependents:
        targets = [t for t in depends_on if t in status_of]
        if not targets:
            continue
        consuming[agency_id] += 1
        edges[agency_id] += len(targets)
        dependent_total += transactions
        for provider in sorted({t.split("/", 1)[0] for t in targets}):
            provider_services[provider] += 1
            provider_transactions[provider] += transactions
        if status is Status.FULL:
            continue
        for target in targets:
            if status_of[target] is not Status.FULL:
                blocked.setdefault(target.split("/", 1)[0], []).append(
                    Blocker(f"{agency_id}/{service_id}", status, target, status_of[target])
                )
    providers = sorted(
        (
            ProviderRow(
                agencies[p],
                provider_services[p],
                provider_transactions[p],
                share(provider_transactions[p], dependent_total),
            )
            for p in provider_services
        ),
        key=lambda r: (-r.dependent_services, -r.dependent_transactions, r.agency.id),
    )
    consumers = sorted(
        (ConsumerRow(agencies[a], consuming[a], edges[a]) for a in consuming),
        key=lambda r: (-r.services, -r.dependencies, r.agency.id),
    )
    groups = sorted(
        (
            BlockerGroup(agencies[p], tuple(sorted(items, key=lambda b: b.service)))
            for p, items in blocked.items()
        ),
        key=lambda g: (-len(g.blockers), g.provider.id),
    )
    return Interoperability(tuple(providers), tuple(consumers), tuple(groups), dependent_total)
