"""``egov-audit diff``: what changed between two versions of a declaration or of a collection.

The comparison is a pure function of the model records (``diff_declarations`` and
``diff_collections`` build a ``CollectionDiff``); loading (``compare_paths``) and the
renderers (text, Markdown, JSON) are separate.

Services are matched by global id (``<agency-id>/<service-id>``). Status changes are
classified against the order full > partial > in_person, with ``unknown`` apart:

- ``regression``: to a lower status (full -> partial, partial -> in_person, ...);
- ``became_unverified``: from any status to ``unknown``;
- ``improvement``: to a higher status (partial -> full, ...);
- ``newly_assessed``: from ``unknown`` to any other status.

They are listed in that order (regressions first), then by global id.

The JSON output (``diff_version: 1``) has these keys: ``diff_version``; ``compared``
(``"declarations"`` or ``"collections"``); ``old`` and ``new`` (the paths as given);
``has_changes``; ``summary`` (counts: ``services_added``, ``services_removed``,
``status_changes``, ``regressions``, ``became_unverified``, ``improvements``,
``newly_assessed``, ``channel_changes``, ``audience_changes``, ``type_changes``,
``agency_changes``); ``agencies`` (``added`` and ``removed``: agency ids declared on one
side only); ``services`` (``added`` and ``removed``: objects with ``id``, ``agency``,
``name``, ``status``, ``type``, ``audience``, ``channels``, ``transactions``);
``status_changes`` (``id``, ``name``, ``old``, ``new``, ``change``); ``channel_changes``
and ``audience_changes`` (``id``, ``name``, ``added``, ``removed``); ``type_changes``
(``id``, ``name``, ``old``, ``new``); ``agency_changes`` (``agency``, ``field``: ``verified``
or ``declared_on``, ``old``, ``new``); ``transactions`` (``total`` and ``by_agency``, one per
agency declared on either side, each with ``old``, ``new``, ``delta``, ``months_added`` and
``months_removed``; totals are sums over every month declared). Keys are only ever added
within a ``diff_version``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Annotated, Any

import typer

from egov_audit.io.yamlload import load_file
from egov_audit.model.calendars import Calendar, Day, Month, format_month
from egov_audit.model.errors import EgovAuditError, UsageError, YamlLoadError
from egov_audit.model.inventory import Declaration, Service, ServiceType, Severity, Status
from egov_audit.runner.collection import (
    AGENCIES_DIR,
    COLLECTION_FILE,
    Context,
    FileResult,
    check_agency_file,
    check_collection_file,
    collection_root_of,
    load_collection,
    unpack,
)

DIFF_VERSION = 1
EXIT_USAGE = 2

#: The order of the electronic statuses; ``unknown`` is outside it.
STATUS_RANK: dict[Status, int] = {Status.FULL: 3, Status.PARTIAL: 2, Status.IN_PERSON: 1}


class StatusChangeKind(StrEnum):
    """How a status changed, in the order the changes are listed."""

    REGRESSION = "regression"
    BECAME_UNVERIFIED = "became_unverified"
    IMPROVEMENT = "improvement"
    NEWLY_ASSESSED = "newly_assessed"

    @property
    def label(self) -> str:
        """The words shown to people."""
        return self.value.replace("_", " ")


_KIND_ORDER = {kind: index for index, kind in enumerate(StatusChangeKind)}


def status_change_kind(old: Status, new: Status) -> StatusChangeKind:
    """Classify a change of status (``old`` and ``new`` must differ)."""
    if new is Status.UNKNOWN:
        return StatusChangeKind.BECAME_UNVERIFIED
    if old is Status.UNKNOWN:
        return StatusChangeKind.NEWLY_ASSESSED
    if STATUS_RANK[new] < STATUS_RANK[old]:
        return StatusChangeKind.REGRESSION
    return StatusChangeKind.IMPROVEMENT


# ---------------------------------------------------------------------------
# The comparison: pure functions over the model records


@dataclass(frozen=True, slots=True)
class ServiceRef:
    """A service with the agency that declares it."""

    agency: str
    service: Service

    @property
    def global_id(self) -> str:
        """``<agency-id>/<service-id>``."""
        return f"{self.agency}/{self.service.id}"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A service whose status changed."""

    id: str
    name: str
    old: Status
    new: Status

    @property
    def kind(self) -> StatusChangeKind:
        """Regression, became unverified, improvement or newly assessed."""
        return status_change_kind(self.old, self.new)


