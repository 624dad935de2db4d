"""``egov-audit rules`` and ``egov-audit rule ID``: the registry of rules, as ``ruff rule``."""

from __future__ import annotations

import difflib
import json
import sys
from typing import Annotated

import typer

from egov_audit.checks.rules import FAMILIES, RULES, Rule, family_of
from egov_audit.model.errors import UsageError


def _as_dict(found: Rule) -> dict[str, object]:
    return {
        "id": found.id,
        "family": family_of(found.id),
        "severity": found.severity.value,
        "lowerable": found.lowerable,
        "summary": found.summary,
        "fix": found.fix,
    }


def rules(
    as_json: Annotated[bool, typer.Option("--json", help="Print the rules as JSON.")] = False,
) -> None:
    """List every rule a finding can carry: id, default severity, what it means.

    A rule marked "lowerable" can be made a warning or switched off in collection.yaml
    (rules: {ID: warning}); the others stay errors.

    Examples:

      egov-audit rules

      egov-audit rules --json
    """
    if as_json:
        sys.stdout.write(json.dumps([_as_dict(r) for r in RULES.values()], indent=2) + "\n")
        return
    width = max(len(rule_id) for rule_id in RULES)
    for family, members in FAMILIES.items():
        sys.stdout.write(f"{family}\n")
        for found in members:
            lowerable = ", lowerable" if found.lowerable else ""
            sys.stdout.write(
                f"  {found.id:<{width}}  {found.severity.value}{lowerable}: {found.summary}\n"
            )
        sys.stdout.write("\n")


def rule(
    rule_id: Annotated[
        str, typer.Argument(metavar="ID", help="A rule id, e.g. date-invalid.", show_default=False)
    ],
) -> None:
    """Explain one rule: what it means, its severity, how to fix what it reports.

    Examples:

      egov-audit rule depends-on-unresolved

      egov-audit rule schema/pattern
    """
    found = RULES.get(rule_id)
    if found is None:
        close = difflib.get_close_matches(rule_id, list(RULES), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UsageError(f"no rule {rule_id!r}{hint} 'egov-audit rules' lists them")
    lowering = (
        "A collection may lower it in collection.yaml (rules: {" + found.id + ": warning} or off)."
        if found.lowerable
        else "It always stays an error: its findings mean a file's figures cannot be read."
        if found.severity.value == "error"
        else "A collection may not lower it."
    )
    sys.stdout.write(
        f"{found.id}\n\n"
        f"{found.summary}\n\n"
        f"Family:   {family_of(found.id)}\n"
        f"Severity: {found.severity.value}\n\n"
        f"How to fix: {found.fix}\n\n"
        f"{lowering}\n"
    )


def register(app: typer.Typer) -> None:
    """Add the ``rules`` and ``rule`` commands to ``app``."""
    app.command("rules")(rules)
    app.command("rule")(rule)
