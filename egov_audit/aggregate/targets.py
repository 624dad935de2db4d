"""Which ``depends_on`` targets count: shared by the interoperability and exchange figures."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from egov_audit.model import Status

Dependent = tuple[str, str, Status, tuple[str, ...], int, int]
"""Services that depend on others: agency id, service id, status, depends_on, their
transactions in the period, and how many services the row stands for (1, or more for
fully electronic services of one agency with the same depends_on, which are counted
together: only services not fully electronic are ever named, as blocked; their service
id is then "")."""


class Dependents:
    """The services of a report's period that depend on others, held compactly: one row
    per service not fully electronic, and one per agency and ``depends_on`` for the fully
    electronic ones (a national collection has about as many dependents as services)."""

    def __init__(self) -> None:
        self._listed: list[Dependent] = []
        self._full: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        self._same: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(
        self,
        agency_id: str,
        service_id: str,
        status: Status,
        depends_on: tuple[str, ...],
        transactions: int,
    ) -> None:
        """One service with a ``depends_on``."""
        depends_on = self._same.setdefault(depends_on, depends_on)
        if status is Status.FULL:
            counts = self._full.setdefault((agency_id, depends_on), [0, 0])
            counts[0] += 1
            counts[1] += transactions
        else:
            self._listed.append((agency_id, service_id, status, depends_on, transactions, 1))

    def __iter__(self) -> Iterator[Dependent]:
        yield from self._listed
        for (agency_id, depends_on), (services, transactions) in self._full.items():
            yield (agency_id, "", Status.FULL, depends_on, transactions, services)


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
