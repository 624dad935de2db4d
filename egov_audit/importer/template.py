"""``egov-audit init``: start an agency's declaration from the collection's registry.

``egov-audit init AGENCY_ID`` writes ``<collection>/agencies/<agency-id>.yaml``: the agency
as registered in ``collection.yaml``, ``declared_on`` (today in the collection's calendar
unless given), a comment above every field saying what it takes, and one example service
that validates, so ``egov-audit validate <collection>`` passes right after ``init``.

The first line tells editors with the YAML language server where the schema is::

    # yaml-language-server: $schema=<reference>

``<reference>`` is the relative path from the new file's folder to the nearest
``schemas/agency.schema.json`` found in the new file's folder or one of its parents (the
repository's own copy when the collection sits inside this repository, or a copy made with
``egov-audit schema agency > schemas/agency.schema.json``). When there is none, it is the
schema's ``$id`` (``urn:egov-audit:schema:agency:1``), which editors can map to a local copy.

An existing file is never overwritten unless ``--force`` is given; the file is written
atomically (a temporary file in the same folder, then a rename), so a reader never sees
half a declaration.

This module also holds the helpers the importer shares: loading the registry, looking an
agency up (with suggestions), converting digits, writing YAML scalars and files.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

from egov_audit.checks.schema import schema_text
from egov_audit.io.files import write_new_file
from egov_audit.model.calendars import Calendar, parse_date, today
from egov_audit.model.errors import UsageError
from egov_audit.model.inventory import AgencyRef, Collection, Severity
from egov_audit.runner.collection import AGENCIES_DIR, COLLECTION_FILE, check_collection_file

SCHEMA_FILE = Path("schemas") / "agency.schema.json"

#: Persian (U+06F0..) and Arabic-Indic (U+0660..) digits to ASCII.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/,'-]*")
_LOOSE_DATE = re.compile(r"^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$")


def ascii_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits written as ASCII digits."""
    return text.translate(DIGITS)


