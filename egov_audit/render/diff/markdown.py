"""A diff as Markdown, for a pull-request review."""

from __future__ import annotations

from egov_audit.aggregate.diff import Comparison
from egov_audit.render.diff.common import summary, tables


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(comparison: Comparison) -> str:
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
    parts += [f"- **{label}:** {value.replace('->', '→')}" for label, value in summary(diff)]
    for table in tables(diff):
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
