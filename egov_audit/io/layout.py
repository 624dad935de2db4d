"""Where things live in a collection folder, and finding them.

A collection is a folder holding ``collection.yaml`` and ``agencies/<agency-id>.yaml``,
one declaration per agency.
"""

from __future__ import annotations

from pathlib import Path

COLLECTION_FILE = "collection.yaml"
AGENCIES_DIR = "agencies"
YAML_SUFFIXES = (".yaml", ".yml")


def agency_files(root: Path) -> list[Path]:
    """The agency declaration files of a collection folder, in name order."""
    folder = root / AGENCIES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def collection_root_of(path: Path) -> Path | None:
    """The collection folder an agency file belongs to, if it sits in ``<root>/agencies/``."""
    parent = path.resolve().parent
    if parent.name == AGENCIES_DIR and (parent.parent / COLLECTION_FILE).is_file():
        return path.parent.parent
    return None


def folder_root(path: Path) -> Path:
    """The collection folder named by a folder, ``agencies/`` or ``collection.yaml`` path."""
    if path.name == COLLECTION_FILE:
        return path.parent
    if path.name == AGENCIES_DIR and not (path / COLLECTION_FILE).is_file():
        return path.parent
    return path
