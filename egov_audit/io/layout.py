"""Where things live in a collection folder, and finding them.

A collection is a folder holding ``collection.yaml`` and ``agencies/<agency-id>.yaml``,
one declaration per agency.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from egov_audit.model.errors import UsageError, YamlLoadError

COLLECTION_FILE = "collection.yaml"
AGENCIES_DIR = "agencies"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class AgencyEntry:
    """An entry of ``agencies/`` named like a declaration: a file to read, or (``problem``)
    one that is not read, with the reason as the finding to report."""

    path: Path
    problem: YamlLoadError | None = None

    @property
    def display(self) -> str:
        """The path as findings name it."""
        return display_path(self.path)


def display_path(path: Path) -> str:
    """A path as text that can be printed: bytes of a name that is not UTF-8 as ``\\xff``."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    return text


def _not_read(rule: str, message: str, hint: str) -> YamlLoadError:
    return YamlLoadError(rule, message, hint=hint)


_OUTSIDE_HINT = (
    "Copy the declaration into the collection folder instead of linking to a file outside it."
)


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def agency_entries(root: Path) -> list[AgencyEntry]:
    """The entries of ``<root>/agencies/`` named like declarations, in name order.

    Regular files (or links to regular files inside the collection) are to be read; an
    entry that is not (a folder, a FIFO, a device, a link to nothing or out of the
    collection, a name that is not UTF-8 or ends in ``.YAML``) carries the finding to
    report instead: it is never opened. A folder that cannot be listed is one entry.
    """
    folder = root / AGENCIES_DIR
    if not os.path.lexists(folder):
        return []
    if not is_within(folder, root):
        return [
            AgencyEntry(
                folder,
                _not_read(
                    "file-outside-collection",
                    f"{AGENCIES_DIR}/ is a symbolic link leading out of the collection; "
                    "its files were not read",
                    _OUTSIDE_HINT,
                ),
            )
        ]
    try:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError as error:
        problem = "is not a folder" if isinstance(error, NotADirectoryError) else None
        return [
            AgencyEntry(
                folder,
                _not_read(
                    "file-unreadable",
                    problem or f"the folder cannot be read: {_reason(error)}",
                    f"Make {AGENCIES_DIR}/ a folder you may read, holding <agency-id>.yaml files.",
                ),
            )
        ]
    entries = []
    for entry in found:
        if entry.name.lower().endswith(YAML_SUFFIXES):
            path = folder / entry.name
            try:
                checked = _entry(root, path, entry)
            except OSError as error:  # removed or changed while listed
                checked = AgencyEntry(
                    path,
                    _not_read(
                        "file-unreadable",
                        f"cannot be read: {_reason(error)}",
                        "Check that the file exists and that you may read it.",
                    ),
                )
            if checked is not None:
                entries.append(checked)
    return entries


def _entry(root: Path, path: Path, entry: os.DirEntry[str]) -> AgencyEntry | None:
    name = entry.name
    if name.startswith("."):  # hidden (an editor's lock file): only a plain file is read
        return AgencyEntry(path) if entry.is_file(follow_symlinks=False) else None
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return AgencyEntry(
            path,
            _not_read(
                "file-name-encoding",
                "the file name is not valid UTF-8, so it names no agency; the file was not read",
                "Rename the file to <agency-id>.yaml.",
            ),
        )
    if not name.endswith(YAML_SUFFIXES):
        return AgencyEntry(
            path,
            _not_read(
                "file-name-suffix",
                f"the file name ends in {name[name.rindex('.') :]}, not .yaml or .yml; "
                "the file was not read",
                f"Rename it to {path.stem}.yaml.",
            ),
        )
    if entry.is_symlink():
        if not is_within(path, root):
            return AgencyEntry(
                path,
                _not_read(
                    "file-outside-collection",
                    "is a symbolic link leading out of the collection; it was not read",
                    _OUTSIDE_HINT,
                ),
            )
        try:
            info = os.stat(path)
        except OSError as error:
            return AgencyEntry(
                path,
                _not_read(
                    "file-unreadable",
                    f"is a symbolic link to nothing that can be read: {_reason(error)}",
                    "Point the link at a declaration, or remove it.",
                ),
            )
        mode = info.st_mode
    elif entry.is_file(follow_symlinks=False):
        return AgencyEntry(path)
    else:
        mode = entry.stat(follow_symlinks=False).st_mode
    if stat.S_ISREG(mode):
        return AgencyEntry(path)
    kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a FIFO, device or socket)"
    return AgencyEntry(
        path,
        _not_read(
            "file-unreadable",
            f"is {kind}, not a declaration; it was not read",
            "Keep only declaration files named <agency-id>.yaml in agencies/.",
        ),
    )


def agency_files(root: Path) -> list[Path]:
    """The agency declaration files of a collection folder to read, in name order."""
    return [e.path for e in agency_entries(root) if e.problem is None]


def collection_root_of(path: Path) -> Path | None:
    """The collection folder an agency file belongs to, if it sits in ``<root>/agencies/``
    (``abfa.yaml`` named from inside ``agencies/`` belongs to ``..``)."""
    parent = path.resolve().parent
    if parent.name != AGENCIES_DIR or not (parent.parent / COLLECTION_FILE).is_file():
        return None
    if path.parent.name == AGENCIES_DIR:
        return path.parent.parent
    return Path(os.path.relpath(parent.parent)) if not path.is_absolute() else parent.parent


def entry_key(path: Path) -> str:
    """One text per directory entry however it is named (``abfa.yaml``, ``./abfa.yaml``,
    ``../agencies/abfa.yaml``): its folder resolved, then its own name, link or not."""
    return entry_keys([path])[0]


def entry_keys(paths: Sequence[Path]) -> list[str]:
    """The :func:`entry_key` of each path, resolving each folder once."""
    folders: dict[Path, str] = {}
    keys = []
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = os.path.realpath(path.parent)
        keys.append(os.path.join(folder, path.name))
    return keys


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
