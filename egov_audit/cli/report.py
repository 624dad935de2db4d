"""``egov-audit report``: the readiness report of a collection."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from egov_audit.aggregate.report import (
    DEFAULT_MIN_SERVICES,
    DEFAULT_TOP,
    RankingRule,
    ReadinessReport,
    build_report,
)
from egov_audit.cli.common import (
    EXIT_FINDINGS,
    NoCacheOption,
    WorkersOption,
    counted,
    run_options,
    stderr,
    write_output,
)
from egov_audit.cli.snapshot import (
    AS_OF_HELP,
    CSV_TABLE_HELP,
    CsvTable,
    require_data,
    snapshot_period,
    write_series,
)
from egov_audit.io.files import write_new_file
from egov_audit.model.errors import CollectionError, Remedy, UsageError
from egov_audit.model.period import PERIOD_HELP, parse_period
from egov_audit.render import ReportFormat, report_renderer, summary_renderer
from egov_audit.render.i18n import Language
from egov_audit.runner import load_collection

SUMMARY_TOP = 5
"""How many agencies ``--summary`` lists as leading and as needing follow-up."""


def report(
    collection: Annotated[Path, typer.Argument(help="The collection folder.", show_default=False)],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help=f"Months to report on: {PERIOD_HELP}. Default: the latest year "
            "with transaction data.",
            show_default=False,
        ),
    ] = None,
    compare_with: Annotated[
        str | None,
        typer.Option(
            "--compare",
            "-c",
            metavar="PERIOD",
            help="Set each headline figure beside the same figure for this other period "
            "(same forms as --period), with the change in times and percent. Each period "
            "takes every service's state at its own end, from the services' history; a "
            "service counts in the other period if it was launched by then.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False),
    ] = None,
    csv_table: Annotated[
        CsvTable, typer.Option("--csv-table", help=CSV_TABLE_HELP)
    ] = CsvTable.AGENCIES,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from the --output file name (.html .md .json "
            ".csv .pdf), else terminal; a format the file name contradicts is refused. "
            "csv: the per-agency table for spreadsheets, UTF-8 with a byte order mark (so "
            "that Excel reads Persian and Greek names), cells that could run as formulas "
            "prefixed with an apostrophe. pdf: the HTML report on A4 pages (needs the pdf "
            "extra: pip install 'egov-audit[pdf]').",
            show_default=False,
        ),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Only the headline figures, services by status, the leading agencies and "
            "those needing follow-up (top 5 unless --top is given): one screen or page. "
            "Terminal, Markdown, HTML and PDF.",
        ),
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the terminal, Markdown and HTML report (JSON is always "
            "English). Default: the collection's language, else en.",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            metavar="N",
            help="How many items every list shows (leading agencies, agencies needing "
            f"follow-up, providers, blocked services...); the rest are counted as 'K more'. "
            f"Default: {DEFAULT_TOP}, with --summary {SUMMARY_TOP}.",
            show_default=False,
        ),
    ] = None,
    min_services: Annotated[
        int,
        typer.Option(
            "--min-services",
            min=1,
            metavar="N",
            help="Agencies with fewer services are not ranked.",
        ),
    ] = DEFAULT_MIN_SERVICES,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file instead of standard output; its name chooses the "
            "format when --format is not given.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 1 when any declaration is left out of the figures (the report is "
            "still written).",
        ),
    ] = False,
    workers: WorkersOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Print the readiness report of a collection.

    Agencies declared and verified; services by status; new services of the year by
    type; audiences; channel shares; digital take-up; transactions in the period (the
    months it covers are stated, never annualised) with the busiest and quietest month;
    the leading agencies and those needing follow-up, with the ranking rule; services
    not yet fully electronic and their in-person steps; interoperability (providers,
    consumers, blocked services); benchmark coverage. With --compare, the headline
    figures beside another period's. A file is left out only when its errors make its
    own figures unreadable; what is left out (files, services, transactions, and why) is
    said at the top of the report, in every format. docs/report-method.md defines every
    figure.

    Examples:

      egov-audit report inventories/qom --period 1399-H1

      egov-audit report inventories/qom -p 1399-01..1399-03 --format markdown -o q1.md

      egov-audit report inventories/qom -p 1399-H1 --format html --lang fa -o qom.html

      egov-audit report inventories/qom -p 1399-H1 --compare 1398-H1

      egov-audit report inventories/qom -p 1399-H1 -o agencies.csv

      egov-audit report inventories/qom -p 1399-H1 --summary --lang en

      egov-audit report inventories/qom -p 1399-H1 -o qom-1399-H1.pdf
    """
    chosen_format = _format(output_format, output)
    if summary and chosen_format in (OutputFormat.JSON, OutputFormat.CSV):
        raise UsageError(
            f"--summary is a layout of the terminal, Markdown, HTML and PDF report; "
            f"--format {chosen_format.value} always has every figure"
        )
    if not collection.is_dir():
        raise UsageError(
            f"{collection}: not a folder; give the collection folder "
            "(the one holding collection.yaml)"
        )
    try:
        loaded = load_collection(collection, run_options(workers, no_cache))
    except CollectionError as error:
        raise UsageError(str(error), remedy=Remedy.VALIDATE, target=str(collection)) from None
    if not loaded.included:
        raise UsageError(
            f"{collection}: no agency declaration without errors to report on",
            remedy=Remedy.VALIDATE,
            target=str(collection),
        )
    chosen, snapshot = snapshot_period(period, as_of, loaded)
    other = parse_period(compare_with) if compare_with else None
    for option, asked in (("--period", period and chosen), ("--compare", other)):
        if asked:
            require_data(asked, option, loaded)
    shown = top if top is not None else SUMMARY_TOP if summary else DEFAULT_TOP
    rule = RankingRule(min_services=min_services, top=shown)
    excluded = loaded.exclusions
    broken = loaded.broken_references
    targets = loaded.dependency_targets
    readiness = build_report(
        loaded.collection,
        loaded.declarations,
        chosen,
        rule=rule,
        excluded=excluded,
        broken_references=broken,
        as_of=snapshot,
        targets=targets,
    )
    previous = (
        build_report(
            loaded.collection,
            loaded.declarations,
            other,
            rule=rule,
            excluded=excluded,
            broken_references=broken,
            targets=targets,
        )
        if other is not None
        else None
    )
    if loaded.excluded:
        count = len(loaded.excluded)
        files = "1 file with errors is" if count == 1 else f"{count} files with errors are"
        stderr().print(
            f"warning: {files} not counted; run 'egov-audit validate {collection}' to see why",
        )
    language = lang or loaded.collection.language or Language.EN
    if csv_table is CsvTable.SERIES:
        write_series(readiness, chosen_format.value, output, force)
    else:
        _write(readiness, previous, language, chosen_format, output, force=force, summary=summary)
    if strict and loaded.excluded:
        count = len(loaded.excluded)
        files = counted(count, "file", "files")
        stderr().print(f"error: --strict: {files} left out of the figures")
        raise typer.Exit(EXIT_FINDINGS)


