"""The published JSON Schemas and the mapping of schema errors to located findings."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from egov_audit.checks.schema_explain import SchemaProblem, explain, leaf_errors
from egov_audit.io.schemas import schema_text

if TYPE_CHECKING:
    # python-jsonschema is imported only when a document has errors to explain.
    from jsonschema import Draft202012Validator


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
        for error in leaf_errors(top):
            for problem in explain(error, prefix or []):
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


DATE_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
MONTH_FORM = re.compile(r"^[0-9]{4}-[0-9]{2}\Z")
GLOBAL_ID_FORM = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*\Z")
BENCHMARK_FORM = re.compile(r"^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*\Z")