@dataclass(frozen=True, slots=True)
class MembershipChange:
    """A service whose channels (or audiences) changed: the codes added and removed."""

    id: str
    name: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TypeChange:
    """A service whose type changed."""

    id: str
    name: str
    old: ServiceType
    new: ServiceType


@dataclass(frozen=True, slots=True)
class AgencyChange:
    """A change of a declaration's own fields (``verified`` or ``declared_on``)."""

    agency: str
    field: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class TransactionTotals:
    """Transactions summed over every declared month, old and new, for an agency or all."""

    scope: str
    old: int
    new: int
    months_added: tuple[Month, ...] = ()
    months_removed: tuple[Month, ...] = ()

    @property
    def delta(self) -> int:
        """``new - old``."""
        return self.new - self.old

    @property
    def changed(self) -> bool:
        """True when the total or the months with data differ."""
        return bool(self.delta or self.months_added or self.months_removed)


@dataclass(frozen=True, slots=True)
class DeclarationDiff:
    """The differences between two versions of one agency's declaration.

    ``old`` or ``new`` is absent when the agency declared on one side only; then every
    service is added (or removed).
    """

    agency: str
    added: tuple[ServiceRef, ...]
    removed: tuple[ServiceRef, ...]
    status_changes: tuple[StatusChange, ...]
    channel_changes: tuple[MembershipChange, ...]
    audience_changes: tuple[MembershipChange, ...]
    type_changes: tuple[TypeChange, ...]
    agency_changes: tuple[AgencyChange, ...]
    transactions: TransactionTotals
    months_old: frozenset[Month] = frozenset()
    months_new: frozenset[Month] = frozenset()

    @property
    def has_changes(self) -> bool:
        """True when anything differs."""
        return bool(
            self.added
            or self.removed
            or self.status_changes
            or self.channel_changes
            or self.audience_changes
            or self.type_changes
            or self.agency_changes
            or self.transactions.changed
        )


def _total(declaration: Declaration | None) -> int:
    if declaration is None:
        return 0
    return sum(count for s in declaration.services for _month, count in s.transactions)


def _months(declaration: Declaration | None) -> frozenset[Month]:
    if declaration is None:
        return frozenset()
    return frozenset(month for s in declaration.services for month, _count in s.transactions)


def _day(day: Day) -> str:
    return f"{day[0]:04d}-{day[1]:02d}-{day[2]:02d}"


def _membership(
    global_id: str, name: str, old: Iterable[str], new: Iterable[str]
) -> MembershipChange | None:
    old_set, new_set = set(old), set(new)
    if old_set == new_set:
        return None
    return MembershipChange(
        global_id, name, tuple(sorted(new_set - old_set)), tuple(sorted(old_set - new_set))
    )


def diff_declarations(old: Declaration | None, new: Declaration | None) -> DeclarationDiff:
    """Compare two versions of one agency's declaration (either may be absent)."""
    present = new or old
    if present is None:
        raise ValueError("diff_declarations needs at least one declaration")
    agency = present.agency.id
    if old is not None and new is not None and old.agency.id != new.agency.id:
        raise ValueError(f"declarations of different agencies: {old.agency.id}, {new.agency.id}")
    old_services = {s.id: s for s in old.services} if old else {}
    new_services = {s.id: s for s in new.services} if new else {}
    added = tuple(
        ServiceRef(agency, new_services[i]) for i in sorted(new_services.keys() - old_services)
    )
    removed = tuple(
        ServiceRef(agency, old_services[i]) for i in sorted(old_services.keys() - new_services)
    )
    status: list[StatusChange] = []
    channels: list[MembershipChange] = []
    audiences: list[MembershipChange] = []
    types: list[TypeChange] = []
    for service_id in sorted(old_services.keys() & new_services.keys()):
        before, after = old_services[service_id], new_services[service_id]
        global_id = f"{agency}/{service_id}"
        if before.status is not after.status:
            status.append(StatusChange(global_id, after.name, before.status, after.status))
        channel = _membership(global_id, after.name, before.channels, after.channels)
        if channel is not None:
            channels.append(channel)
        audience = _membership(global_id, after.name, before.audience, after.audience)
        if audience is not None:
            audiences.append(audience)
        if before.type is not after.type:
            types.append(TypeChange(global_id, after.name, before.type, after.type))
    agency_changes: list[AgencyChange] = []
    if old is not None and new is not None:
        if old.verified != new.verified:
            agency_changes.append(
                AgencyChange(
                    agency, "verified", str(old.verified).lower(), str(new.verified).lower()
                )
            )
        if old.declared_on != new.declared_on:
            agency_changes.append(
                AgencyChange(agency, "declared_on", _day(old.declared_on), _day(new.declared_on))
            )
    months_old, months_new = _months(old), _months(new)
    return DeclarationDiff(
        agency=agency,
        added=added,
        removed=removed,
        status_changes=tuple(sorted(status, key=lambda c: (_KIND_ORDER[c.kind], c.id))),
        channel_changes=tuple(channels),
        audience_changes=tuple(audiences),
        type_changes=tuple(types),
        agency_changes=tuple(agency_changes),
        transactions=TransactionTotals(
            agency,
            _total(old),
            _total(new),
            tuple(sorted(months_new - months_old)),
            tuple(sorted(months_old - months_new)),
        ),
        months_old=months_old,
        months_new=months_new,
    )


