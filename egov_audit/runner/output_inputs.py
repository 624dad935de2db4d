"""The inputs of a command's output, as stat signatures: what the output cache compares.

A command's output depends on the files it reads and on egov-audit itself:

- every path argument, and for each collection it can belong to, ``collection.yaml``,
  ``agencies/`` and every entry of that (a file added, removed, renamed, edited, or its
  modification time changed, changes the signature);
- egov-audit's own files (code, schemas, templates, translations), and the ``schemas/``
  folder of a source tree;
- each folder of ``sys.path`` (installing or upgrading any package there changes it) and
  egov-audit's installed metadata, whose name carries its version.

A signature is a file's type, size, modification and change times and inode (a link's
and its target's); a folder whose entries are listed is signed by its type and inode. Only
the standard library is used: this runs before anything else of egov-audit is imported.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
"""The folder of the ``egov_audit`` package."""

_DISTRIBUTION = "egov_audit-"


class _Signature:
    """Stat signatures of paths, hashed as they are added; the newest modification time."""

    def __init__(self) -> None:
        self.digest = hashlib.sha256()
        self.newest = 0

    def add(self, label: str, path: str, *, times: bool = True) -> os.stat_result | None:
        """Add a path's own signature (a link's, and its target's): size, times and inode,
        or (``times=False``, a folder whose entries are added one by one) its kind and
        inode only. Returns the status of its target, None when there is none."""
        try:
            own: os.stat_result | None = os.lstat(path)
        except (OSError, ValueError):
            own = None
        target = own
        if own is not None and stat.S_ISLNK(own.st_mode):
            try:
                target = os.stat(path)
            except (OSError, ValueError):
                target = None
            self._add(f"{label}\0{path}\0link", own)
            self._add(f"{label}\0{path}\0{os.path.realpath(path)}", target, times=times)
        else:
            self._add(f"{label}\0{path}", own, times=times)
        return target

    def add_entry(self, entry: os.DirEntry[str]) -> None:
        """Add a listed entry: one system call for a plain file, two for a link."""
        try:
            if entry.is_symlink():
                self.add("entry", entry.path)
                return
            info: os.stat_result | None = entry.stat(follow_symlinks=False)
        except OSError:
            info = None
        self._add(f"entry\0{entry.name}", info)

    def missing(self, label: str) -> None:
        """Add something that could not be read."""
        self._add(label, None)

    def _add(self, label: str, info: os.stat_result | None, *, times: bool = True) -> None:
        self.digest.update(label.encode("utf-8", "surrogateescape"))
        if info is None:
            self.digest.update(b"\0-\n")
        elif not times:
            self.digest.update(b"\0%d %d\n" % (info.st_mode, info.st_ino))
        else:
            own = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            self.digest.update(b"\0%d %d %d %d %d\n" % (info.st_mode, *own))
            self.newest = max(self.newest, info.st_mtime_ns)


def inputs_signature(
    package: Path, sys_path: Sequence[str], cwd: str, argv: Sequence[str]
) -> tuple[str, int]:
    """The SHA-256 of the stat signatures of everything the output of the command ``argv``
    (run in ``cwd``) can depend on, and the newest modification time among them."""
    signature = _Signature()
    _add_package(signature, package)
    for folder in sys_path:
        _add_installed(signature, folder or cwd)
    roots: set[str] = set()
    for arg in argv:
        path = os.path.join(cwd, arg)
        target = signature.add("argument", path)
        if target is not None:
            roots.update(_collections_of(os.path.realpath(path), stat.S_ISDIR(target.st_mode)))
    for root in sorted(roots):
        _add_collection(signature, root)
    return signature.digest.hexdigest(), signature.newest


def _collections_of(path: str, folder: bool) -> list[str]:
    """The collection folders an argument can name: a folder, or the one holding it when it
    is ``agencies/``; the folder of a file, or the one above when that is ``agencies/``."""
    within = path if folder else os.path.dirname(path)
    roots = [within]
    if os.path.basename(within) == "agencies":
        roots.append(os.path.dirname(within))
    return roots


def _add_collection(signature: _Signature, root: str) -> None:
    """A folder that may be a collection: its ``collection.yaml``, its ``agencies/`` folder
    and every entry of that."""
    signature.add("collection", os.path.join(root, "collection.yaml"))
    agencies = os.path.join(root, "agencies")
    if signature.add("agencies", agencies, times=False) is None:
        return
    try:
        with os.scandir(agencies) as listing:
            entries = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError:
        signature.missing("listing")
        return
    for entry in entries:
        signature.add_entry(entry)


def _add_package(signature: _Signature, package: Path) -> None:
    """egov-audit's own files (code, schemas, templates, translations), and the schemas of
    a source tree."""
    for top in (package, package.parent / "schemas"):
        pending = [str(top)]
        while pending:
            folder = pending.pop()
            if signature.add("package", folder, times=False) is None:
                continue
            try:
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    signature.add_entry(entry)


def _add_installed(signature: _Signature, folder: str) -> None:
    """A folder of ``sys.path`` (installing anything there changes it) and egov-audit's
    metadata in it, whose name carries the version."""
    if signature.add("path", folder) is None:
        return
    try:
        with os.scandir(folder) as listing:
            found = sorted(e.name for e in listing if e.name.startswith(_DISTRIBUTION))
    except OSError:
        return
    for name in found:
        signature.add("distribution", os.path.join(folder, name))
        signature.add("metadata", os.path.join(folder, name, "METADATA"))
