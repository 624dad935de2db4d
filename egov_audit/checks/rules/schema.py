"""The published JSON Schema: one rule per keyword the schemas use (``schema/<keyword>``)."""

from egov_audit.checks.rules.registry import Rule
from egov_audit.model import Severity

RULES = (
    Rule(
        "schema/required",
        Severity.ERROR,
        "A required field is missing.",
        "Add the field.",
        lowerable=False,
    ),
    Rule(
        "schema/additionalProperties",
        Severity.ERROR,
        "A field is not part of the format.",
        "Remove it, or fix its spelling.",
        lowerable=False,
    ),
    Rule(
        "schema/type",
        Severity.ERROR,
        "A value has the wrong type.",
        "Write a value of the type named.",
        lowerable=False,
    ),
    Rule(
        "schema/enum",
        Severity.ERROR,
        "A value is not one of the allowed codes.",
        "Use one of the codes listed.",
        lowerable=False,
    ),
    Rule(
        "schema/const",
        Severity.ERROR,
        "A value must be exactly the one given.",
        "Write that value.",
        lowerable=False,
    ),
    Rule(
        "schema/pattern",
        Severity.ERROR,
        "A value does not have the required form.",
        "Write it in the form shown.",
        lowerable=False,
    ),
    Rule(
        "schema/propertyNames",
        Severity.ERROR,
        "A key does not have the required form.",
        "Write the key in the form shown.",
        lowerable=False,
    ),
    Rule(
        "schema/minItems",
        Severity.ERROR,
        "A list has too few items.",
        "Add items.",
        lowerable=False,
    ),
    Rule(
        "schema/minLength",
        Severity.ERROR,
        "A text is empty.",
        "Write the text.",
        lowerable=False,
    ),
    Rule(
        "schema/minimum",
        Severity.ERROR,
        "A number is below the minimum.",
        "Write a larger number.",
        lowerable=False,
    ),
    Rule(
        "schema/maximum",
        Severity.ERROR,
        "A number is above the maximum (a count is at most 1,000,000,000,000 a month).",
        "Correct the number; a count that large is a typing or conversion error.",
        lowerable=False,
    ),
    Rule(
        "schema/uniqueItems",
        Severity.ERROR,
        "A list repeats an item.",
        "Remove the repeated item.",
        lowerable=False,
    ),
    Rule(
        "schema/minProperties",
        Severity.ERROR,
        "A mapping is empty where it must name at least one key.",
        "Write at least one key, or remove the mapping.",
        lowerable=False,
    ),
    Rule(
        "schema/anyOf",
        Severity.ERROR,
        "A value matches none of the forms allowed here.",
        "Write one of the forms the schema describes for this field.",
        lowerable=False,
    ),
    Rule(
        "schema/other",
        Severity.ERROR,
        "The value does not match the format.",
        "See the schema's description of the field.",
        lowerable=False,
    ),
    Rule(
        "count-non-ascii-digits",
        Severity.ERROR,
        "A count is written with Persian or Arabic-Indic digits.",
        "Write the count with ASCII digits 0-9.",
        lowerable=False,
    ),
)