@dataclass(frozen=True, slots=True)
class CollectionDiff:
    """The differences between two sets of declarations, one ``DeclarationDiff`` per agency.

    A comparison of two declaration files is a ``CollectionDiff`` of one agency.
    """

    declarations: tuple[DeclarationDiff, ...]
    agencies_added: tuple[str, ...] = ()
    agencies_removed: tuple[str, ...] = ()

    @property
    def added(self) -> list[ServiceRef]:
        """Services only in the new version, by global id."""
        return sorted((r for d in self.declarations for r in d.added), key=lambda r: r.global_id)

    @property
    def removed(self) -> list[ServiceRef]:
        """Services only in the old version, by global id."""
        return sorted((r for d in self.declarations for r in d.removed), key=lambda r: r.global_id)

    @property
    def status_changes(self) -> list[StatusChange]:
        """Status changes, regressions first, then by global id."""
        return sorted(
            (c for d in self.declarations for c in d.status_changes),
            key=lambda c: (_KIND_ORDER[c.kind], c.id),
        )

    @property
    def channel_changes(self) -> list[MembershipChange]:
        """Services whose channels changed."""
        return [c for d in self.declarations for c in d.channel_changes]

    @property
    def audience_changes(self) -> list[MembershipChange]:
        """Services whose audiences changed."""
        return [c for d in self.declarations for c in d.audience_changes]

    @property
    def type_changes(self) -> list[TypeChange]:
        """Services whose type changed."""
        return [c for d in self.declarations for c in d.type_changes]

    @property
    def agency_changes(self) -> list[AgencyChange]:
        """Changes of ``verified`` and ``declared_on``."""
        return [c for d in self.declarations for c in d.agency_changes]

    @property
    def transactions(self) -> TransactionTotals:
        """Transactions over every agency, with the months that have data on one side only."""
        old_months = frozenset().union(*(d.months_old for d in self.declarations))
        new_months = frozenset().union(*(d.months_new for d in self.declarations))
        return TransactionTotals(
            "total",
            sum(d.transactions.old for d in self.declarations),
            sum(d.transactions.new for d in self.declarations),
            tuple(sorted(new_months - old_months)),
            tuple(sorted(old_months - new_months)),
        )

    @property
    def has_changes(self) -> bool:
        """True when anything differs."""
        return bool(
            self.agencies_added
            or self.agencies_removed
            or any(d.has_changes for d in self.declarations)
        )

    def count(self, kind: StatusChangeKind) -> int:
        """How many status changes are of this kind."""
        return sum(1 for c in self.status_changes if c.kind is kind)


def diff_collections(old: Iterable[Declaration], new: Iterable[Declaration]) -> CollectionDiff:
    """Compare two sets of declarations, pairing them by agency id."""
    old_by_id = {d.agency.id: d for d in old}
    new_by_id = {d.agency.id: d for d in new}
    agencies = sorted(old_by_id.keys() | new_by_id.keys())
    return CollectionDiff(
        tuple(diff_declarations(old_by_id.get(a), new_by_id.get(a)) for a in agencies),
        tuple(sorted(new_by_id.keys() - old_by_id.keys())),
        tuple(sorted(old_by_id.keys() - new_by_id.keys())),
    )


