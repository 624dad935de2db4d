"""The template of ``egov-audit init``: a new declaration from the collection's registry.

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

The command (``egov_audit.cli.init``) writes the file atomically and never overwrites
one unasked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from egov_audit.io.schemas import schema_text
from egov_audit.io.yamlwrite import yaml_str
from egov_audit.model import (
    PLACEHOLDER_SERVICE_ID,
    PLACEHOLDER_SERVICE_NAME,
    AgencyRef,
    Collection,
)

SCHEMA_FILE = Path("schemas") / "agency.schema.json"


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
        f"  - id: {PLACEHOLDER_SERVICE_ID}\n"
        "    # Name in English.\n"
        f"    name: {PLACEHOLDER_SERVICE_NAME}\n"
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
        "    # Earlier states, oldest first (optional): each entry is the status and channels\n"
        "    # the service had from its date on; the fields above are its state on\n"
        f"    # declared_on. Dates in the {calendar} calendar, before declared_on;\n"
        "    # in_person_steps where partial or in_person, channels where full or partial.\n"
        "    # history:\n"
        f'    #   - {{on: "{int(declared_on[:4]) - 1}-01-01", status: partial, '
        "channels: [portal], in_person_steps: Sign at the office}\n"
        f"    # Launch date, YYYY-MM-DD in the {calendar} calendar, quoted (optional).\n"
        f'    launched_on: "{declared_on}"\n'
        f"    # Completed transactions per month: YYYY-MM ({calendar}) -> a count written\n"
        "    # with ASCII digits 0-9; none after declared_on's month.\n"
        "    transactions:\n"
        f"      {month}: 0\n"
        "    # Other agencies' services this one needs, as <agency-id>/<service-id>.\n"
        "    # depends_on: [civil-registration/identity-inquiry]\n"
    )
