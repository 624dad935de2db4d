"""Validation: the schema and the rules a schema cannot express, file by file and across files.

A file that cannot be read becomes findings, never an exception, so every other file is
still checked. Each agency file is checked on its own (a pure function of its bytes and
the collection's context); the cross-file rules then run on compact records.
"""

from __future__ import annotations

import difflib
import pickle
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from egov_audit.aggregate.report import default_period, latest_transaction_year
from egov_audit.checks import schema
from egov_audit.checks.rules import RULES, can_lower, rule
from egov_audit.io.yamlload import Document, load_bytes, load_file
from egov_audit.model import benchmarks
from egov_audit.model.calendars import Calendar, Day, Month, parse_date, parse_month
from egov_audit.model.errors import CollectionError, Position, UsageError, YamlLoadError
from egov_audit.model.inventory import (
    AgencyRef,
    Audience,
    Channel,
    Collection,
    Declaration,
    Finding,
    MonthlyCounts,
    Record,
    Service,
    ServiceType,
    Severity,
    Status,
)
from egov_audit.model.period import Period, year_period
from egov_audit.runner.cache import RunOptions, check_files

COLLECTION_FILE = "collection.yaml"
AGENCIES_DIR = "agencies"
YAML_SUFFIXES = (".yaml", ".yml")


SPLIT_CHANNELS = ("portal", "kiosk", "mobile", "in_person")
"""The channels a month's count can be split by, in the order reports show them."""


@dataclass(frozen=True, slots=True)
class Context:
    """What checking one agency file needs to know about its collection."""

    calendar: Calendar | None
    registry: dict[str, AgencyRef] | None
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    """Per-collection rule severities from ``rules:`` in collection.yaml (None: off)."""


@dataclass(frozen=True, slots=True)
class DependencyRef(Record):
    """A ``depends_on`` entry, kept with its position for the cross-file check."""

    target: str
    line: int
    column: int
    json_path: str


class PickledDeclaration:
    """A declaration kept as its pickle, or as the cache file holding it, until it is read.

    A report reads the declarations of a national collection one at a time from these, so
    that only one is in memory at once.
    """

    __slots__ = ("data", "path")

    def __init__(self, data: bytes | None = None, path: Path | None = None) -> None:
        self.data = data
        self.path = path

    def load(self) -> Declaration:
        """The declaration itself."""
        try:
            data = self.data if self.data is not None else Path(str(self.path)).read_bytes()
            declaration = pickle.loads(data)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            declaration = None
        if not isinstance(declaration, Declaration):
            raise CollectionError(
                f"the cached result {self.path} is damaged or was removed during the run; "
                "run again (add --no-cache to bypass the cache)"
            )
        return declaration


def unpack(declaration: Declaration | PickledDeclaration) -> Declaration:
    """A declaration, unpickled if need be."""
    return declaration.load() if isinstance(declaration, PickledDeclaration) else declaration


