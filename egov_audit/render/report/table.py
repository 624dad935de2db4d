"""A report section as a titled table of text cells, and the helpers that build one."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from egov_audit.aggregate.figures import Cut
from egov_audit.render.i18n import Translator, round_half_up


@dataclass(frozen=True)
class Table:
    """A titled table: a note under the title, headers, rows, and the share of each row.

    ``text_columns`` are the columns holding words (left-aligned, or right-aligned in a
    right-to-left language); the others hold figures.
    """

    title: str
    note: str
    headers: list[str]
    rows: list[list[str]]
    shares: list[tuple[int, int]]
    text_columns: tuple[int, ...] = (0,)
    no_data: bool = False
    """The section has nothing to show: its note says so, and no table follows."""
    align_by_columns: bool = False
    """Align by ``text_columns`` alone (figures right even beside ``-`` or ``+1.0%``)."""


def aligned(
    title: str,
    note: str,
    headers: list[str],
    rows: list[list[str]],
    shares: list[tuple[int, int]],
    text_columns: tuple[int, ...] = (0,),
) -> Table:
    return Table(title, note, headers, rows, shares, text_columns, align_by_columns=True)


def no_data(title: str, note: str) -> Table:
    return Table(title, note, [], [], [], no_data=True)


def cut_note(found: Cut, tr: Translator) -> str:
    """ "Showing N of M; K more." for a cut list, empty when nothing was cut."""
    if not found.more:
        return ""
    return tr.ngettext(
        "Showing {shown} of {total}; {more} more not shown (--top sets how many).",
        "Showing {shown} of {total}; {more} more not shown (--top sets how many).",
        found.more,
    ).format(
        shown=tr.integer(found.shown), total=tr.integer(found.total), more=tr.integer(found.more)
    )


def with_cut(note: str, found: Cut, tr: Translator) -> str:
    """A note followed by its cut note, when the list was cut."""
    extra = cut_note(found, tr)
    return f"{note} {extra}" if extra and note else extra or note


def with_rounding_note(table: Table, counts: Sequence[int], total: int, tr: Translator) -> Table:
    """The table, with a note when its shares (which should add up to 100%) do not once
    each is rounded on its own."""
    if not total:
        return table
    rounded = sum(round_half_up(Decimal(100 * count) / Decimal(total)) for count in counts)
    if rounded == 100:
        return table
    note = tr.gettext(
        "Each share is rounded on its own, so here they add up to {sum}%, not 100%."
    ).format(sum=tr.digits(str(rounded)))
    return dataclasses.replace(table, note=f"{table.note} {note}" if table.note else note)
