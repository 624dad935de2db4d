"""A diff for the terminal (names and paths with control characters escaped)."""

from __future__ import annotations

from egov_audit.aggregate.diff import Comparison
from egov_audit.model.display import printable
from egov_audit.render.diff.common import summary, tables, title


def render(comparison: Comparison) -> str:
    """The diff for the terminal: a summary, then one indented block per kind of change."""
    diff = comparison.diff
    lines = [f"egov-audit diff: {printable(title(comparison))}"]
    if not diff.has_changes:
        return "\n".join([*lines, "No differences."]) + "\n"
    width = max(len(label) for label, _value in summary(diff))
    lines += [f"  {label + ':':<{width + 1}} {value}" for label, value in summary(diff)]
    for table in tables(diff):
        lines += ["", f"{table.title}:"]
        from tabulate import tabulate

        body = tabulate(
            [[printable(cell) for cell in row] for row in table.rows],
            headers=table.headers,
            tablefmt="simple",
            disable_numparse=True,
            colalign=["right" if i in table.numeric else "left" for i in range(len(table.headers))],
        )
        lines += [f"  {line}".rstrip() for line in body.splitlines()]
    return "\n".join(lines) + "\n"
