"""What the text and Markdown renderings of a diff share: the summary and the tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from egov_audit.aggregate.diff import (
    CollectionDiff,
    Comparison,
    ExchangeRef,
    InquiryChange,
    ServiceRef,
    StatusChangeKind,
    TransactionTotals,
)
from egov_audit.model import HistoryEntry
from egov_audit.model.calendars import Month, format_day, format_month


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


def summary(diff: CollectionDiff) -> list[tuple[str, str]]:
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
    if diff.has_exchange:
        rows += _exchange_summary(diff)
    return rows


def _exchange_summary(diff: CollectionDiff) -> list[tuple[str, str]]:
    kinds = [
        (len(diff.exchange_name_changes), "renamed"),
        (len(diff.exchange_consumer_changes), "with consumers changed"),
        (len(diff.exchange_inquiry_changes), "with inquiries changed"),
    ]
    by_kind = ", ".join(f"{_number(count)} {label}" for count, label in kinds if count)
    inquiries = diff.inquiries
    return [
        ("Exchange services added", _number(len(diff.exchange_added))),
        ("Exchange services removed", _number(len(diff.exchange_removed))),
        (
            "Exchange services changed",
            _number(diff.exchange_changed) + (f" ({by_kind})" if by_kind else ""),
        ),
        (
            "Inquiries",
            f"{_number(inquiries.old)} -> {_number(inquiries.new)} ({_signed(inquiries.delta)})",
        ),
    ]


def _service_row(ref: ServiceRef) -> list[str]:
    service = ref.service
    return [
        ref.global_id,
        service.name,
        service.status.value,
        service.type.value,
        _codes(service.channels) or "-",
    ]


def _exchange_row(ref: ExchangeRef) -> list[str]:
    return [ref.global_id, ref.service.name, _number(ref.inquiries), _codes(ref.consumers) or "-"]


def _inquiry_row(change: InquiryChange) -> list[str]:
    return [
        change.id,
        _number(change.old),
        _number(change.new),
        _signed(change.delta),
        _months_text(change.months_added) or "-",
        _months_text(change.months_removed) or "-",
        _months_text(change.months_changed) or "-",
    ]


def _exchange_tables(diff: CollectionDiff) -> list[Table]:
    """The exchange services' sections: added, removed, renamed, consumers, inquiries."""
    columns = ["Service", "Name", "Inquiries", "Consumers"]
    return [
        Table(
            "Exchange services added",
            columns,
            [_exchange_row(r) for r in diff.exchange_added],
            frozenset({2}),
        ),
        Table(
            "Exchange services removed",
            columns,
            [_exchange_row(r) for r in diff.exchange_removed],
            frozenset({2}),
        ),
        Table(
            "Exchange services renamed",
            ["Service", "Old name", "New name"],
            [[c.id, c.old, c.new] for c in diff.exchange_name_changes],
        ),
        Table(
            "Exchange consumer changes (consumers the months are split by)",
            ["Service", "Name", "Added", "Removed"],
            [
                [c.id, c.name, _codes(c.added) or "-", _codes(c.removed) or "-"]
                for c in diff.exchange_consumer_changes
            ],
        ),
        Table(
            "Exchange inquiries (all declared months)",
            ["Service", "Old", "New", "Change", "Months added", "Months removed", "Months changed"],
            [_inquiry_row(c) for c in diff.exchange_inquiry_changes],
            frozenset({1, 2, 3}),
        ),
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
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


def tables(diff: CollectionDiff) -> list[Table]:
    """Every non-empty section, in the order they are shown (status changes first)."""
    tables = [
        Table(
            "Status changes (regressions first)",
            ["Service", "Name", "Old", "New", "Change"],
            [[c.id, c.name, c.old.value, c.new.value, c.kind.label] for c in diff.status_changes],
        ),
        Table(
            "Agencies declared",
            ["Agency", "Change"],
            [[a, "newly declared"] for a in diff.agencies_added]
            + [[a, "no longer declared"] for a in diff.agencies_removed],
        ),
        Table(
            "Services added",
            ["Service", "Name", "Status", "Type", "Channels"],
            [_service_row(r) for r in diff.added],
        ),
        Table(
            "Services removed",
            ["Service", "Name", "Status", "Type", "Channels"],
            [_service_row(r) for r in diff.removed],
        ),
        Table(
            "Channel changes",
            ["Service", "Name", "Added", "Removed"],
            [
                [c.id, c.name, _codes(c.added) or "-", _codes(c.removed) or "-"]
                for c in diff.channel_changes
            ],
        ),
        Table(
            "Audience changes",
            ["Service", "Name", "Added", "Removed"],
            [
                [c.id, c.name, _codes(c.added) or "-", _codes(c.removed) or "-"]
                for c in diff.audience_changes
            ],
        ),
        Table(
            "Type changes",
            ["Service", "Name", "Old", "New"],
            [[c.id, c.name, c.old.value, c.new.value] for c in diff.type_changes],
        ),
        Table(
            "Agency changes",
            ["Agency", "Field", "Old", "New"],
            [[c.agency, c.field, c.old, c.new] for c in diff.agency_changes],
        ),
    ]
    tables.append(
        Table(
            "History entries the new version should carry",
            ["Service", "On", "Status", "Channels", "Note"],
            [
                [f"{agency}/{p.service}", *_entry_cells(p.entry), _conflict(p.conflict)]
                for agency, p in diff.history
            ],
        )
    )
    changed = _changed_totals(diff)
    if changed:
        rows = [_transaction_row(t, t.scope) for t in changed]
        if len(diff.declarations) > 1:
            rows.append(_transaction_row(diff.transactions, "total"))
        tables.append(
            Table(
                "Transactions (all declared months)",
                ["Agency", "Old", "New", "Change", "Months added", "Months removed"],
                rows,
                frozenset({1, 2, 3}),
            )
        )
    tables += _exchange_tables(diff)
    return [t for t in tables if t.rows]


def _entry_cells(entry: HistoryEntry) -> list[str]:
    return [format_day(entry.on), entry.status.value, _codes(entry.channels) or "-"]


def _conflict(own: HistoryEntry | None) -> str:
    if own is None:
        return "add"
    return f"conflict: its own entry says {own.status.value} ({_codes(own.channels) or '-'})"


def title(comparison: Comparison) -> str:
    return f"{comparison.old} -> {comparison.new} ({comparison.compared})"
