"""``egov-audit validate``: check declarations and report every finding."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from egov_audit.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    NoCacheOption,
    WorkersOption,
    run_options,
)
from egov_audit.cli.replay import not_replayable
from egov_audit.io.files import append_to_file
from egov_audit.model import Severity
from egov_audit.render import FindingsFormat, findings_renderer
from egov_audit.render.i18n import Language
from egov_audit.runner import validate_paths


def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Collection folders or agency files.", show_default=False
        ),
    ],
    output_format: Annotated[
        FindingsFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="text for people; json, sarif or junit for tools; github for "
            "GitHub Actions annotations. Default: github when GITHUB_ACTIONS=true, else text.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Text format: only the findings and the closing count, no line per file "
            "without findings.",
        ),
    ] = False,
    lang: Annotated[
        Language,
        typer.Option(
            "--lang",
            "-l",
            metavar="LANG",
            help="Language of the text format's messages and hints: en, fa, el or vi (the "
            "other formats are for tools, always English). Ids, fields and values stay as "
            "written.",
        ),
    ] = Language.EN,
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

      egov-audit validate inventories/qom --quiet --lang fa
    """
    if output_format is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        output_format = FindingsFormat.GITHUB if github else FindingsFormat.TEXT
    result = validate_paths(paths, run_options(workers, no_cache))
    if output_format is FindingsFormat.TEXT:
        from egov_audit.render.findings import text

        sys.stdout.write(text.render(result, lang, quiet=quiet, color=_colour()))
    else:
        sys.stdout.write(findings_renderer(output_format)(result))
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        from egov_audit.render.findings.github import summary

        not_replayable()  # the summary file is written too
        append_to_file(Path(summary_path), summary(result), what="GITHUB_STEP_SUMMARY")
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _colour() -> bool:
    """Colour at a terminal, unless NO_COLOR is set (https://no-color.org) or TERM=dumb."""
    return (
        sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command to ``app``."""
    app.command("validate")(validate)
