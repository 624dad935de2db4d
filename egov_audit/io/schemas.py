"""The published JSON Schemas, read from the installed package or the source tree."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

SCHEMA_NAMES = ("agency", "collection")
"""The schemas of the inventory format."""


def _schema_text(name: str) -> str:
    """Read ``<name>.schema.json`` from the installed package, or from the source tree."""
    packaged = resources.files("egov_audit").joinpath("schemas", f"{name}.schema.json")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "schemas" / f"{name}.schema.json"
    return source.read_text(encoding="utf-8")


@cache
def schema_text(name: str) -> str:
    """The text of a published schema (``agency`` or ``collection``), exactly as shipped."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return _schema_text(name)
