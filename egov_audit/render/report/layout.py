"""Column widths of a report table at a terminal width: figures whole, words wrapped.

A figure (a count, a share, a month) is never cut: its column is as wide as its widest
cell. Columns of words (names, steps, ids) share what is left and wrap; the bar chart
column is drawn only when the words still get room enough. When even that does not fit
(many columns of words at 80 columns), the table is *stacked*: each row becomes a line of
its words followed by its figures, one ``header: value`` pair each.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len

from egov_audit.render.report.table import Table

BAR_WIDTH = 24
"""The widest bar drawn."""
MIN_BAR = 10
"""A narrower bar is not drawn: it would say little."""
MIN_WORDS = 14
"""A column of words narrower than this is not laid out as a column (the table stacks)."""
COMFORTABLE_WORDS = 28
"""A column of words gets this much before room is given to a bar."""


def column_overhead(columns: int) -> int:
    """Cells a table with rules between its columns takes beyond its cells' contents: a
    space of padding each side of every cell, a rule between columns, one at each edge."""
    return 3 * columns + 1


@dataclass(frozen=True, slots=True)
class Layout:
    """How a table is laid out at a width."""

    widths: list[int]
    """The width of each column's contents (the bar column excluded)."""
    bar: int
    """The width of the bar column; 0 for none."""
    stacked: bool = False
    """The rows are printed one after the other, not as a grid."""


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def _natural(table: Table, index: int) -> int:
    cells = [row[index] for row in table.rows]
    return max([cell_len(cell) for cell in cells] + [cell_len(table.headers[index])])


def _word_floor(table: Table, index: int) -> int:
    """The narrowest a column of words should be: its longest word (an id, a code) whole,
    and at least :data:`MIN_WORDS`, unless all its text is narrower."""
    longest = max(
        [_longest_word(row[index]) for row in table.rows] + [_longest_word(table.headers[index])]
    )
    return min(_natural(table, index), max(longest, MIN_WORDS))


def layout(table: Table, width: int, *, bars: bool) -> Layout:
    """The widths of ``table``'s columns at ``width`` terminal cells."""
    count = len(table.headers)
    words = [i for i in range(count) if i in table.text_columns]
    widths = [0] * count
    for index in range(count):
        if index not in words:
            # a figure column: its widest figure; a header wraps at its spaces
            cells = [cell_len(row[index]) for row in table.rows]
            widths[index] = max([*cells, _longest_word(table.headers[index]), 1])
    room = width - column_overhead(count) - sum(widths)
    natural = {i: _natural(table, i) for i in words}
    floor = {i: _word_floor(table, i) for i in words}
    if sum(floor.values()) > room:
        return Layout([_natural(table, i) for i in range(count)], 0, stacked=True)
    bar = 0
    if bars:
        # words whole if the bar still fits; else words comfortable beside a short bar
        comfortable = sum(max(floor[i], min(natural[i], COMFORTABLE_WORDS)) for i in words)
        bar = min(BAR_WIDTH, room - sum(natural.values()) - 3)
        if bar < MIN_BAR:
            bar = MIN_BAR if room - comfortable - 3 >= MIN_BAR else 0
        room -= bar + 3 if bar else 0
    for index in words:
        widths[index] = floor[index]
    _fill(widths, words, natural, room - sum(floor.values()))
    return Layout(widths, bar)


def _fill(widths: list[int], words: list[int], natural: dict[int, int], spare: int) -> None:
    """Widen the word columns by ``spare`` cells in all, toward their natural widths, the
    narrowest first: water poured into columns of different heights."""
    left = sorted(
        (i for i in words if widths[i] < natural[i]), key=lambda i: natural[i] - widths[i]
    )
    while left and spare > 0:
        part = max(1, spare // len(left))
        index = left[0]
        need = natural[index] - widths[index]
        if need <= part:
            widths[index] += need
            spare -= need
            left.pop(0)
            continue
        for index in left:
            step = min(part, spare)
            widths[index] += step
            spare -= step
        left = [i for i in left if widths[i] < natural[i]]