@dataclass(frozen=True, slots=True)
class Comparison:
    """A computed diff with what was compared (the paths as given)."""

    compared: str
    """``declarations`` or ``collections``."""
    old: str
    new: str
    diff: CollectionDiff


# ---------------------------------------------------------------------------
# Loading


def _errors_message(label: str, result: FileResult) -> str:
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    shown = "; ".join(f"{f.location}: [{f.rule}] {f.message}" for f in errors[:3])
    more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
    return (
        f"{label} {result.path} has errors, so it cannot be compared: {shown}{more}; "
        f"run 'egov-audit validate {result.path}' to see them"
    )


def _collection_context(root: Path) -> Context:
    path = root / COLLECTION_FILE
    collection, context, _findings = check_collection_file(path, str(path))
    if collection is None:
        raise UsageError(f"{path} has errors; run 'egov-audit validate {root}' to see them")
    return context


def _declared_agency_id(path: Path) -> str | None:
    """The agency id a file declares, if it can be read (errors are reported by the check)."""
    try:
        data = load_file(path).data
    except YamlLoadError:
        return None
    agency = data.get("agency") if isinstance(data, dict) else None
    agency_id = agency.get("id") if isinstance(agency, dict) else None
    if isinstance(agency_id, str) and agency_id and "/" not in agency_id:
        return agency_id
    return None


def _check_loose(path: Path, context: Context) -> FileResult:
    """Check a file outside any collection, whose name need not be its agency id.

    Such a file is typically an old copy (``git show HEAD:.../abfa.yaml > old.yaml``), so it
    is checked as if named after the agency it declares; findings still name the file.
    """
    agency_id = _declared_agency_id(path)
    if agency_id is None or agency_id == path.stem:
        return check_agency_file(path, str(path), context)
    with TemporaryDirectory(prefix="egov-audit-diff-") as folder:
        copy = Path(folder) / f"{agency_id}.yaml"
        copy.write_bytes(path.read_bytes())
        return check_agency_file(copy, str(path), context)


def _load_files(old: Path, new: Path, calendar: Calendar | None) -> CollectionDiff:
    roots = {label: collection_root_of(p) for label, p in (("OLD", old), ("NEW", new))}
    contexts = {
        label: _collection_context(root) for label, root in roots.items() if root is not None
    }
    calendars = {c.calendar for c in contexts.values()}
    if len(calendars) > 1:
        raise UsageError(
            "OLD and NEW belong to collections with different calendars; months and dates "
            "cannot be compared"
        )
    borrowed = next(iter(calendars), None) or calendar
    if borrowed is None:
        raise UsageError(
            f"neither {old} nor {new} is in a collection (<collection>/{AGENCIES_DIR}/"
            "<agency-id>.yaml), so their calendar is unknown; pass --calendar jalali or "
            "--calendar gregorian"
        )
    declarations: dict[str, Declaration] = {}
    for label, path in (("OLD", old), ("NEW", new)):
        if label in contexts:
            result = check_agency_file(path, str(path), contexts[label])
        else:
            # Outside a collection: the other side's calendar (or --calendar), no registry.
            result = _check_loose(path, Context(borrowed, None))
        if result.declaration is None:
            raise UsageError(_errors_message(label, result))
        declarations[label] = unpack(result.declaration)
    old_id, new_id = declarations["OLD"].agency.id, declarations["NEW"].agency.id
    if old_id != new_id:
        raise UsageError(
            f"{old} declares agency '{old_id}' and {new} agency '{new_id}'; compare two "
            "versions of one agency's declaration, or two collection folders"
        )
    return diff_collections([declarations["OLD"]], [declarations["NEW"]])


def _collection_root(path: Path) -> Path:
    if path.name == COLLECTION_FILE:
        return path.parent
    if path.name == AGENCIES_DIR and not (path / COLLECTION_FILE).is_file():
        return path.parent
    return path


