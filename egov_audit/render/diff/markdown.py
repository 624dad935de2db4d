"""A diff as Markdown, for a pull-request review.

Names and ids go through :func:`~egov_audit.render.escape.markdown_text` and paths into
:func:`~egov_audit.render.escape.code_span`: they cannot add rows, headings or images."""

from __future__ import annotations

from egov_audit.aggregate.diff import Comparison
from egov_audit.render.diff.common import summary, tables
from egov_audit.render.escape import code_span, markdown_text


def render(comparison: Comparison) -> str:
    """The diff as Markdown to paste into a pull-request review (pipe tables)."""
    from tabulate import tabulate

    diff = comparison.diff
    parts = [
        "## egov-audit diff",
        "",
        f"Comparing {code_span(comparison.old)} (old) with {code_span(comparison.new)} (new), "
        f"{comparison.compared}.",
        "",
    ]
    if not diff.has_changes:
        return "\n".join([*parts, "No differences."]) + "\n"
    parts += [
        f"- **{label}:** {markdown_text(value.replace('->', '→'))}"
        for label, value in summary(diff)
    ]
    for table in tables(diff):
        parts += [
            "",
            f"### {table.title}",
            "",
            tabulate(
                [[markdown_text(cell) for cell in row] for row in table.rows],
                headers=table.headers,
                tablefmt="pipe",
                disable_numparse=True,
                colalign=[
                    "right" if i in table.numeric else "left" for i in range(len(table.headers))
                ],
            ),
        ]
    return "\n".join(parts) + "\n"
