"""Collecting one file's findings: positions from the document, severities from the rules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from egov_audit.checks import schema
from egov_audit.checks.rules import RULES, rule
from egov_audit.io.yamlload import Document, load_bytes
from egov_audit.model import Finding, Severity
from egov_audit.model.errors import Position, YamlLoadError


class Collector:
    """Accumulates findings for one file."""

    def __init__(
        self,
        path: str,
        doc: Document | None = None,
        severities: Mapping[str, Severity | None] | None = None,
    ) -> None:
        self.path = path
        self.doc = doc
        self.severities = severities or {}
        self.findings: list[Finding] = []

    def add(
        self,
        rule_id: str,
        message: str,
        *,
        at: Sequence[str | int] = (),
        on_key: bool = False,
        hint: str | None = None,
        position: Position | None = None,
    ) -> None:
        """Add a finding of a registered rule (an unknown id raises), unless it is off."""
        if position is None:
            if self.doc is None:
                position = Position(1, 1)
            elif on_key:
                position = self.doc.key_position(list(at))
            else:
                position = self.doc.position(list(at))
        found = rule(rule_id)
        severity = self.severities.get(rule_id, found.severity)
        if severity is None:
            return
        hint = hint or found.fix
        hint = hint[:1].upper() + hint[1:]
        self.findings.append(
            Finding(
                file=self.path,
                line=position.line,
                column=position.column,
                rule=rule_id,
                severity=severity,
                message=message,
                hint=hint,
                json_path=schema.json_path(list(at)),
            )
        )

    @property
    def has_errors(self) -> bool:
        """Whether any finding so far is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def excludes(self) -> bool:
        """Whether an error so far leaves the file out of the figures (see Rule.excludes)."""
        return any(f.severity is Severity.ERROR and rule(f.rule).excludes for f in self.findings)


def load_document(
    data: bytes | YamlLoadError,
    display: str,
    severities: Mapping[str, Severity | None] | None = None,
) -> tuple[Document | None, Collector]:
    """The loaded document (None when it cannot be read) and a collector for its findings.

    ``data`` is the file's bytes, or the error met reading them.
    """
    try:
        if isinstance(data, YamlLoadError):
            raise data
        doc = load_bytes(data)
    except YamlLoadError as error:
        collector = Collector(display, None, severities)
        collector.add(
            error.rule, error.message, hint=error.hint, position=error.position or Position(1, 1)
        )
        return None, collector
    return doc, Collector(display, doc, severities)


def schema_rule_id(keyword: str) -> str:
    """The rule id of a failed JSON Schema keyword.

    Every keyword the published schemas use has its own ``schema/<keyword>`` rule (a test
    keeps them in step); ``schema/other`` only stands for a keyword they do not use.
    """
    if keyword.startswith("count-"):
        return keyword
    candidate = f"schema/{keyword}"
    return candidate if candidate in RULES else "schema/other"


def schema_findings(collector: Collector, schema_name: str, data: Any) -> None:
    """Add a finding for every way ``data`` fails the named published schema."""
    for problem in schema.problems(schema_name, data):
        collector.add(
            schema_rule_id(problem.keyword),
            problem.message,
            at=problem.path,
            on_key=problem.on_key,
            hint=problem.hint,
        )
