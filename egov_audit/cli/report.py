"""``egov-audit report``: the readiness report of a collection."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from egov_audit.aggregate.report import (
    DEFAULT_MIN_SERVICES,
    DEFAULT_TOP,
    RankingRule,
    build_report,
)
from egov_audit.cli.common import NoCacheOption, WorkersOption, run_options, stderr, write_output
from egov_audit.model.errors import CollectionError, Remedy, UsageError
from egov_audit.model.period import PERIOD_HELP, parse_period
from egov_audit.render import ReportFormat, report_renderer
from egov_audit.render.i18n import Language
from egov_audit.runner import load_collection


def report(
    collection: Annotated[Path, typer.Argument(help="The collection folder.", show_default=False)],
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
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
            help="Set each headline figure beside the same figure for this other period "
            "(same forms as --period), with the change in times and percent. Statuses are "
            "as declared now; a service counts in the other period if it was launched by then.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format. csv: the per-agency table for spreadsheets, UTF-8 with a "
            "byte order mark (so that Excel reads Persian and Greek names), cells that "
            "could run as formulas prefixed with an apostrophe.",
        ),
    ] = ReportFormat.TERMINAL,
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
        int,
        typer.Option(
            "--top",
            min=1,
            help="How many leading agencies (and agencies needing follow-up) to list.",
        ),
    ] = DEFAULT_TOP,
    min_services: Annotated[
        int,
        typer.Option("--min-services", min=1, help="Agencies with fewer services are not ranked."),
    ] = DEFAULT_MIN_SERVICES,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file instead of standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
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
    figures beside another period's. Files with validation errors are left out and named.

    Examples:

      egov-audit report inventories/qom --period 1399-H1

      egov-audit report inventories/qom -p 1399-01..1399-03 --format markdown -o q1.md

      egov-audit report inventories/qom -p 1399-H1 --format html --lang fa -o qom.html

      egov-audit report inventories/qom -p 1399-H1 --compare 1398-H1

      egov-audit report inventories/qom -p 1399-H1 --format csv -o agencies.csv
    """
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
    chosen = parse_period(period) if period else loaded.default_period()
    other = parse_period(compare_with) if compare_with else None
    rule = RankingRule(min_services=min_services, top=top)
    excluded = [r.path for r in loaded.excluded]
    readiness = build_report(
        loaded.collection, loaded.declarations, chosen, rule=rule, excluded_files=excluded
    )
    previous = (
        build_report(
            loaded.collection, loaded.declarations, other, rule=rule, excluded_files=excluded
        )
        if other is not None
        else None
    )
    if loaded.excluded:
        stderr().print(
            f"warning: {len(loaded.excluded)} file(s) with errors are not counted; "
            f"run 'egov-audit validate {collection}' to see why"
        )
    language = lang or loaded.collection.language or Language.EN
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
            )
        )
        return
    renderer = report_renderer(output_format)
    write_output(renderer(readiness, language, previous=previous), output, force=force)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command("report")(report)
