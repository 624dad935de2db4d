"""``egov-audit export``: the inventory for other systems, or an agency's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from egov_audit.cli.common import NoCacheOption, WorkersOption, run_options, stderr, write_output
from egov_audit.cli.snapshot import require_data
from egov_audit.importer.common import load_registry
from egov_audit.io.files import write_new_file
from egov_audit.io.layout import AGENCIES_DIR, collection_root_of
from egov_audit.io.yamlload import read_file
from egov_audit.model import Severity
from egov_audit.model.calendars import format_day
from egov_audit.model.display import printable
from egov_audit.model.errors import CollectionError, Remedy, UsageError, YamlLoadError
from egov_audit.model.period import PERIOD_HELP, Period, parse_period
from egov_audit.render.export import ExportFormat
from egov_audit.render.i18n import Language
from egov_audit.runner import (
    LoadedCollection,
    check_declaration,
    collection_context,
    load_collection,
)


def export(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="PATH",
            help="A collection folder, or one agency's declaration (agencies/<id>.yaml).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="cpsv-ap: CPSV-AP 3.2.0 as JSON-LD; turtle: the same as Turtle; csv and "
            "xlsx: one row per service (and per exchange service) with its agency, every "
            "field and the period's transactions (inquiries). For a declaration file, xlsx "
            "only: the workbook 'import' reads. Default: cpsv-ap for a collection, xlsx for "
            "a declaration.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file. Default: standard output; for xlsx, <id>.xlsx "
            "(the agency's or the collection's id) in the current folder.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help=f"csv and xlsx of a collection: the months whose transactions and "
            f"inquiries are given: {PERIOD_HELP}. Default: the latest year with "
            "transactions or inquiries.",
            show_default=False,
        ),
    ] = None,
    base_uri: Annotated[
        str | None,
        typer.Option(
            "--base-uri",
            help="cpsv-ap and turtle: the start of every IRI the export makes, e.g. "
            "https://data.example.org/qom/ (ending in / or #). Default: "
            "urn:egov-audit:<collection-id>/.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            "-l",
            help="The agency workbook's headers and choices. Default: the collection's "
            "language, else en.",
            show_default=False,
        ),
    ] = None,
    workers: WorkersOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the inventory for other systems, or an agency's declaration as a workbook.

    A collection exports as CPSV-AP 3.2.0 linked data (the EU's Core Public Service
    Vocabulary Application Profile; it conforms to the profile's SHACL shapes), for
    national and EU portals, or as a table of services for open-data portals; both
    describe the services agencies offer over a government exchange too. A
    declaration file exports as a workbook in exactly the layout 'egov-audit import' reads:
    a services sheet with drop-down lists, a months sheet with the transactions (split by
    channel where the declaration splits them), a history sheet, an exchange sheet where
    the collection has a government exchange, and an instructions sheet. Files with
    errors are left out of a collection's export, with a warning.

    Examples:

      egov-audit export inventories/qom --format cpsv-ap -o qom.jsonld

      egov-audit export inventories/qom -f turtle --base-uri https://data.example.org/qom/

      egov-audit export inventories/qom -f csv --period 1399-H1 -o qom-services.csv

      egov-audit export inventories/qom/agencies/abfa.yaml --format xlsx -o abfa.xlsx
    """
    if path.is_dir():
        if lang is not None:
            raise UsageError(
                "--lang is for a declaration's workbook; a collection's exports keep the "
                "names in every language and English column keys"
            )
        _export_collection(
            path,
            output_format or ExportFormat.CPSV_AP,
            output,
            force,
            period,
            base_uri,
            workers,
            no_cache,
        )
        return
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    chosen = output_format or ExportFormat.XLSX
    if chosen is not ExportFormat.XLSX:
        raise UsageError(
            f"{path} is a declaration: it exports as the workbook of 'import' (--format "
            f"xlsx); for --format {chosen.value}, give the collection folder"
        )
    for option, value in (("--period", period), ("--base-uri", base_uri)):
        if value is not None:
            raise UsageError(f"{option} is for a collection's export, not a declaration's")
    _export_declaration(path, output, force, lang)