@dataclass(frozen=True, slots=True)
class FileResult(Record):
    """The outcome of checking one file: its findings and, if it has no errors, its records."""

    path: str
    findings: tuple[Finding, ...]
    declaration: Declaration | PickledDeclaration | None = None
    agency_id: str | None = None
    service_ids: frozenset[str] = frozenset()
    dependencies: tuple[DependencyRef, ...] = ()
    latest_year: int | None = None
    """The latest year with a transaction count, if any: for the default period."""

    @property
    def ok(self) -> bool:
        """True when the file has no error (warnings allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


@dataclass(frozen=True)
class ValidationResult:
    """Every file checked, with the collection they belong to when there is one."""

    files: tuple[FileResult, ...]
    collection: Collection | None = None
    collection_findings: tuple[Finding, ...] = ()
    collection_files: tuple[str, ...] = ()
    """The ``collection.yaml`` files checked (their findings are in ``collection_findings``)."""

    @property
    def checked(self) -> list[str]:
        """Every file checked, agency files and collection files, sorted."""
        return sorted(
            {r.path for r in self.files}
            | set(self.collection_files)
            | {f.file for f in self.collection_findings}
        )

    @property
    def findings(self) -> list[Finding]:
        """All findings, ordered by file, line and column."""
        every = [*self.collection_findings]
        for result in self.files:
            every.extend(result.findings)
        return sorted(every, key=lambda f: (f.file, f.line, f.column, f.rule))

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def declarations(self) -> list[Declaration]:
        """The declarations of every agency file without errors."""
        return [unpack(r.declaration) for r in self.files if r.declaration is not None]


class _Collector:
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
        return any(f.severity is Severity.ERROR for f in self.findings)


def _load(
    path: Path,
    display: str,
    severities: Mapping[str, Severity | None] | None = None,
    data: bytes | None = None,
) -> tuple[Document | None, _Collector]:
    try:
        doc = load_file(path) if data is None else load_bytes(data)
    except YamlLoadError as error:
        collector = _Collector(display, None, severities)
        message = error.message
        collector.add(
            error.rule, message, hint=error.hint, position=error.position or Position(1, 1)
        )
        return None, collector
    return doc, _Collector(display, doc, severities)


def _schema_findings(collector: _Collector, schema_name: str, data: Any) -> None:
    for problem in schema.problems(schema_name, data):
        rule_id = (
            problem.keyword if problem.keyword.startswith("count-") else f"schema/{problem.keyword}"
        )
        collector.add(
            rule_id, problem.message, at=problem.path, on_key=problem.on_key, hint=problem.hint
        )


# ---------------------------------------------------------------------------
# collection.yaml


def check_collection_file(
    path: Path, display: str
) -> tuple[Collection | None, Context, list[Finding]]:
    """Check ``collection.yaml``; return the collection (if valid), the context and findings."""
    doc, collector = _load(path, display)
    if doc is None:
        return None, Context(None, None), collector.findings
    data = doc.data
    _schema_findings(collector, "collection", data)
    calendar: Calendar | None = None
    registry: dict[str, AgencyRef] | None = None
    if isinstance(data, dict):
        if data.get("calendar") in ("jalali", "gregorian"):
            calendar = Calendar(data["calendar"])
        entries = data.get("agencies")
        if isinstance(entries, list):
            registry = {}
            first_index: dict[str, int] = {}
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                    continue
                agency_id = entry["id"]
                if agency_id in registry:
                    first = doc.position(["agencies", first_index[agency_id], "id"])
                    collector.add(
                        "registry-duplicate-agency",
                        f"agency '{agency_id}' is registered twice (first on line {first.line})",
                        at=["agencies", index, "id"],
                    )
                    continue
                first_index[agency_id] = index
                name = entry.get("name")
                local = entry.get("name_local")
                registry[agency_id] = AgencyRef(
                    agency_id,
                    name if isinstance(name, str) else agency_id,
                    local if isinstance(local, str) else None,
                )
    severities = _rule_settings(collector, data)
    context = Context(calendar, registry, severities)
    if collector.has_errors or calendar is None or registry is None:
        return None, context, collector.findings
    assert isinstance(data, dict)
    collection = Collection(
        id=data["id"],
        name=data["name"],
        calendar=calendar,
        agencies=tuple(registry.values()),
        name_local=data.get("name_local"),
        language=data.get("language"),
    )
    return collection, context, collector.findings


def _rule_settings(collector: _Collector, data: Any) -> dict[str, Severity | None]:
    """The ``rules:`` of collection.yaml as severities; reports unknown and locked rules."""
    settings = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(settings, dict):
        return {}
    severities: dict[str, Severity | None] = {}
    for rule_id, value in settings.items():
        if value not in ("error", "warning", "off"):
            continue  # the schema reports it
        at: list[str | int] = ["rules", rule_id]
        if rule_id not in RULES:
            close = difflib.get_close_matches(rule_id, list(RULES), n=3)
            collector.add(
                "rules-unknown",
                f"no rule '{rule_id}'",
                at=at,
                on_key=True,
                hint=f"Did you mean {' or '.join(close)}?" if close else None,
            )
            continue
        if value != "error" and not can_lower(rule_id):
            collector.add(
                "rules-locked", f"rule '{rule_id}' cannot be set to {value}", at=at, on_key=True
            )
            continue
        severities[rule_id] = None if value == "off" else Severity(value)
    return severities


# ---------------------------------------------------------------------------
# agencies/<id>.yaml


def check_agency_file(
    path: Path, display: str, context: Context, data: bytes | None = None
) -> FileResult:
    """Check one agency declaration against the schema and the per-file rules.

    ``data`` is the file's content when the caller has already read it.
    """
    doc, collector = _load(path, display, context.severities, data)
    if doc is None:
        return FileResult(display, tuple(collector.findings))
    data = doc.data
    _schema_findings(collector, "agency", data)
    if not isinstance(data, dict):
        return FileResult(display, tuple(collector.findings))

    agency_id = _agency_checks(collector, data, path.stem, context)
    declared_on = _date(collector, context, data.get("declared_on"), ["declared_on"])
    services = data.get("services")
    service_ids: set[str] = set()
    dependencies: list[DependencyRef] = []
    if isinstance(services, list):
        first_line: dict[str, int] = {}
        for index, service in enumerate(services):
            if not isinstance(service, dict):
                continue
            at: list[str | int] = ["services", index]
            service_id = service.get("id")
            if isinstance(service_id, str):
                line = doc.position([*at, "id"]).line
                if service_id in first_line:
                    collector.add(
                        "service-id-duplicate",
                        f"service id '{service_id}' is used twice: line "
                        f"{first_line[service_id]} and line {line}",
                        at=[*at, "id"],
                    )
                else:
                    first_line[service_id] = line
                    service_ids.add(service_id)
            launched = _date(collector, context, service.get("launched_on"), [*at, "launched_on"])
            if launched and declared_on and launched > declared_on:
                collector.add(
                    "launched-after-declaration",
                    f"launched_on {service['launched_on']} is after declared_on "
                    f"{data['declared_on']}",
                    at=[*at, "launched_on"],
                )
            _transaction_checks(
                collector,
                service.get("transactions"),
                [*at, "transactions"],
                declared_on,
                data.get("declared_on"),
            )
            _benchmark_checks(collector, service.get("benchmarks"), [*at, "benchmarks"])
            dependencies.extend(
                _dependency_refs(
                    collector, service.get("depends_on"), [*at, "depends_on"], agency_id
                )
            )
    declaration = None
    if not collector.has_errors and context.calendar is not None:
        declaration = _declaration(data, display, context)
    return FileResult(
        display,
        tuple(collector.findings),
        declaration=declaration,
        agency_id=agency_id,
        service_ids=frozenset(service_ids),
        dependencies=tuple(dependencies),
        latest_year=latest_transaction_year(declaration) if declaration else None,
    )


def _agency_checks(
    collector: _Collector, data: dict[str, Any], stem: str, context: Context
) -> str | None:
    agency = data.get("agency")
    if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
        return None
    agency_id: str = agency["id"]
    if agency_id != stem:
        collector.add(
            "agency-id-mismatch",
            f"agency id '{agency_id}' differs from the file name '{stem}'",
            at=["agency", "id"],
            hint=f"rename the file to {agency_id}.yaml, or write id: {stem}",
        )
    if context.registry is not None:
        registered = context.registry.get(agency_id)
        if registered is None:
            collector.add(
                "agency-not-registered",
                f"agency '{agency_id}' is not in the registry of collection.yaml",
                at=["agency", "id"],
                hint="Add it to 'agencies:' in collection.yaml, or fix the id.",
            )
        elif isinstance(agency.get("name"), str) and agency["name"] != registered.name:
            collector.add(
                "agency-name-mismatch",
                f"agency name '{agency['name']}' differs from the registry's '{registered.name}'",
                at=["agency", "name"],
            )
    return agency_id


def _date(collector: _Collector, context: Context, value: Any, at: list[str | int]) -> Day | None:
    if not isinstance(value, str):
        return None
    if context.calendar is None:
        # Without a collection the calendar is unknown: only report a date that exists in
        # neither calendar (day 32, month 13).
        if schema.DATE_FORM.match(value) and all(parse_date(c, value) is None for c in Calendar):
            collector.add("date-invalid", f"{at[-1]} {value} is not a date of any calendar", at=at)
        return None
    day = parse_date(context.calendar, value)
    if day is None and schema.DATE_FORM.match(value):
        collector.add(
            "date-invalid",
            f"{at[-1]} {value} is not a date of the {context.calendar.value} calendar",
            at=at,
        )
    return day


def _transaction_checks(
    collector: _Collector,
    transactions: Any,
    at: list[str | int],
    declared_on: Day | None,
    declared_text: Any,
) -> None:
    if not isinstance(transactions, dict):
        return
    for key in transactions:
        month = parse_month(key)
        if month is None:
            if schema.MONTH_FORM.match(key):
                collector.add(
                    "month-invalid", f"month {key} does not exist", at=[*at, key], on_key=True
                )
            continue
        if declared_on is not None and month > declared_on[:2]:
            collector.add(
                "transactions-after-declaration",
                f"transactions counted for {key}, after declared_on {declared_text}",
                at=[*at, key],
                on_key=True,
            )


def _benchmark_checks(collector: _Collector, codes: Any, at: list[str | int]) -> None:
    if not isinstance(codes, list):
        return
    known = benchmarks.known_codes()
    for index, code in enumerate(codes):
        if isinstance(code, str) and schema.BENCHMARK_FORM.match(code) and code not in known:
            close = benchmarks.suggestions(code)
            collector.add(
                "benchmark-unknown",
                f"no benchmark item '{code}'",
                at=[*at, index],
                hint=f"Did you mean {' or '.join(close)}? `egov-audit benchmarks` lists the codes."
                if close
                else None,
            )


def _dependency_refs(
    collector: _Collector, depends_on: Any, at: list[str | int], agency_id: str | None
) -> Iterable[DependencyRef]:
    if not isinstance(depends_on, list):
        return
    assert collector.doc is not None
    for index, target in enumerate(depends_on):
        if not isinstance(target, str) or not schema.GLOBAL_ID_FORM.match(target):
            continue
        where = [*at, index]
        if agency_id is not None and target.split("/", 1)[0] == agency_id:
            collector.add(
                "depends-on-own-agency",
                f"depends_on '{target}' is a service of this agency",
                at=where,
            )
            continue
        position = collector.doc.position(where)
        yield DependencyRef(target, position.line, position.column, schema.json_path(where))


_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}


_T = TypeVar("_T", bound=tuple[Any, ...])


def _shared(value: _T) -> _T:
    """One object for equal small tuples (audiences, channels, dependencies) across services."""
    if len(_SHARED) > 100_000:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)  # type: ignore[return-value]


def _declaration(data: dict[str, Any], display: str, context: Context) -> Declaration:
    """Convert a checked, error-free document into its compact record."""
    calendar = context.calendar
    assert calendar is not None
    agency = data["agency"]
    services = []
    for raw in data["services"]:
        launched = raw.get("launched_on")
        months: list[tuple[Month, int]] = []
        splits: list[tuple[Month, tuple[tuple[str, int], ...]]] = []
        for key, count in (raw.get("transactions") or {}).items():
            month = parse_month(key)
            assert month is not None
            if isinstance(count, dict):
                split = tuple((c, count[c]) for c in SPLIT_CHANNELS if c in count)
                splits.append((month, split))
                count = sum(n for _, n in split)
            months.append((month, count))
        services.append(
            Service(
                id=raw["id"],
                name=raw["name"],
                name_local=raw.get("name_local"),
                status=Status(raw["status"]),
                type=ServiceType(raw["type"]),
                audience=_shared(tuple(Audience(a) for a in raw["audience"])),
                channels=_shared(tuple(Channel(c) for c in raw.get("channels") or ())),
                in_person_steps=raw.get("in_person_steps"),
                launched_on=parse_date(calendar, launched) if launched else None,
                transactions=MonthlyCounts(months),
                depends_on=_shared(tuple(sys.intern(t) for t in raw.get("depends_on") or ())),
                benchmarks=_shared(tuple(raw.get("benchmarks") or ())),
                channel_splits=tuple(sorted(splits)),
            )
        )
    declared_on = parse_date(calendar, data["declared_on"])
    assert declared_on is not None
    return Declaration(
        agency=AgencyRef(agency["id"], agency["name"], agency.get("name_local")),
        declared_on=declared_on,
        verified=bool(data.get("verified", False)),
        services=tuple(services),
        source=display,
    )


# ---------------------------------------------------------------------------
# Across files


def _cross_file(
    results: list[FileResult],
    context: Context,
    *,
    report_missing: bool,
    collection_display: str,
    collection_doc_positions: dict[str, Position],
) -> tuple[list[FileResult], list[Finding]]:
    declared: dict[str, frozenset[str]] = {}
    for result in results:
        if result.agency_id is not None:
            declared[result.agency_id] = result.service_ids
    updated: list[FileResult] = []
    for result in results:
        extra: list[Finding] = []
        for ref in result.dependencies:
            target_agency, target_service = ref.target.split("/", 1)
            if target_agency in declared:
                if target_service in declared[target_agency]:
                    continue
                rule_id = "depends-on-unresolved"
                message = (
                    f"depends_on '{ref.target}': agency '{target_agency}' declares no "
                    f"service '{target_service}'"
                )
                hint = (
                    "Use the id of one of its services: "
                    + ", ".join(sorted(declared[target_agency])[:8])
                    + (" ..." if len(declared[target_agency]) > 8 else "")
                )
            elif context.registry is not None and target_agency in context.registry:
                rule_id = "depends-on-undeclared"
                message = (
                    f"depends_on '{ref.target}': agency '{target_agency}' has not declared "
                    "its services yet"
                )
                hint = rule(rule_id).fix
            else:
                rule_id = "depends-on-unresolved"
                message = (
                    f"depends_on '{ref.target}': no agency '{target_agency}' in the collection"
                )
                hint = rule(rule_id).fix
            severity = context.severities.get(rule_id, rule(rule_id).severity)
            if severity is None:
                continue
            extra.append(
                Finding(
                    result.path,
                    ref.line,
                    ref.column,
                    rule_id,
                    severity,
                    message,
                    hint,
                    ref.json_path,
                )
            )
        if extra:
            findings = (*result.findings, *extra)
            has_error = any(f.severity is Severity.ERROR for f in findings)
            result = FileResult(
                result.path,
                findings,
                declaration=None if has_error else result.declaration,
                agency_id=result.agency_id,
                service_ids=result.service_ids,
                dependencies=result.dependencies,
            )
        updated.append(result)
    collection_findings: list[Finding] = []
    missing_severity = context.severities.get(
        "agency-not-declared", rule("agency-not-declared").severity
    )
    if report_missing and context.registry is not None and missing_severity is not None:
        for agency_id in context.registry:
            if agency_id not in declared:
                position = collection_doc_positions.get(agency_id, Position(1, 1))
                collection_findings.append(
                    Finding(
                        collection_display,
                        position.line,
                        position.column,
                        "agency-not-declared",
                        missing_severity,
                        f"registered agency '{agency_id}' has no file "
                        f"{AGENCIES_DIR}/{agency_id}.yaml",
                        f"Ask the agency to declare: egov-audit init {agency_id}",
                    )
                )
    return updated, collection_findings


def _registry_positions(path: Path) -> dict[str, Position]:
    """Where each registry entry's id is written (for the not-declared warning)."""
    try:
        doc = load_file(path)
    except YamlLoadError:
        return {}
    positions: dict[str, Position] = {}
    entries = doc.data.get("agencies") if isinstance(doc.data, dict) else None
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                positions.setdefault(entry["id"], doc.position(["agencies", index, "id"]))
    return positions


