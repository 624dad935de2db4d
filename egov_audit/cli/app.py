"""The ``egov-audit`` command line: parses options, calls the library, prints, exits.

Exit codes: 0 success (no errors); 1 validation errors (or warnings with ``--strict``);
2 usage error (bad option, missing path, unreadable collection); 3 internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from egov_audit import __version__
from egov_audit.aggregate import diff
from egov_audit.aggregate.report import (
    DEFAULT_MIN_SERVICES,
    DEFAULT_TOP,
    RankingRule,
    build_report,
)
from egov_audit.checks.schema import SCHEMA_NAMES, schema_text
from egov_audit.importer import sheet as importer
from egov_audit.importer import template as init_cmd
from egov_audit.io.files import write_new_file
from egov_audit.model.errors import EgovAuditError, UsageError
from egov_audit.model.inventory import Severity
from egov_audit.model.period import PERIOD_HELP, parse_period
from egov_audit.render import (
    FINDINGS_RENDERERS,
    REPORT_RENDERERS,
    FindingsFormat,
    ReportFormat,
)
from egov_audit.render.i18n import Language
from egov_audit.runner.cache import CACHE_ENV, RunOptions, default_cache_dir, default_workers
from egov_audit.runner.collection import load_collection, validate_paths

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="egov-audit",
    help=(
        "Validate e-government service inventories and report digital readiness.\n\n"
        "A collection is a folder with collection.yaml and agencies/<agency-id>.yaml, one "
        "declaration per agency.\n\n"
        "Examples:\n\n"
        "  egov-audit validate inventories/qom\n\n"
        "  egov-audit report inventories/qom --period 1399-H1\n\n"
        "Exit codes: 0 ok, 1 validation errors (or warnings with --strict), 2 usage error, "
        "3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"egov-audit {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    _state["debug"] = debug


def _stderr() -> Console:
    # soft_wrap: messages name long paths; a wrapped path cannot be copied or grepped.
    return Console(stderr=True, highlight=False, soft_wrap=True)


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        help="Worker processes checking files in parallel. Default: one per core.",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Check every file again instead of reusing results for unchanged files "
        f"(kept in ${CACHE_ENV}, else ~/.cache/egov-audit).",
    ),
]


def _run_options(
    workers: int | None,
    no_cache: bool,
    *,
    need_declarations: bool = True,
    compact_declarations: bool = False,
) -> RunOptions:
    """Worker count, cache folder and (at a terminal, for long runs) a progress bar."""
    return RunOptions(
        workers=workers or default_workers(),
        cache_dir=None if no_cache else default_cache_dir(),
        progress=_progress_bar() if sys.stderr.isatty() else None,
        need_declarations=need_declarations,
        compact_declarations=compact_declarations,
    )


def _progress_bar() -> Callable[[int, int], None]:
    """A rich progress bar on stderr, shown only once a run has more than a few files."""
    from rich.progress import Progress

    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if total < 50:
            return
        if "bar" not in state:
            bar = Progress(console=_stderr(), transient=True)
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task("checking files", total=total)
        state["bar"].update(state["task"], completed=done)
        if done >= total:
            state["bar"].stop()

    return update


def _write_output(text: str, output: Path | None, *, force: bool) -> None:
    """Print ``text``, or write it to ``output`` atomically (never overwriting unless forced)."""
    if output is None:
        sys.stdout.write(text)
        return
    write_new_file(output, text, force=force)
    _stderr().print(f"wrote {output}")


@app.command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Collection folders or agency files.", show_default=False)
    ],
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json, sarif or junit for tools; github for "
            "GitHub Actions annotations. Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    workers: WorkersOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Check declarations against the schema and the cross-file rules.

    Every finding is reported as file:line:col with a rule id and a hint, then a line
    per file checked and a closing count. Exit 0 when there are no errors, 1 when there
    are (or warnings with --strict), 2 on a usage error, in every format. When
    GITHUB_STEP_SUMMARY is set, a Markdown summary of every finding is appended to it.

    Examples:

      egov-audit validate inventories/qom

      egov-audit validate inventories/qom/agencies/abfa.yaml --format json

      egov-audit validate inventories/qom --format sarif > egov-audit.sarif
    """
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = FindingsFormat.GITHUB if github else FindingsFormat.TEXT
    result = validate_paths(paths, _run_options(workers, no_cache, need_declarations=False))
    sys.stdout.write(FINDINGS_RENDERERS[output_format](result))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            from egov_audit.render.findings import github as findings_github

            handle.write(findings_github.summary(result))
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


