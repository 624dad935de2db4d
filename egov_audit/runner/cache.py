"""The result cache: a file's check result, keyed by everything that can change it.

A cache entry is keyed by the file's bytes, the name it is reported under, the
collection context (calendar, registry, rule severities) and a fingerprint of
egov-audit's own code and schemas; anything that changes a finding changes the key.
Entries live in ``$EGOV_AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/egov-audit``, else
``~/.cache/egov-audit``. A damaged entry is ignored and rewritten.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from egov_audit._version import __version__
from egov_audit.io.yamlload import read_file
from egov_audit.model import Declaration, FileResult
from egov_audit.model.errors import YamlLoadError
from egov_audit.runner.store import Entry, pack

_CACHE_LAYOUT = "v1"


@cache
def code_fingerprint() -> str:
    """A hash of egov-audit's version, code and schemas: new code never reads old results."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    from egov_audit.io.schemas import schema_text

    for name in ("agency", "collection"):
        digest.update(schema_text(name).encode())
    return digest.hexdigest()


_UNPICKLE_ERRORS = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    TypeError,
    ValueError,
)


def _load_pickle(path: Path) -> object:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except _UNPICKLE_ERRORS:
        return None


def _write_bytes(path: Path, data: bytes) -> None:
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        # A read-only or full cache folder only costs speed.
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _write_pickle(path: Path, value: object) -> None:
    _write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def cache_key(path: Path, context_key: str) -> tuple[str, bytes] | None:
    """The cache key of a file and its bytes, or None when it cannot be read."""
    try:
        data = read_file(path)
    except YamlLoadError:
        return None  # checked without the cache, which reports the read error
    digest = hashlib.sha256()
    for part in (code_fingerprint(), context_key, str(path)):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(data)
    return digest.hexdigest(), data


class ResultCache:
    """Check results in a cache folder: findings and cross-file records, and apart from them
    the declaration (every service; most of the bytes, and only a report needs it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, key: str) -> Path:
        return self.folder / _CACHE_LAYOUT / key[:2] / f"{key}.pickle"

    def load(self, key: str, keep: bool) -> tuple[FileResult, Entry | None] | None:
        """A cached result and, when ``keep`` and the file had no error, its declaration."""
        entry = self._entry(key)
        result = _load_pickle(entry)
        if not isinstance(result, FileResult):
            return None
        if keep and result.ok:
            stored = entry.with_suffix(".declaration")
            if not stored.is_file():
                return None
            return result, stored
        return result, None

    def save(self, key: str, result: FileResult, declaration: bytes | None) -> None:
        """Keep a result (without its declaration) and its declaration's bytes."""
        entry = self._entry(key)
        if declaration is not None:
            _write_bytes(entry.with_suffix(".declaration"), declaration)
        _write_pickle(entry, dataclasses.replace(result, declaration=None))

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
        folders = sorted({str(p.parent.resolve()) for p in paths})
        name = hashlib.sha256("\0".join([code_fingerprint(), context_key, *folders]).encode())
        self.path = cache_dir / _CACHE_LAYOUT / "index" / f"{name.hexdigest()}.pickle"
        self.context_key = context_key
        loaded = _load_pickle(self.path)
        self.old: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self.saved_at = 0
        if isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[1], dict):
            self.saved_at, self.old = loaded
        self.new: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        self.changed = False

    def key(self, path: Path) -> str | None:
        """The file's cache key, or None when it cannot be read (checked without cache)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        known = self.old.get(str(path))
        if (
            known is not None
            and known[0] == signature
            and info.st_mtime_ns < self.saved_at - self._RACY_NS
        ):
            self.new[str(path)] = known
            return known[1]
        keyed = cache_key(path, self.context_key)
        if keyed is None:
            return None
        self.new[str(path)] = (signature, keyed[0])
        self.changed = True
        return keyed[0]

    def save(self) -> None:
        if self.changed or self.new.keys() != self.old.keys():
            _write_pickle(self.path, (time.time_ns(), self.new))