def agency_files(root: Path) -> list[Path]:
    """The agency declaration files of a collection folder, in name order."""
    folder = root / AGENCIES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def check_collection(
    root: Path, *, only: Sequence[Path] | None = None, options: RunOptions | None = None
) -> ValidationResult:
    """Check a collection folder; with ``only``, report findings for those agency files only.

    Every agency file is still read, because ``depends_on`` needs the whole collection.
    """
    collection_path = root / COLLECTION_FILE
    collection_display = str(collection_path)
    if not collection_path.is_file():
        raise UsageError(
            f"{root}: no {COLLECTION_FILE} here; a collection folder holds "
            f"{COLLECTION_FILE} and {AGENCIES_DIR}/<agency-id>.yaml files"
        )
    collection, context, collection_findings = check_collection_file(
        collection_path, collection_display
    )
    files = agency_files(root)
    results = check_files(files, context, options or RunOptions())
    declared = {r.agency_id for r in results}
    undeclared = context.registry is not None and any(a not in declared for a in context.registry)
    # Reading collection.yaml again for positions is only worth it when there is a warning.
    positions = _registry_positions(collection_path) if only is None and undeclared else {}
    results, missing = _cross_file(
        results,
        context,
        report_missing=only is None,
        collection_display=collection_display,
        collection_doc_positions=positions,
    )
    if only is not None:
        wanted = {p.resolve() for p in only}
        results = [r for r, p in zip(results, files, strict=True) if p.resolve() in wanted]
        collection_findings = []
    return ValidationResult(
        tuple(results),
        collection,
        tuple(collection_findings) + tuple(missing),
        (collection_display,) if only is None else (),
    )


