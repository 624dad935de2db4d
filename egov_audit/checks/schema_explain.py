"""Explaining schema errors: each python-jsonschema error as a problem worded for a person,
with the path it concerns and a hint (see :mod:`egov_audit.checks.schema`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from egov_audit.io.schemas import SCHEMA_NAMES, schema_text
from egov_audit.model.display import shown

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def _describe(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _field(path: list[str | int]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


class SchemaProblem:
    """One schema error, reduced to a keyword, a path, a key flag, a message and a hint."""

    __slots__ = ("hint", "keyword", "message", "on_key", "path")

    def __init__(
        self, keyword: str, path: list[str | int], message: str, hint: str, *, on_key: bool = False
    ) -> None:
        self.keyword = keyword
        self.path = path
        self.message = message
        self.hint = hint
        self.on_key = on_key


def leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """Descend into anyOf/oneOf to the most specific errors, so messages name a field."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        depth = len(error.absolute_path)
        # Alternatives whose type matched say what is wrong inside the value; when no
        # alternative's type matched, the first (simplest) form is the one to suggest.
        inside = [e for e in error.context if e.validator != "type" or len(e.absolute_path) > depth]
        if inside:
            best = min(inside, key=lambda e: (-len(e.absolute_path), len(e.context or [])))
        else:
            best = min(error.context, key=lambda e: list(e.relative_schema_path)[:1])
        yield from leaf_errors(best)
    else:
        yield error


def explain(error: ValidationError, prefix: list[str | int]) -> list[SchemaProblem]:
    keyword = str(error.validator)
    path: list[str | int] = [*prefix, *error.absolute_path]
    instance = error.instance
    value: Any = error.validator_value
    field = _field(path)
    if keyword == "required" and isinstance(instance, dict):
        missing = [name for name in value if name not in instance]
        where = (
            "the document" if not path else f"{field}" if isinstance(path[-1], str) else "this item"
        )
        conditional = "then" in error.relative_schema_path or "then" in error.schema_path
        return [
            SchemaProblem(
                keyword,
                path,
                f"'{name}' is required in {where}"
                + (f" when status is {instance.get('status')}" if conditional else ""),
                f"add '{name}:' ({_property_help(name)})",
            )
            for name in missing
        ]
    if keyword == "additionalProperties" and isinstance(instance, dict):
        subschema: Any = error.schema
        allowed = set(subschema.get("properties", {}))
        return [
            SchemaProblem(
                keyword,
                [*path, extra],
                f"unknown field '{shown(extra)}'",
                "remove it or fix its spelling; allowed here: " + ", ".join(sorted(allowed)),
                on_key=True,
            )
            for extra in instance
            if extra not in allowed
        ]
    if keyword == "enum":
        choices = ", ".join(str(choice) for choice in value)
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} {_describe(instance)} is not one of: {choices}",
                f"use one of: {choices}",
            )
        ]
    if keyword == "const":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} must be {_describe(value)}, not {_describe(instance)}",
                f"write {field}: {_describe(value)}",
            )
        ]
    if keyword == "type":
        return [_type_problem(path, field, instance, value)]
    if keyword == "pattern" and "propertyNames" in error.schema_path:
        # A key failed: name it, at the key's own line and column.
        keyword = "propertyNames"
    if keyword == "pattern":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} {_describe(instance)} does not have the required form",
                _pattern_hint(field, str(value)),
            )
        ]
    if keyword == "propertyNames":
        return [
            SchemaProblem(
                keyword,
                [*path, str(instance)],
                f"key {_describe(instance)} does not have the required form",
                "write months as YYYY-MM, e.g. 1399-01",
                on_key=True,
            )
        ]
    if keyword == "minItems":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} needs at least {value} item(s)",
                f"list at least one ({_property_help(field)})",
            )
        ]
    if keyword == "minLength":
        return [SchemaProblem(keyword, path, f"{field} is empty", f"write the {field}")]
    if keyword == "minimum":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} {_describe(instance)} is below {value}",
                f"write a number >= {value}",
            )
        ]
    if keyword == "maximum":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} {_describe(instance)} is above the maximum of {value:,}",
                f"write a number <= {value:,}; a count that large is a typing or conversion error",
            )
        ]
    if keyword == "uniqueItems":
        return [
            SchemaProblem(
                keyword,
                path,
                f"{field} lists an item twice: {_describe(instance)}",
                "remove the repeated item",
            )
        ]
    return [
        SchemaProblem(
            keyword,
            path,
            error.message,
            f"see the schema's description of '{field}' (egov-audit schema)",
        )
    ]


_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_NON_ASCII_COUNT = re.compile(r"^[۰-۹٠-٩][۰-۹٠-٩,٬،]*\Z")


def _type_problem(path: list[str | int], field: str, instance: Any, expected: Any) -> SchemaProblem:
    if expected == "integer" and isinstance(instance, str) and _NON_ASCII_COUNT.match(instance):
        ascii_digits = (
            instance.translate(_DIGITS).replace(",", "").replace("٬", "").replace("،", "")
        )
        return SchemaProblem(
            "count-non-ascii-digits",
            path,
            f"count {_describe(instance)} is written with Persian or Arabic-Indic digits",
            f"write ASCII digits: {ascii_digits}",
        )
    names = {
        "string": "text",
        "integer": "a whole number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a mapping (key: value lines)",
    }
    wanted = names.get(str(expected), str(expected))
    hint = f"write {wanted}"
    if expected == "integer" and isinstance(instance, str):
        hint = "write a whole number without quotes, separators or decimals, e.g. 1520"
    if expected == "string" and not isinstance(instance, str):
        hint = f'quote the value: "{instance}"' if instance is not None else "write a value"
    if expected == "array":
        hint = f"write a list, e.g. [{instance}]" if isinstance(instance, str) else "write a list"
    return SchemaProblem("type", path, f"{field} must be {wanted}, not {_describe(instance)}", hint)


def _pattern_hint(field: str, pattern: str) -> str:
    if "/" in pattern:
        return "write <agency-id>/<service-id>, e.g. civil-registration/identity-inquiry"
    if pattern.count("{2}") == 2:
        return "write the date as YYYY-MM-DD in the collection's calendar, e.g. 1399-07-12"
    if "a-z0-9" in pattern:
        return "use lower-case letters, digits and single hyphens, e.g. new-water-connection"
    return f"write {field} in the form {pattern}"


_PROPERTY_HELP: dict[str, str] = {}


def _property_help(name: str) -> str:
    """The schema description of a property, shortened, for hints."""
    if not _PROPERTY_HELP:
        for schema_name in SCHEMA_NAMES:
            _collect_descriptions(json.loads(schema_text(schema_name)), _PROPERTY_HELP)
    text = _PROPERTY_HELP.get(name, "see egov-audit schema")
    return text.split(". ")[0].rstrip(".")


def _collect_descriptions(node: Any, into: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            if isinstance(sub, dict) and "description" in sub:
                into.setdefault(key, sub["description"])
        for sub in node.values():
            _collect_descriptions(sub, into)
    elif isinstance(node, list):
        for sub in node:
            _collect_descriptions(sub, into)