@app.command()
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
    loaded = load_collection(collection, _run_options(workers, no_cache, compact_declarations=True))
    if not loaded.included:
        raise UsageError(
            f"{collection}: no agency declaration without errors to report on; "
            f"run 'egov-audit validate {collection}'"
        )
    # Declarations are read one at a time from their pickles, once per pass.
    chosen = parse_period(period) if period else loaded.default_period()
    other = parse_period(compare_with) if compare_with else None
    rule = RankingRule(min_services=min_services, top=top)
    excluded = [r.path for r in loaded.excluded]
    readiness = build_report(
        loaded.collection, loaded.iter_declarations(), chosen, rule=rule, excluded_files=excluded
    )
    previous = (
        build_report(
            loaded.collection,
            loaded.iter_declarations(),
            other,
            rule=rule,
            excluded_files=excluded,
        )
        if other is not None
        else None
    )
    if loaded.excluded:
        _stderr().print(
            f"warning: {len(loaded.excluded)} file(s) with errors are not counted; "
            f"run 'egov-audit validate {collection}' to see why"
        )
    language = lang or loaded.collection.language or Language.EN
    if output_format is ReportFormat.TERMINAL and output is None:
        console = Console(highlight=False)
        from egov_audit.render.report import terminal as report_terminal

        report_terminal.write(readiness, console, language, previous=previous)
        return
    renderer = REPORT_RENDERERS[output_format]
    _write_output(renderer(readiness, language, previous=previous), output, force=force)


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help="agency or collection.")] = "agency",
) -> None:
    """Print a published JSON Schema (draft 2020-12) of the inventory format.

    Examples:

      egov-audit schema agency > agency.schema.json

      egov-audit schema collection
    """
    if name not in SCHEMA_NAMES:
        raise UsageError(f"unknown schema {name!r}; choose one of: {', '.join(SCHEMA_NAMES)}")
    sys.stdout.write(schema_text(name))


@app.command()
def benchmarks(
    catalogue: Annotated[
        str | None,
        typer.Argument(help="Show one list: sdg or un. Default: both.", show_default=False),
    ] = None,
) -> None:
    """List the benchmark codes a service can carry in `benchmarks:`.

    sdg: the 21 procedures of Annex II of the EU Single Digital Gateway Regulation, which
    must be fully online. un: the online-service areas of the UN E-Government Survey.

    Examples:

      egov-audit benchmarks

      egov-audit benchmarks sdg
    """
    from egov_audit.model.benchmarks import catalogues

    found = catalogues()
    if catalogue is not None and catalogue not in found:
        raise UsageError(f"unknown list {catalogue!r}; choose one of: {', '.join(found)}")
    for item in found.values():
        if catalogue is not None and item.id != catalogue:
            continue
        sys.stdout.write(f"{item.title}\n{item.source}\n\n")
        width = max(len(entry.code) for entry in item.items)
        for entry in item.items:
            sys.stdout.write(f"  {entry.code:<{width}}  {entry.title} ({entry.group})\n")
        sys.stdout.write("\n")


init_cmd.register(app)
importer.register(app)
diff.register(app)


def main() -> None:
    """Entry point: run the app, turning errors into messages and exit codes."""
    try:
        # Standalone mode: typer prints usage errors itself and exits with status 2.
        app()
    except EgovAuditError as error:
        _stderr().print(f"error: {error}")
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        _stderr().print("interrupted")
        sys.exit(130)
    except Exception as error:
        if _state["debug"]:
            raise
        _stderr().print(
            f"internal error: {type(error).__name__}: {error}\n"
            "Run again with --debug for the traceback, and report it."
        )
        sys.exit(EXIT_INTERNAL)