class OutputFormat(StrEnum):
    """What ``report --format`` can write: the report formats, and PDF."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    CSV = "csv"
    PDF = "pdf"


#: The format a file name asks for, by its suffix.
SUFFIXES: dict[str, OutputFormat] = {
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".json": OutputFormat.JSON,
    ".csv": OutputFormat.CSV,
    ".pdf": OutputFormat.PDF,
}


def _format(asked: OutputFormat | None, output: Path | None) -> OutputFormat:
    """The format: ``--format``, else the one the output file's name implies, else terminal.
    A ``--format`` that the file name contradicts is a usage error."""
    implied = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if asked is None:
        return implied or OutputFormat.TERMINAL
    if implied is not None and implied is not asked:
        raise UsageError(
            f"--format {asked.value} does not match the file name {output}, which asks for "
            f"--format {implied.value}; rename the file, or leave --format out"
        )
    return asked


def _write(
    readiness: ReadinessReport,
    previous: ReadinessReport | None,
    language: str,
    chosen: OutputFormat,
    output: Path | None,
    *,
    force: bool,
    summary: bool,
) -> None:
    if chosen is OutputFormat.PDF:
        _write_pdf(readiness, previous, language, output, force=force, summary=summary)
        return
    output_format = ReportFormat(chosen.value)
    if output_format is ReportFormat.TERMINAL and output is None:
        from egov_audit.render.report import terminal

        console = Console(highlight=False)
        sys.stdout.write(
            terminal.render(
                readiness,
                language,
                previous=previous,
                width=console.width,
                color=console.is_terminal and not console.no_color,
                summary=summary,
            )
        )
        return
    if summary:
        text = summary_renderer(output_format)(readiness, language, previous=previous)
    else:
        text = report_renderer(output_format)(readiness, language, previous=previous)
    write_output(text, output, force=force)


def _write_pdf(
    readiness: ReadinessReport,
    previous: ReadinessReport | None,
    language: str,
    output: Path | None,
    *,
    force: bool,
    summary: bool,
) -> None:
    if output is None and sys.stdout.isatty():
        raise UsageError("a PDF is not for the terminal; give --output FILE.pdf")
    from egov_audit.render.report import pdf

    data = pdf.render(readiness, language, previous=previous, summary=summary)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    write_new_file(output, data, force=force)
    stderr().print(f"wrote {output}")


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command("report")(report)
