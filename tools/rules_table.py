"""Print the README's table of rules from egov_audit.checks.rules (tests keep it in step)."""

from __future__ import annotations

from egov_audit.checks.rules import RULES


def table() -> str:
    """The rules as a Markdown table."""
    lines = ["| rule | severity | what it means | how to fix it |", "| --- | --- | --- | --- |"]
    for found in RULES.values():
        lines.append(f"| `{found.id}` | {found.severity.value} | {found.summary} | {found.fix} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
