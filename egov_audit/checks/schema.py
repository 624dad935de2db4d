"""The published JSON Schemas and the mapping of schema errors to located findings."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from egov_audit.io.schemas import SCHEMA_NAMES, schema_text
from egov_audit.model.display import shown

if TYPE_CHECKING:
    # python-jsonschema is imported only when a document has errors to explain.
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def validator(name: str) -> Draft202012Validator:
    """A compiled validator for a published schema."""
    schema = json.loads(schema_text(name))
    return _strict_validator_class()(schema)


def json_path(path: list[str | int]) -> str:
    """Write a path as JSONPath, e.g. ``$.services[3].status``."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


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


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
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
        yield from _leaf_errors(best)
    else:
        yield error


@cache
def _fast_validator(name: str) -> Any:
    """A compiled validator (jsonschema-rs) for the yes/no question, if it is installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return jsonschema_rs.validator_for(json.loads(schema_text(name)))


MAX_PROBLEMS = 1000
"""Schema problems explained per file; more are summed up in one last problem. A file of
500,000 wrong list items took 35 s and 1.2 GB to explain in full."""


def problems(name: str, data: Any) -> list[SchemaProblem]:
    """Every schema error in ``data``, worded for a person, with the path it concerns
    (the first :data:`MAX_PROBLEMS` of them, then one problem saying there are more).

    Valid documents, the common case, are recognised by the compiled validator in a
    fraction of the time; python-jsonschema, whose errors carry the detail the messages
    need, only runs on documents with something to report.
    """
    fast = _fast_validator(name)
    if fast is not None:
        if fast.is_valid(data):
            return []
        items = _failing_items(fast, data) if name == "agency" else None
        if items:
            # Explain only the services that fail: a large declaration with one bad
            # service costs one service's worth of python-jsonschema, not the file's.
            found = _bounded(
                problem
                for index in items
                for problem in _python_problems(
                    _service_validator(), data["services"][index], ["services", index]
                )
            )
            if found:
                return found
    return _bounded(_python_problems(validator(name), data))


def _bounded(found: Iterable[SchemaProblem]) -> list[SchemaProblem]:
    """The first :data:`MAX_PROBLEMS` problems, and one more saying there are more."""
    kept = list(itertools.islice(found, MAX_PROBLEMS + 1))
    if len(kept) <= MAX_PROBLEMS:
        return kept
    return [
        *kept[:MAX_PROBLEMS],
        SchemaProblem(
            "other",
            [],
            f"more than {MAX_PROBLEMS:,} problems against the schema; only the first "
            f"{MAX_PROBLEMS:,} are listed",
            "fix those first (often one mistake repeated: the indentation of a list, "
            "a field written at the wrong level), then validate again",
        ),
    ]


def _python_problems(
    checker: Draft202012Validator, data: Any, prefix: list[str | int] | None = None
) -> Iterator[SchemaProblem]:
    """The explained errors of ``data`` (found at ``prefix`` in the document), each once.

    One problem can surface as several errors: python-jsonschema reports each missing
    property of ``required`` as an error of its own, and a conditional (``if``/``then``)
    or an ``anyOf`` can fail on the value another keyword already explained. A problem
    is kept once per keyword, place and message.
    """
    seen: set[tuple[str, tuple[str | int, ...], str]] = set()
    for top in checker.iter_errors(data):
        for error in _leaf_errors(top):
            for problem in _explain(error, prefix or []):
                key = (problem.keyword, tuple(problem.path), problem.message)
                if key not in seen:
                    seen.add(key)
                    yield problem


def _failing_items(fast: Any, data: Any) -> list[int] | None:
    """The indexes of the failing services, if every error lies inside a service.

    Asked of the compiled validators with yes/no questions only (the document without its
    services, then each service): their list of errors is built in full at once, which
    for 500,000 wrong items took 8 s and 1 GB.
    """
    services = data.get("services") if isinstance(data, dict) else None
    if not isinstance(services, list) or not fast.is_valid({**data, "services": []}):
        return None
    service = _fast_service_validator()
    return [index for index, item in enumerate(services) if not service.is_valid(item)]


@cache
def _fast_service_validator() -> Any:
    """The compiled validator of one service (see :func:`_service_validator`)."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(_service_schema())


def _service_schema() -> dict[str, Any]:
    root = json.loads(schema_text("agency"))
    return {"$schema": root["$schema"], "$defs": root["$defs"], "$ref": "#/$defs/service"}


@cache
def _service_validator() -> Draft202012Validator:
    """A validator of one service, sharing the agency schema's definitions."""
    return _strict_validator_class()(_service_schema())


@cache
def _strict_validator_class() -> type[Draft202012Validator]:
    """Draft 2020-12 with ECMA-262 ``pattern`` semantics for ``$``.

    JSON Schema patterns are ECMA-262 regular expressions, where ``$`` matches only at the
    end of the text; Python's ``$`` also matches before a final newline, so ``"1398-01\\n"``
    would pass a month pattern here while the compiled validator refuses it, and the same
    month would be counted twice. Patterns ending in ``$`` are matched with ``\\Z``."""
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import ValidationError

    def pattern(
        validator: Any, wanted: str, instance: Any, _schema: Any
    ) -> Iterator[ValidationError]:
        if validator.is_type(instance, "string") and not re.search(_ecma(wanted), instance):
            yield ValidationError(f"{instance!r} does not match {wanted!r}")

    found: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": pattern}
    )
    return found


def _ecma(pattern: str) -> str:
    """A pattern whose final ``$`` matches only at the very end, as in ECMA-262."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + "\\Z"
    return pattern


def _explain(error: ValidationError, prefix: list[str | int]) -> list[SchemaProblem]:
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


DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
MONTH_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}\Z")
GLOBAL_ID_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*\Z")
BENCHMARK_FORM = re.compile(r"^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*\Z")