def _load_folders(old: Path, new: Path) -> CollectionDiff:
    loaded = []
    for label, path in (("OLD", old), ("NEW", new)):
        collection = load_collection(_collection_root(path))
        if collection.excluded:
            raise UsageError(_errors_message(label, collection.excluded[0]))
        loaded.append(collection)
    if loaded[0].collection.calendar is not loaded[1].collection.calendar:
        raise UsageError("OLD and NEW use different calendars; months and dates cannot be compared")
    return diff_collections(loaded[0].declarations, loaded[1].declarations)


def _is_collection(path: Path) -> bool:
    return path.is_dir() or path.name == COLLECTION_FILE


def compare_paths(old: Path, new: Path, *, calendar: Calendar | None = None) -> Comparison:
    """Load two declaration files or two collection folders and compare them.

    Raises ``UsageError`` (never a traceback) for a missing path, a mix of a file and a
    folder, a file or collection with errors, or declarations of two different agencies.
    """
    for label, path in (("OLD", old), ("NEW", new)):
        if not path.exists():
            raise UsageError(f"{label} {path}: no such file or folder")
    kinds = (_is_collection(old), _is_collection(new))
    if kinds[0] != kinds[1]:
        raise UsageError(
            f"{old} and {new}: compare two declaration files or two collection folders, "
            "not one of each"
        )
    if kinds[0]:
        return Comparison("collections", str(old), str(new), _load_folders(old, new))
    return Comparison("declarations", str(old), str(new), _load_files(old, new, calendar))


# ---------------------------------------------------------------------------
# Rendering


def _number(value: int) -> str:
    return f"{value:,}"


def _signed(value: int) -> str:
    return f"+{value:,}" if value > 0 else f"{value:,}"


def _months_text(months: Sequence[Month]) -> str:
    return ", ".join(format_month(m) for m in months)


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes)


def _changed_totals(diff: CollectionDiff) -> list[TransactionTotals]:
    return [d.transactions for d in diff.declarations if d.transactions.changed]


def _summary(diff: CollectionDiff) -> list[tuple[str, str]]:
    status = diff.status_changes
    by_kind = ", ".join(
        f"{diff.count(kind)} {kind.label}" for kind in StatusChangeKind if diff.count(kind)
    )
    total = diff.transactions
    rows = [
        ("Services added", _number(len(diff.added))),
        ("Services removed", _number(len(diff.removed))),
        ("Status changes", f"{len(status)}" + (f" ({by_kind})" if by_kind else "")),
        ("Channel changes", _number(len(diff.channel_changes))),
        ("Audience changes", _number(len(diff.audience_changes))),
        ("Type changes", _number(len(diff.type_changes))),
        (
            "Transactions",
            f"{_number(total.old)} -> {_number(total.new)} ({_signed(total.delta)})",
        ),
    ]
    if diff.agency_changes:
        rows.insert(6, ("Agency changes", _number(len(diff.agency_changes))))
    return rows


def _service_row(ref: ServiceRef) -> list[str]:
    service = ref.service
    return [
        ref.global_id,
        service.name,
        service.status.value,
        service.type.value,
        _codes(service.channels) or "-",
    ]


def _transaction_row(totals: TransactionTotals, scope: str) -> list[str]:
    return [
        scope,
        _number(totals.old),
        _number(totals.new),
        _signed(totals.delta),
        _months_text(totals.months_added) or "-",
        _months_text(totals.months_removed) or "-",
    ]


@dataclass(frozen=True, slots=True)
class _Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


