"""The catalogue of rules: every finding carries one of these stable ids and a severity.

The ids are a public contract (CI configurations and suppressions refer to them); add new
ones, never rename. ``schema/<keyword>`` ids name the JSON Schema keyword that failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from egov_audit.model.inventory import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, default severity, what it means, and how to fix what it reports."""

    id: str
    severity: Severity
    summary: str
    fix: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # Reading the file
        Rule("file-unreadable", _E, "The file cannot be read.", "Check the path and permissions."),
        Rule(
            "yaml-too-large",
            _E,
            "The file is larger than the size limit.",
            "Split the declaration or remove what is not part of the format.",
        ),
        Rule(
            "yaml-encoding",
            _E,
            "The file is not UTF-8 (or UTF-16 with a byte-order mark).",
            "Save the file as UTF-8.",
        ),
        Rule("yaml-empty", _E, "The file holds no YAML document.", "Write the declaration."),
        Rule(
            "yaml-syntax",
            _E,
            "The file is not valid YAML.",
            "Fix the syntax at the position given (indent with spaces, close quotes).",
        ),
        Rule(
            "yaml-multiple-documents",
            _E,
            "The file holds more than one YAML document.",
            "Remove the '---' separator and keep one document per file.",
        ),
        Rule(
            "yaml-duplicate-key",
            _E,
            "A key appears twice in one mapping.",
            "Keep one of the two; YAML tools disagree on which one wins.",
        ),
        Rule(
            "yaml-alias",
            _E,
            "The file uses YAML anchors or aliases (& and *).",
            "Write the values out in full; anchors are not allowed in declarations.",
        ),
        Rule(
            "yaml-tag",
            _E,
            "The file uses an explicit YAML tag (!tag or !!type).",
            "Remove the tag; quote the value if it must stay text.",
        ),
        Rule(
            "yaml-too-deep",
            _E,
            "Values are nested deeper than the format ever needs.",
            "Flatten the structure; the format nests only a few levels.",
        ),
        Rule(
            "yaml-complex-key", _E, "A mapping key is not a plain value.", "Use a plain text key."
        ),
        # The JSON Schema (family: schema/<keyword>)
        Rule("schema/required", _E, "A required field is missing.", "Add the field."),
        Rule(
            "schema/additionalProperties",
            _E,
            "A field is not part of the format.",
            "Remove it, or fix its spelling.",
        ),
        Rule("schema/type", _E, "A value has the wrong type.", "Write a value of the type named."),
        Rule(
            "schema/enum",
            _E,
            "A value is not one of the allowed codes.",
            "Use one of the codes listed.",
        ),
        Rule("schema/const", _E, "A value must be exactly the one given.", "Write that value."),
        Rule(
            "schema/pattern",
            _E,
            "A value does not have the required form.",
            "Write it in the form shown.",
        ),
        Rule(
            "schema/propertyNames",
            _E,
            "A key does not have the required form.",
            "Write the key in the form shown.",
        ),
        Rule("schema/minItems", _E, "A list has too few items.", "Add items."),
        Rule("schema/minLength", _E, "A text is empty.", "Write the text."),
        Rule("schema/minimum", _E, "A number is below the minimum.", "Write a larger number."),
        Rule("schema/uniqueItems", _E, "A list repeats an item.", "Remove the repeated item."),
        Rule(
            "schema/other",
            _E,
            "The value does not match the format.",
            "See the schema's description of the field.",
        ),
        Rule(
            "count-non-ascii-digits",
            _E,
            "A count is written with Persian or Arabic-Indic digits.",
            "Write the count with ASCII digits 0-9.",
        ),
        # Rules a schema cannot express
        Rule(
            "collection-missing",
            _W,
            "No collection.yaml was found for an agency file.",
            "Validate the collection folder, or keep agency files under <collection>/agencies/.",
        ),
        Rule(
            "registry-duplicate-agency",
            _E,
            "The registry lists an agency id twice.",
            "Keep one entry per agency.",
        ),
        Rule(
            "agency-id-mismatch",
            _E,
            "The agency id differs from the file's name.",
            "Name the file <agency-id>.yaml, or fix the id.",
        ),
        Rule(
            "agency-not-registered",
            _E,
            "The agency is not in the collection's registry.",
            "Add it to collection.yaml, or fix the id.",
        ),
        Rule(
            "agency-name-mismatch",
            _W,
            "The agency's name differs from the registry's.",
            "Use the registered name, or update the registry.",
        ),
        Rule(
            "agency-not-declared",
            _W,
            "A registered agency has no declaration file.",
            "Ask the agency to declare: egov-audit init <agency-id>.",
        ),
        Rule(
            "service-id-duplicate",
            _E,
            "Two services of one agency share an id.",
            "Give each service its own id.",
        ),
        Rule(
            "date-invalid",
            _E,
            "A date is not a real date of the collection's calendar.",
            "Write an existing YYYY-MM-DD date in the collection's calendar.",
        ),
        Rule(
            "month-invalid",
            _E,
            "A transaction month is not a real month.",
            "Write the month as YYYY-MM with MM from 01 to 12.",
        ),
        Rule(
            "launched-after-declaration",
            _E,
            "A service is launched after the declaration date.",
            "Correct launched_on, or declared_on.",
        ),
        Rule(
            "transactions-after-declaration",
            _E,
            "Transactions are counted for a month after the declaration date.",
            "Remove the month, or correct declared_on.",
        ),
        Rule(
            "depends-on-unresolved",
            _E,
            "A depends_on id names no declared service.",
            "Use <agency-id>/<service-id> of a service another agency declares.",
        ),
        Rule(
            "depends-on-undeclared",
            _W,
            "A depends_on id names an agency that has not declared.",
            "Keep it; it resolves once that agency declares.",
        ),
        Rule(
            "depends-on-own-agency",
            _W,
            "A service depends on a service of its own agency.",
            "List only other agencies' services in depends_on.",
        ),
        Rule(
            "benchmark-unknown",
            _E,
            "A benchmarks code names no item of the shipped benchmark lists.",
            "Use a code listed by `egov-audit benchmarks`.",
        ),
        # Rule settings in collection.yaml
        Rule(
            "rules-unknown",
            _E,
            "collection.yaml sets the severity of a rule that does not exist.",
            "Use a rule id from the README's rules table.",
        ),
        Rule(
            "rules-locked",
            _E,
            "collection.yaml lowers a rule that must stay an error.",
            "Remove the setting; only rules that leave the figures intact can be lowered.",
        ),
    )
}


def rule(rule_id: str) -> Rule:
    """The rule with this id (``schema/<keyword>`` ids fall back to ``schema/other``)."""
    found = RULES.get(rule_id)
    if found is not None:
        return found
    return RULES["schema/other"]


LOCKED_PREFIXES = ("file-", "yaml-", "schema/", "count-")
LOCKED = frozenset(
    {
        "date-invalid",
        "month-invalid",
        "agency-id-mismatch",
        "agency-not-registered",
        "collection-missing",
        "rules-unknown",
        "rules-locked",
    }
)


def can_lower(rule_id: str) -> bool:
    """Whether a collection may make this rule a warning or switch it off.

    Rules whose findings mean a file cannot be read, or that its figures would be wrong
    (an unreadable date, a file counted under the wrong agency), stay errors.
    """
    return rule_id not in LOCKED and not rule_id.startswith(LOCKED_PREFIXES)