def _export_declaration(path: Path, output: Path | None, force: bool, lang: str | None) -> None:
    root = collection_root_of(path)
    if root is None:
        raise UsageError(
            f"{path} is not in a collection (<collection>/{AGENCIES_DIR}/<agency-id>.yaml); "
            "its workbook needs the collection's registry and calendar"
        )
    registry = load_registry(root)
    try:
        data: bytes | YamlLoadError = read_file(path)
    except YamlLoadError as error:
        data = error
    result = check_declaration(data, str(path), collection_context(root), path.stem)
    if result.declaration is None:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        first = f": {errors[0].location}: {errors[0].message}" if errors else ""
        raise UsageError(
            f"{path} has errors, so it cannot be exported{first}",
            remedy=Remedy.VALIDATE,
            target=str(path),
        )
    declaration = result.declaration
    from egov_audit.render.export.agency import agency_workbook

    workbook = agency_workbook(
        registry,
        declaration.agency,
        declaration.services,
        lang or registry.language or "en",
        format_day(declaration.declared_on),
        declaration.exchange_services,
    )
    target = output or Path(f"{declaration.agency.id}.xlsx")
    write_new_file(target, workbook, force=force)
    stderr().print(f"wrote {printable(str(target))}")
    stderr().print(
        f"next: fill it in, then 'egov-audit import {printable(str(target))} --agency "
        f"{declaration.agency.id} --collection {printable(str(root))}'",
    )


def _export_collection(
    root: Path,
    output_format: ExportFormat,
    output: Path | None,
    force: bool,
    period: str | None,
    base_uri: str | None,
    workers: int | None,
    no_cache: bool,
) -> None:
    try:
        loaded = load_collection(root, run_options(workers, no_cache))
    except CollectionError as error:
        raise UsageError(str(error), remedy=Remedy.VALIDATE, target=str(root)) from None
    if loaded.excluded:
        stderr().print(
            f"warning: {len(loaded.excluded)} file(s) with errors are left out; "
            f"run 'egov-audit validate {printable(str(root))}' to see why",
        )
    if output_format in (ExportFormat.CPSV_AP, ExportFormat.TURTLE):
        _linked_data(loaded, output_format, output, force, base_uri)
        return
    if base_uri is not None:
        raise UsageError("--base-uri is for --format cpsv-ap and turtle")
    from egov_audit.render.export import rows

    chosen = parse_period(period) if period else _default_period(loaded)
    if period:
        require_data(chosen, "--period", loaded)
    if output_format is ExportFormat.CSV:
        write_output(rows.render_csv(loaded.declarations, chosen), output, force=force)
        return
    target = output or Path(f"{loaded.collection.id}.xlsx")
    write_new_file(target, rows.render_xlsx(loaded.declarations, chosen), force=force)
    stderr().print(f"wrote {printable(str(target))}")


def _default_period(loaded: LoadedCollection) -> Period:
    try:
        return loaded.default_period()
    except CollectionError as error:
        raise UsageError(str(error)) from None


def _linked_data(
    loaded: LoadedCollection,
    output_format: ExportFormat,
    output: Path | None,
    force: bool,
    base_uri: str | None,
) -> None:
    from egov_audit.render.export import cpsv

    if base_uri is not None and (problem := cpsv.base_problem(base_uri)) is not None:
        raise UsageError(f"--base-uri {base_uri!r}: {problem}")
    built = cpsv.build_graph(loaded.collection, loaded.declarations, base_uri)
    if built.left_out:
        stderr().print(
            f"note: {len(built.left_out)} depends_on reference(s) name a service that is not "
            f"in the export (an agency that has not declared, or a file left out), so they "
            f"are not written as dct:requires; the first: {printable(built.left_out[0])}",
        )
    render = cpsv.render_jsonld if output_format is ExportFormat.CPSV_AP else cpsv.render_turtle
    write_output(render(built), output, force=force)


def register(app: typer.Typer) -> None:
    """Add the ``export`` command to ``app``."""
    app.command("export")(export)