def _tables(diff: CollectionDiff) -> list[_Table]:
    """Every non-empty section, in the order they are shown (status changes first)."""
    tables = [
        _Table(
            "Status changes (regressions first)",
            ["Service", "Name", "Old", "New", "Change"],
            [[c.id, c.name, c.old.value, c.new.value, c.kind.label] for c in diff.status_changes],
        ),
        _Table(
            "Agencies declared",
            ["Agency", "Change"],
            [[a, "newly declared"] for a in diff.agencies_added]
            + [[a, "no longer declared"] for a in diff.agencies_removed],
        ),
        _Table(
            "Services added",
            ["Service", "Name", "Status", "Type", "Channels"],
            [_service_row(r) for r in diff.added],
        ),
        _Table(
            "Services removed",
            ["Service", "Name", "Status", "Type", "Channels"],
            [_service_row(r) for r in diff.removed],
        ),
        _Table(
            "Channel changes",
            ["Service", "Name", "Added", "Removed"],
            [
                [c.id, c.name, _codes(c.added) or "-", _codes(c.removed) or "-"]
                for c in diff.channel_changes
            ],
        ),
        _Table(
            "Audience changes",
            ["Service", "Name", "Added", "Removed"],
            [
                [c.id, c.name, _codes(c.added) or "-", _codes(c.removed) or "-"]
                for c in diff.audience_changes
            ],
        ),
        _Table(
            "Type changes",
            ["Service", "Name", "Old", "New"],
            [[c.id, c.name, c.old.value, c.new.value] for c in diff.type_changes],
        ),
        _Table(
            "Agency changes",
            ["Agency", "Field", "Old", "New"],
            [[c.agency, c.field, c.old, c.new] for c in diff.agency_changes],
        ),
    ]
    changed = _changed_totals(diff)
    if changed:
        rows = [_transaction_row(t, t.scope) for t in changed]
        if len(diff.declarations) > 1:
            rows.append(_transaction_row(diff.transactions, "total"))
        tables.append(
            _Table(
                "Transactions (all declared months)",
                ["Agency", "Old", "New", "Change", "Months added", "Months removed"],
                rows,
                frozenset({1, 2, 3}),
            )
        )
    return [t for t in tables if t.rows]


def _title(comparison: Comparison) -> str:
    return f"{comparison.old} -> {comparison.new} ({comparison.compared})"


def render_text(comparison: Comparison) -> str:
    """The diff for the terminal: a summary, then one indented block per kind of change."""
    diff = comparison.diff
    lines = [f"egov-audit diff: {_title(comparison)}"]
    if not diff.has_changes:
        return "\n".join([*lines, "No differences."]) + "\n"
    width = max(len(label) for label, _value in _summary(diff))
    lines += [f"  {label + ':':<{width + 1}} {value}" for label, value in _summary(diff)]
    for table in _tables(diff):
        lines += ["", f"{table.title}:"]
        from tabulate import tabulate

        body = tabulate(
            table.rows,
            headers=table.headers,
            tablefmt="simple",
            disable_numparse=True,
            colalign=["right" if i in table.numeric else "left" for i in range(len(table.headers))],
        )
        lines += [f"  {line}".rstrip() for line in body.splitlines()]
    return "\n".join(lines) + "\n"


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(comparison: Comparison) -> str:
    """The diff as Markdown to paste into a pull-request review (pipe tables)."""
    from tabulate import tabulate

    diff = comparison.diff
    parts = [
        "## egov-audit diff",
        "",
        f"Comparing `{comparison.old}` (old) with `{comparison.new}` (new), {comparison.compared}.",
        "",
    ]
    if not diff.has_changes:
        return "\n".join([*parts, "No differences."]) + "\n"
    parts += [f"- **{label}:** {value.replace('->', '→')}" for label, value in _summary(diff)]
    for table in _tables(diff):
        parts += [
            "",
            f"### {table.title}",
            "",
            tabulate(
                [[_escape_cell(cell) for cell in row] for row in table.rows],
                headers=table.headers,
                tablefmt="pipe",
                disable_numparse=True,
                colalign=[
                    "right" if i in table.numeric else "left" for i in range(len(table.headers))
                ],
            ),
        ]
    return "\n".join(parts) + "\n"


def _service_json(ref: ServiceRef) -> dict[str, Any]:
    service = ref.service
    return {
        "id": ref.global_id,
        "agency": ref.agency,
        "name": service.name,
        "status": service.status.value,
        "type": service.type.value,
        "audience": [a.value for a in service.audience],
        "channels": [c.value for c in service.channels],
        "transactions": sum(count for _month, count in service.transactions),
    }


def _totals_json(totals: TransactionTotals) -> dict[str, Any]:
    return {
        "old": totals.old,
        "new": totals.new,
        "delta": totals.delta,
        "months_added": [format_month(m) for m in totals.months_added],
        "months_removed": [format_month(m) for m in totals.months_removed],
    }


def _membership_json(change: MembershipChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "name": change.name,
        "added": list(change.added),
        "removed": list(change.removed),
    }


