"""The published JSON Schemas, read from the installed package or the source tree."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

SCHEMA_NAMES = ("agency", "collection")
"""The schemas of the inventory format."""

OUTPUT_SCHEMA_NAMES = ("validate-output", "report-output", "diff-output", "history-output")
"""The schemas of the JSON outputs of ``validate``, ``report``, ``diff`` and ``history``."""

PUBLISHED_SCHEMAS = (*SCHEMA_NAMES, *OUTPUT_SCHEMA_NAMES)
"""Every schema ``egov-audit schema`` prints."""

_FILES = {
    "agency": "agency.schema.json",
    "collection": "collection.schema.json",
    "validate-output": "output/validate.schema.json",
    "report-output": "output/report.schema.json",
    "diff-output": "output/diff.schema.json",
    "history-output": "output/history.schema.json",
}
"""Each schema's file, relative to ``schemas/`` (``egov_audit/schemas/`` when installed)."""


def schema_file(name: str) -> str:
    """The file of a published schema, relative to the ``schemas`` folder."""
    return _FILES[name]


def _schema_text(relative: str) -> str:
    """Read ``schemas/<relative>`` from the installed package, or from the source tree."""
    parts = relative.split("/")
    packaged = resources.files("egov_audit").joinpath("schemas", *parts)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2].joinpath("schemas", *parts)
    return source.read_text(encoding="utf-8")


@cache
def schema_text(name: str) -> str:
    """The text of a published schema (one of :data:`PUBLISHED_SCHEMAS`), exactly as shipped."""
    if name not in PUBLISHED_SCHEMAS:
        raise KeyError(name)
    return _schema_text(_FILES[name])