def normalise_date(text: str) -> str:
    """Write ``۱۳۹۹/۷/۱۲`` or ``1399.07.12`` as ``1399-07-12`` (other text is left as is)."""
    cleaned = ascii_digits(text.strip())
    match = _LOOSE_DATE.match(cleaned)
    if match is None:
        return cleaned
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def yaml_str(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (plain when that is safe)."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and ": " not in text:
        try:
            if yaml.safe_load(text) == text:
                return text
        except (yaml.YAMLError, ValueError):
            pass
    return json.dumps(text, ensure_ascii=False)


def load_registry(collection: Path) -> Collection:
    """Read ``<collection>/collection.yaml``; raise UsageError unless it is valid."""
    path = collection / COLLECTION_FILE
    if not path.is_file():
        raise UsageError(
            f"{collection}: no {COLLECTION_FILE} here; give the collection folder with "
            "--collection (the one holding collection.yaml)"
        )
    found, _context, findings = check_collection_file(path, str(path))
    if found is None:
        errors = [f for f in findings if f.severity is Severity.ERROR]
        first = f": {errors[0].location}: {errors[0].message}" if errors else ""
        raise UsageError(
            f"{path} has errors{first}; run 'egov-audit validate {collection}' to see them"
        )
    return found


def find_agency(collection: Collection, agency_id: str) -> AgencyRef:
    """The registry entry of ``agency_id``, or a UsageError naming the closest ids."""
    for agency in collection.agencies:
        if agency.id == agency_id:
            return agency
    ids = [a.id for a in collection.agencies]
    close = difflib.get_close_matches(agency_id, ids, n=3, cutoff=0.6)
    close += [i for i in ids if agency_id and agency_id in i and i not in close][: 3 - len(close)]
    suggestion = f" Did you mean {' or '.join(repr(i) for i in close)}?" if close else ""
    listed = ", ".join(ids[:10]) + (f" ... ({len(ids)} in all)" if len(ids) > 10 else "")
    raise UsageError(
        f"agency {agency_id!r} is not registered in collection.yaml.{suggestion} "
        f"Registered: {listed}. To add an agency, add it to 'agencies:' in collection.yaml."
    )


def parse_declared_on(calendar: Calendar, text: str | None) -> str:
    """``declared_on`` as ``YYYY-MM-DD`` (today when ``text`` is None); UsageError if invalid."""
    if text is None:
        year, month, day = today(calendar)
        return f"{year:04d}-{month:02d}-{day:02d}"
    value = normalise_date(text)
    if parse_date(calendar, value) is None:
        raise UsageError(
            f"--declared-on {text!r} is not a date of the {calendar.value} calendar; "
            "write YYYY-MM-DD, e.g. "
            + ("1399-07-12" if calendar is Calendar.JALALI else "2020-10-03")
        )
    return value


def schema_reference(output: Path) -> str:
    """Where the ``$schema`` comment of ``output`` points; see the module documentation."""
    folder = output.resolve().parent
    for parent in (folder, *folder.parents):
        candidate = parent / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
    identifier: str = json.loads(schema_text("agency"))["$id"]
    return identifier


def declaration_header(output: Path, collection: Collection) -> str:
    """The first lines of a declaration: the schema comment and what the file is."""
    return (
        f"# yaml-language-server: $schema={schema_reference(output)}\n"
        f"# Declaration of public services for the collection '{collection.id}' "
        f"({collection.name}).\n"
        "# Check it with: egov-audit validate <collection folder>\n"
    )


def agency_block(agency: AgencyRef) -> str:
    """The ``agency:`` mapping of a declaration, copied from the registry."""
    lines = [
        "# The declaring agency, exactly as registered in collection.yaml.",
        "agency:",
        "  # Equals this file's name (without .yaml) and an id in the registry.",
        f"  id: {agency.id}",
        "  # Name in English, as in the registry.",
        f"  name: {yaml_str(agency.name)}",
    ]
    if agency.name_local:
        lines += ["  # Name in the local language.", f"  name_local: {yaml_str(agency.name_local)}"]
    return "\n".join(lines) + "\n"


def render_template(
    output: Path, collection: Collection, agency: AgencyRef, declared_on: str
) -> str:
    """The text of a new declaration with comments and one example service."""
    calendar = collection.calendar.value
    month = declared_on[:7]
    return (
        declaration_header(output, collection) + "\n# Version of the inventory format: always 1.\n"
        "schema_version: 1\n"
        + agency_block(agency)
        + f"# Date of this declaration, YYYY-MM-DD in the {calendar} calendar (quoted).\n"
        "# No service may be launched, nor transactions counted, after it.\n"
        f'declared_on: "{declared_on}"\n'
        "# true only once the ICT office has verified the figures.\n"
        "verified: false\n"
        "# Every public service the agency delivers, one entry each. Replace the example.\n"
        "services:\n"
        "  # Lower-case letters, digits and hyphens, unique in this file; the service's\n"
        f"  # global id (for other agencies' depends_on) is {agency.id}/<id>.\n"
        "  - id: example-service\n"
        "    # Name in English.\n"
        "    name: Example service (replace with a real one)\n"
        "    # Name in the local language (optional).\n"
        "    # name_local: ...\n"
        "    # How electronic it is: full (every step online), partial (a step needs an\n"
        "    # in-person visit), in_person (no electronic step), unknown (not yet verified).\n"
        "    status: full\n"
        "    # Required when status is partial or in_person: which step needs a visit, why.\n"
        "    # in_person_steps: Meter installation needs a site visit by an inspector\n"
        "    # informational (publishes information), interactive (forms, inquiries) or\n"
        "    # transactional (an application decided and delivered).\n"
        "    type: informational\n"
        "    # Who it is for, one or more of: citizens, businesses, government.\n"
        "    audience: [citizens]\n"
        "    # Delivered through, any of: portal, kiosk, mobile. At least one unless the\n"
        "    # status is in_person or unknown.\n"
        "    channels: [portal]\n"
        f"    # Launch date, YYYY-MM-DD in the {calendar} calendar, quoted (optional).\n"
        f'    launched_on: "{declared_on}"\n'
        f"    # Completed transactions per month: YYYY-MM ({calendar}) -> a count written\n"
        "    # with ASCII digits 0-9; none after declared_on's month.\n"
        "    transactions:\n"
        f"      {month}: 0\n"
        "    # Other agencies' services this one needs, as <agency-id>/<service-id>.\n"
        "    # depends_on: [civil-registration/identity-inquiry]\n"
    )


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


# Options init and import share.
CollectionOption = Annotated[
    Path,
    typer.Option("--collection", "-c", help="The collection folder (holding collection.yaml)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write here instead of <collection>/agencies/<agency-id>.yaml.",
        show_default=False,
    ),
]
DeclaredOnOption = Annotated[
    str | None,
    typer.Option(
        "--declared-on",
        help="Date of the declaration, YYYY-MM-DD in the collection's calendar. Default: today.",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")]


def init(
    agency_id: Annotated[
        str,
        typer.Argument(
            metavar="AGENCY_ID", help="Id of the agency, as registered in collection.yaml."
        ),
    ],
    collection: CollectionOption = Path("."),
    output: OutputOption = None,
    declared_on: DeclaredOnOption = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="English name of the agency. Default: the registry's name.",
            show_default=False,
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Start an agency's declaration from the collection's registry.

    Writes <collection>/agencies/<agency-id>.yaml with the agency as registered, the
    declaration date (today in the collection's calendar unless --declared-on), a comment
    above every field and one example service that validates. At a terminal, missing
    values are asked for; otherwise the defaults are used. An existing file is never
    overwritten without --force (exit 2).

    Examples:

      egov-audit init abfa --collection inventories/qom

      egov-audit init abfa -c inventories/qom --declared-on 1399-07-12

      cd inventories/qom && egov-audit init abfa --output /tmp/abfa.yaml
    """
    registry = load_registry(collection)
    agency = find_agency(registry, agency_id.strip())
    interactive = _interactive()
    if name is None and interactive:
        name = typer.prompt("English name of the agency", default=agency.name).strip()
    if name is not None:
        if not name.strip():
            raise UsageError("--name must not be empty")
        if name.strip() != agency.name:
            typer.echo(
                f"note: the name differs from the registry's {agency.name!r}; "
                "validate will warn (agency-name-mismatch)",
                err=True,
            )
        agency = AgencyRef(agency.id, name.strip(), agency.name_local)
    if declared_on is None and interactive:
        default = parse_declared_on(registry.calendar, None)
        while True:
            answer = typer.prompt(
                f"Declaration date ({registry.calendar.value}, YYYY-MM-DD)", default=default
            )
            try:
                declared = parse_declared_on(registry.calendar, answer)
                break
            except UsageError as error:
                typer.echo(f"error: {error}", err=True)
    else:
        declared = parse_declared_on(registry.calendar, declared_on)

    target = output if output is not None else collection / AGENCIES_DIR / f"{agency.id}.yaml"
    if output is None:
        agencies_dir = collection / AGENCIES_DIR
        if not agencies_dir.exists():
            agencies_dir.mkdir()
    elif output.stem != agency.id:
        typer.echo(
            f"note: name the file {agency.id}.yaml in {collection / AGENCIES_DIR} "
            "before validating (the file name must equal the agency id)",
            err=True,
        )
    write_new_file(target, render_template(target, registry, agency, declared), force=force)
    typer.echo(f"wrote {target}", err=True)
    typer.echo(
        f"next: describe the agency's services, then run 'egov-audit validate {collection}'",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add the ``init`` command to ``app``."""
    app.command("init")(init)
