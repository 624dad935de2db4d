"""Which ``depends_on`` targets count: shared by the interoperability and exchange figures."""

from __future__ import annotations

from collections.abc import Collection, Iterable


def counted_targets(
    agency_id: str,
    depends_on: Iterable[str],
    counted: Collection[str],
    registered: Collection[str],
    declared: Collection[str],
) -> list[str]:
    """The targets of a service's ``depends_on`` that count in a period.

    A target counts when it names a service that counts in the period (``counted``: global
    ids), or any service of a registered agency that has not declared (not in
    ``declared``). A dependency on the agency's own service is left out, and so is a
    broken reference (an undeclared service of a declared agency, an unknown agency)."""
    targets = []
    for target in depends_on:
        provider = target.split("/", 1)[0]
        if provider == agency_id:
            continue
        if target in counted or (provider in registered and provider not in declared):
            targets.append(target)
    return targets


def provider_of(target: str) -> str:
    """The agency id of a global service id."""
    return target.split("/", 1)[0]