def diff_json(comparison: Comparison) -> dict[str, Any]:
    """The diff as a JSON-ready dictionary (``diff_version: 1``; see the module docstring)."""
    diff = comparison.diff
    return {
        "diff_version": DIFF_VERSION,
        "compared": comparison.compared,
        "old": comparison.old,
        "new": comparison.new,
        "has_changes": diff.has_changes,
        "summary": {
            "services_added": len(diff.added),
            "services_removed": len(diff.removed),
            "status_changes": len(diff.status_changes),
            "regressions": diff.count(StatusChangeKind.REGRESSION),
            "became_unverified": diff.count(StatusChangeKind.BECAME_UNVERIFIED),
            "improvements": diff.count(StatusChangeKind.IMPROVEMENT),
            "newly_assessed": diff.count(StatusChangeKind.NEWLY_ASSESSED),
            "channel_changes": len(diff.channel_changes),
            "audience_changes": len(diff.audience_changes),
            "type_changes": len(diff.type_changes),
            "agency_changes": len(diff.agency_changes),
        },
        "agencies": {"added": list(diff.agencies_added), "removed": list(diff.agencies_removed)},
        "services": {
            "added": [_service_json(r) for r in diff.added],
            "removed": [_service_json(r) for r in diff.removed],
        },
        "status_changes": [
            {
                "id": c.id,
                "name": c.name,
                "old": c.old.value,
                "new": c.new.value,
                "change": c.kind.value,
            }
            for c in diff.status_changes
        ],
        "channel_changes": [_membership_json(c) for c in diff.channel_changes],
        "audience_changes": [_membership_json(c) for c in diff.audience_changes],
        "type_changes": [
            {"id": c.id, "name": c.name, "old": c.old.value, "new": c.new.value}
            for c in diff.type_changes
        ],
        "agency_changes": [
            {"agency": c.agency, "field": c.field, "old": c.old, "new": c.new}
            for c in diff.agency_changes
        ],
        "transactions": {
            "total": _totals_json(diff.transactions),
            "by_agency": [
                {"agency": d.agency, **_totals_json(d.transactions)} for d in diff.declarations
            ],
        },
    }


def render_json(comparison: Comparison) -> str:
    """The diff as indented JSON."""
    return json.dumps(diff_json(comparison), indent=2, ensure_ascii=False) + "\n"


class DiffFormat(StrEnum):
    """Output formats of ``egov-audit diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


DIFF_RENDERERS: dict[DiffFormat, Callable[[Comparison], str]] = {
    DiffFormat.TEXT: render_text,
    DiffFormat.MARKDOWN: render_markdown,
    DiffFormat.JSON: render_json,
}


# ---------------------------------------------------------------------------
# The command


def diff(
    old: Annotated[
        Path,
        typer.Argument(
            metavar="OLD", help="The old declaration file or collection folder.", show_default=False
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            metavar="NEW", help="The new declaration file or collection folder.", show_default=False
        ),
    ],
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for the terminal, markdown for a pull-request review, json for tools.",
        ),
    ] = DiffFormat.TEXT,
    calendar: Annotated[
        Calendar | None,
        typer.Option(
            "--calendar",
            help="Calendar of declaration files outside any collection, when neither file "
            "sits in <collection>/agencies/. Default: the other file's collection's.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of a declaration or of a collection.

    OLD and NEW are two agency declaration files (the file outside a collection, such as
    an old copy from git, may have any name) or two collection folders. Lists services
    added and removed (by global id agency/service), status changes with regressions
    first (full > partial > in_person; anything to unknown "became unverified"), channel,
    audience and type changes, and transaction totals over every declared month, per
    agency and overall. Both sides must be free of validation errors. Exit 0 when the
    comparison ran, differences or not; 2 on a usage error.

    Examples:

      git show HEAD~1:inventories/qom/agencies/abfa.yaml > /tmp/abfa-old.yaml

      egov-audit diff /tmp/abfa-old.yaml inventories/qom/agencies/abfa.yaml

      egov-audit diff old/qom inventories/qom --format markdown > review.md

      egov-audit diff old/qom inventories/qom --format json
    """
    try:
        comparison = compare_paths(old, new, calendar=calendar)
    except EgovAuditError as error:
        # Handled here, not only in cli.main, so that any app this command is registered
        # on (and typer's CliRunner) exits 2 with a message rather than a traceback.
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    sys.stdout.write(DIFF_RENDERERS[output_format](comparison))


def register(app: typer.Typer) -> None:
    """Add the ``diff`` command to ``app``."""
    app.command("diff")(diff)