def collection_root_of(path: Path) -> Path | None:
    """The collection folder an agency file belongs to, if it sits in ``<root>/agencies/``."""
    parent = path.resolve().parent
    if parent.name == AGENCIES_DIR and (parent.parent / COLLECTION_FILE).is_file():
        return path.parent.parent
    return None


def validate_paths(paths: Sequence[Path], options: RunOptions | None = None) -> ValidationResult:
    """Check collection folders and agency files, as ``egov-audit validate`` does.

    ``options`` sets worker processes and the cache (default: one process, no cache).
    """
    files: list[FileResult] = []
    collection_findings: list[Finding] = []
    collection_files: list[str] = []
    collection: Collection | None = None
    loose: dict[Path | None, list[Path]] = {}
    for path in paths:
        if path.is_dir():
            root = (
                path.parent
                if path.name == AGENCIES_DIR and not (path / COLLECTION_FILE).is_file()
                else path
            )
            result = check_collection(root, options=options)
            files.extend(result.files)
            collection_findings.extend(result.collection_findings)
            collection_files.extend(result.collection_files)
            collection = collection or result.collection
        elif path.name == COLLECTION_FILE:
            found, _context, findings = check_collection_file(path, str(path))
            collection_files.append(str(path))
            collection = collection or found
            collection_findings.extend(findings)
        elif path.exists():
            loose.setdefault(collection_root_of(path), []).append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    for collection_root, members in loose.items():
        if collection_root is None:
            for member in members:
                result_file = check_agency_file(member, str(member), Context(None, None))
                missing = Finding(
                    str(member),
                    1,
                    1,
                    "collection-missing",
                    rule("collection-missing").severity,
                    f"no {COLLECTION_FILE} found for this file, so registry, "
                    "calendar and depends_on were not checked",
                    rule("collection-missing").fix,
                )
                files.append(FileResult(result_file.path, (missing, *result_file.findings)))
        else:
            result = check_collection(collection_root, only=members, options=options)
            files.extend(result.files)
            collection = collection or result.collection
    return ValidationResult(
        tuple(files), collection, tuple(collection_findings), tuple(dict.fromkeys(collection_files))
    )


