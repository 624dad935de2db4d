"""The result cache: a file's check result, keyed by everything that can change it.

A cache entry is keyed by the file's bytes, the name it is reported under, the
collection context (calendar, registry, rule severities) and a fingerprint of
egov-audit's own code and schemas; anything that changes a finding changes the key.
Entries live in ``$EGOV_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/egov-audit``, else
``~/.cache/egov-audit`` (:mod:`~egov_audit.runner.cache_folder`). They are plain data,
never pickles, with a checksum (:mod:`~egov_audit.runner.codec`): a damaged entry is
ignored and written again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from egov_audit._version import __version__
from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, FileResult
from egov_audit.model.errors import YamlLoadError
from egov_audit.runner.cache_folder import LAYOUT, entry_path, touch, write_entry
from egov_audit.runner.codec import MAX_ENTRY_BYTES, Damaged, dumps, loads, read_entry
from egov_audit.runner.store import Entry, pack

_CODE_SUFFIXES = frozenset({".py", ".json", ".so", ".pyd"})
"""The files of the package that make its results: code, compiled modules and schemas."""


@cache
def code_fingerprint() -> str:
    """A hash of egov-audit's version, code and schemas: new code never reads old results.

    The code is every Python file and the compiled YAML reader where it was built
    (``io/_fastyaml*.so``): its results are the Python loader's, but a rebuilt module is new
    code all the same."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    from egov_audit.io.schemas import schema_text

    for name in ("agency", "collection"):
        digest.update(schema_text(name).encode())
    return digest.hexdigest()


def cache_key(path: Path, context_key: str) -> tuple[str, bytes] | None:
    """The cache key of a file and its bytes, or None when it cannot be read."""
    try:
        data = read_file(path)
    except YamlLoadError:
        return None  # checked without the cache, which reports the read error
    digest = hashlib.sha256()
    for part in (code_fingerprint().encode(), context_key.encode(), os.fsencode(path)):
        digest.update(part)
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest(), data


class ResultCache:
    """Check results in a cache folder: findings and cross-file records, and apart from them
    the declaration (every service; most of the bytes, and only a report needs it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, key: str, keep: bool) -> tuple[FileResult, Entry | None] | None:
        """A cached result and, when ``keep``, its declaration's entry file (None when it
        has none); None when not cached or damaged."""
        path = entry_path(self.folder, key, ".result")
        read = read_entry(path)
        if read is None:
            return None
        try:
            result, has_declaration = loads("result", read[0])
        except Damaged:
            return None
        touch(path, read[1])
        if not (keep and has_declaration):
            return result, None
        stored = path.with_suffix(".declaration")
        try:
            info = os.lstat(stored)
        except OSError:
            return None
        if not 0 < info.st_size <= MAX_ENTRY_BYTES:
            return None
        touch(stored, info)
        return result, stored  # decoded, checked and if need be rebuilt by the store

    def save(self, key: str, checked: FileResult) -> None:
        """Keep a result, its declaration apart."""
        path = entry_path(self.folder, key, ".result")
        declaration = checked.declaration
        has_declaration = isinstance(declaration, Declaration)
        if has_declaration and not write_entry(
            path.with_suffix(".declaration"),
            dumps("declaration", declaration),
            max_bytes=MAX_ENTRY_BYTES,
        ):
            return
        result = dataclasses.replace(checked, declaration=None)
        write_entry(path, dumps("result", (result, has_declaration)), max_bytes=MAX_ENTRY_BYTES)

    def read_declaration(self, stored: Path) -> Declaration | None:
        """The declaration of an entry file, or None when it is damaged or gone."""
        read = read_entry(stored)
        if read is None:
            return None
        try:
            declaration: Declaration = loads("declaration", read[0])
        except Damaged:
            return None
        return declaration

    def stat_index(self, context_key: str, paths: Sequence[Path]) -> StatIndex:
        """The stat index of these files' folders."""
        return StatIndex(self.folder, context_key, paths)


def split(result: FileResult) -> tuple[FileResult, bytes | None]:
    """A result without its declaration, and the declaration's bytes."""
    declaration = result.declaration
    if not isinstance(declaration, Declaration):
        return result, None
    return dataclasses.replace(result, declaration=None), pack(declaration)


class StatIndex:
    """The content keys of a folder's files, remembered with each file's size and times.

    Hashing a national collection's files costs more than reading their cached results;
    like git's index, a file whose size, times and inode are unchanged keeps its key
    without being read. A file changed less than two seconds before the index was saved
    is read again, since a coarse clock could hide a change made in the same tick.
    """

    _RACY_NS = 2_000_000_000

    def __init__(self, cache_dir: Path, context_key: str, paths: Sequence[Path]) -> None:
        folders = sorted({str(parent.resolve()) for parent in {p.parent for p in paths}})
        name = hashlib.sha256("\0".join([code_fingerprint(), context_key, *folders]).encode())
        self.path = cache_dir / LAYOUT / "index" / f"{name.hexdigest()}.index"
        self.context_key = context_key
        self.old: dict[str, Any] = {}
        self.saved_at = 0
        read = read_entry(self.path)
        if read is not None:
            try:
                loaded = loads("index", read[0])
            except Damaged:
                loaded = None
            if (
                isinstance(loaded, dict)
                and type(loaded.get("saved_at")) is int
                and isinstance(loaded.get("files"), dict)
            ):
                self.saved_at, self.old = loaded["saved_at"], loaded["files"]
                touch(self.path, read[1])
        self.new: dict[str, list[Any]] = {}
        self.changed = False

    def key(self, path: Path) -> str | None:
        """The file's cache key, or None when it cannot be read (checked without cache)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        signature = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        name = str(path)
        known = self.old.get(name)
        if (
            type(known) is list
            and len(known) == 5
            and known[:4] == signature
            and _is_key(known[4])
            and info.st_mtime_ns < self.saved_at - self._RACY_NS
        ):
            self.new[name] = known
            key: str = known[4]
            return key
        keyed = cache_key(path, self.context_key)
        if keyed is None:
            return None
        self.new[name] = [*signature, keyed[0]]
        self.changed = True
        return keyed[0]

    def save(self) -> None:
        if self.changed or self.new.keys() != self.old.keys():
            data = dumps("index", {"saved_at": time.time_ns(), "files": self.new})
            write_entry(self.path, data, max_bytes=MAX_ENTRY_BYTES)


def _is_key(value: Any) -> bool:
    """Whether a value read from an index is a cache key (64 lowercase hex digits)."""
    return (
        type(value) is str
        and len(value) == 64
        and value.isascii()
        and all(c in "0123456789abcdef" for c in value)
    )
