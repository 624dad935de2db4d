"""Where things live in a collection folder, and finding them.

A collection is a folder holding ``collection.yaml`` and ``agencies/<agency-id>.yaml``,
one declaration per agency.
"""

from __future__ import annotations

import os
from pathlib import Path

from egov_audit.model.errors import UsageError

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


def is_within(path: Path, root: Path) -> bool:
    """Whether ``path``, symbolic links followed, is inside the folder ``root``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _inside(path: Path, root: Path) -> Path:
    if os.path.lexists(path) and not is_within(path, root):
        raise UsageError(
            f"{path} leads outside the collection (to {os.path.realpath(path)}); "
            f"make {AGENCIES_DIR}/ a folder of the collection, or give --output"
        )
    return path


def agencies_folder(root: Path) -> Path:
    """``<root>/agencies``, refused when it is a symbolic link leading out of the collection
    (``init`` and ``import`` would write elsewhere)."""
    return _inside(root / AGENCIES_DIR, root)


def declaration_target(root: Path, agency_id: str) -> Path:
    """``<root>/agencies/<agency_id>.yaml``, where ``init`` and ``import`` write, refused when
    ``agencies/`` or the file is a symbolic link leading out of the collection."""
    return _inside(agencies_folder(root) / f"{agency_id}.yaml", root)