@dataclass
class LoadedCollection:
    """A collection ready to report on: its registry and the declarations without errors."""

    collection: Collection
    included: list[FileResult]
    excluded: list[FileResult] = field(default_factory=list)

    @property
    def declarations(self) -> list[Declaration]:
        """Every declaration without errors, in memory at once."""
        return list(self.iter_declarations())

    def default_period(self) -> Period:
        """The latest year with transaction data, from what the checks recorded."""
        years = [r.latest_year for r in self.included if r.latest_year is not None]
        if years:
            return year_period(max(years))
        return default_period(self.iter_declarations())

    def iter_declarations(self) -> Iterator[Declaration]:
        """The declarations without errors, one at a time (unpickled as they are read)."""
        for result in self.included:
            assert result.declaration is not None
            yield unpack(result.declaration)


def load_collection(root: Path, options: RunOptions | None = None) -> LoadedCollection:
    """Check a collection and keep what a report can count; files with errors are excluded."""
    result = check_collection(root, options=options)
    if result.collection is None:
        raise UsageError(
            f"{root / COLLECTION_FILE} has errors; run 'egov-audit validate {root}' to see them"
        )
    # What the report needs of each file; the cross-file records (service ids,
    # dependencies) are let go before the report's own pass.
    included = [
        FileResult(r.path, (), r.declaration, r.agency_id, latest_year=r.latest_year)
        for r in result.files
        if r.declaration is not None
    ]
    excluded = [r for r in result.files if r.declaration is None]
    return LoadedCollection(result.collection, included, excluded)
