"""Interoperability: who depends on whom, from ``depends_on``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from egov_audit.aggregate.figures import (
    Blocker,
    BlockerGroup,
    ConsumerRow,
    Interoperability,
    ProviderRow,
    share,
)
from egov_audit.aggregate.targets import Dependent, counted_targets, provider_of
from egov_audit.model import AgencyRef, Status


def interoperability(
    dependents: Iterable[Dependent],
    status_of: Mapping[str, Status],
    agencies: Mapping[str, AgencyRef],
    registry: Sequence[AgencyRef] = (),
    declared: Collection[str] | None = None,
) -> Interoperability:
    """Providers, consumers and blocked services of the declared dependencies.

    Only dependencies on another agency's services count (a dependency on the agency's
    own service is reported by validate and left out here). A dependency on a registered
    agency that has not declared (or whose declaration is not counted) makes that agency
    a provider marked as not declared, and blocks the dependent service unless it is
    fully electronic. A dependency naming no declared service of a counted agency, or
    no registered agency, is a broken reference: listed apart, counted nowhere here.

    ``status_of`` holds the status of every counted service that a ``depends_on`` may
    name, and ``declared`` the agencies with a counted service (by default those of
    ``status_of``, which then holds every counted service)."""
    registered = {agency.id: agency for agency in registry}
    declared_agencies = (
        {target.split("/", 1)[0] for target in status_of} if declared is None else declared
    )
    provider_services: Counter[str] = Counter()
    provider_transactions: Counter[str] = Counter()
    consuming: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    blocked: dict[str, list[Blocker]] = {}
    dependent_total = 0
    undeclared: set[str] = set()
    for agency_id, service_id, status, depends_on, transactions, services in dependents:
        targets = counted_targets(agency_id, depends_on, status_of, registered, declared_agencies)
        undeclared.update(provider_of(t) for t in targets if t not in status_of)
        if not targets:
            continue
        consuming[agency_id] += services
        edges[agency_id] += services * len(targets)
        dependent_total += transactions
        for provider in sorted({t.split("/", 1)[0] for t in targets}):
            provider_services[provider] += services
            provider_transactions[provider] += transactions
        if status is Status.FULL:
            continue
        for target in targets:
            provider_status = status_of.get(target, Status.UNKNOWN)
            if provider_status is not Status.FULL:
                blocked.setdefault(target.split("/", 1)[0], []).append(
                    Blocker(
                        f"{agency_id}/{service_id}",
                        status,
                        target,
                        provider_status,
                        provider_declared=target in status_of,
                    )
                )
    names = {**registered, **agencies}
    providers = sorted(
        (
            ProviderRow(
                names[p],
                provider_services[p],
                provider_transactions[p],
                share(provider_transactions[p], dependent_total),
                declared=p not in undeclared,
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
            BlockerGroup(
                names[p], tuple(sorted(items, key=lambda b: (b.service, b.provider_service)))
            )
            for p, items in blocked.items()
        ),
        key=lambda g: (-len(g.blockers), g.provider.id),
    )
    return Interoperability(tuple(providers), tuple(consumers), tuple(groups), dependent_total)
