"""The declarations of a run, kept compactly until a consumer reads them one at a time.

A report over a national collection would hold every service of every agency at once if
declarations stayed objects; the store keeps each as its serialised bytes (or the cache
file holding them) and rebuilds it when iterated, so one declaration is in memory at once.

Bytes in the store are pickles this process made of declarations it (or its own worker
processes) built; a cache file is read with the cache's safe decoder, never unpickled, and
when it turns out damaged or gone the store asks ``recheck`` to check the file again.

Pickles beyond :data:`MEMORY_BYTES` (a million services make about 360 MB of them) go to a
temporary file that is removed from its folder as soon as it is created, so that only this
process can reach it; each is kept with a keyed hash whose key never leaves the process,
and one that does not match is treated like a damaged cache file. A file that cannot be
written (no space, no temporary folder) leaves the pickles in memory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from egov_audit.model import Declaration
from egov_audit.model.errors import CollectionError

Entry = bytes | Path
"""A declaration's pickle made in this run, or the cache file holding it."""

Recheck = Callable[[Path, Path], Declaration | None]
"""Rebuild a declaration whose cache file is damaged: ``recheck(source_file, entry_file)``;
None when the source file changed meanwhile."""

ReadEntry = Callable[[Path], Declaration | None]
"""Decode a cache file (None when damaged or gone)."""


MEMORY_BYTES = 64 * 1024 * 1024
"""Pickles a store holds in memory before it writes the others to a temporary file."""


def pack(declaration: Declaration) -> bytes:
    """A declaration as the bytes a store keeps."""
    return pickle.dumps(declaration, protocol=pickle.HIGHEST_PROTOCOL)


class _Spilled(NamedTuple):
    """Where a pickle is in the temporary file, and its keyed hash."""

    offset: int
    size: int
    digest: bytes


class _SpillFile:
    """An unlinked temporary file of pickles, appended to and read back by position."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._key = os.urandom(32)
        self._end = 0

    def _digest(self, data: bytes) -> bytes:
        return hashlib.blake2b(data, key=self._key, digest_size=16).digest()

    def put(self, data: bytes) -> _Spilled | None:
        """Write a pickle; None when it cannot be written."""
        try:
            if self._file is None:
                # Unlinked at once, so nothing is left behind; closed with the store.
                self._file = tempfile.TemporaryFile(prefix="egov-audit-store-")  # noqa: SIM115
                weakref.finalize(self, self._file.close)
            written = os.pwrite(self._file.fileno(), data, self._end)
        except OSError:
            return None
        if written != len(data):
            return None
        spilled = _Spilled(self._end, len(data), self._digest(data))
        self._end += len(data)
        return spilled

    @property
    def size(self) -> int:
        """Bytes written so far."""
        return self._end

    def get(self, spilled: _Spilled) -> bytes | None:
        """A pickle written here, None when it cannot be read back as it was written."""
        if self._file is None:
            return None
        try:
            data = os.pread(self._file.fileno(), spilled.size, spilled.offset)
        except OSError:
            return None
        return data if self._digest(data) == spilled.digest else None


class DeclarationStore:
    """The declarations of the files a run counts, by file, in the order they were added.

    Iterating yields each declaration once, rebuilt as it is reached; it can be iterated
    again (a report with ``--compare`` makes two passes).
    """

    def __init__(
        self,
        read: ReadEntry | None = None,
        recheck: Recheck | None = None,
        *,
        memory_bytes: int | None = None,
    ) -> None:
        self._entries: dict[str, Entry | _Spilled] = {}
        self._sources: dict[str, Path] = {}
        self._read = read
        self._recheck = recheck
        self._by_file: dict[Path, str] | None = None
        self._memory_left = MEMORY_BYTES if memory_bytes is None else memory_bytes
        self._spill = _SpillFile()

    def add(self, path: str, entry: Entry | Declaration, source: Path | None = None) -> None:
        """Keep the declaration of the file reported as ``path`` (read from ``source``)."""
        if isinstance(entry, Declaration):
            entry = pack(entry)
        self._keep(path, entry)
        if source is not None:
            self._sources[path] = source

    def _keep(self, path: str, entry: Entry) -> None:
        if isinstance(entry, bytes):
            if len(entry) > self._memory_left:
                spilled = self._spill.put(entry)
                if spilled is not None:
                    self._entries[path] = spilled
                    return
            self._memory_left -= len(entry)
        self._entries[path] = entry

    def detach(self, entry: Path) -> None:
        """Hold in memory the declaration kept in this cache file, about to be removed."""
        if self._by_file is None:
            self._by_file = {e: p for p, e in self._entries.items() if isinstance(e, Path)}
        path = self._by_file.pop(entry, None)
        if path is not None and path in self._entries:
            self._keep(path, pack(self.get(path)))

    def reorder(self, paths: Iterable[str]) -> None:
        """Put the declarations in the order of ``paths`` (those of other files last)."""
        entries = self._entries
        ordered = {p: entries[p] for p in paths if p in entries}
        ordered.update(entries)
        self._entries = ordered

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget every declaration but those of ``paths`` (files found to have errors)."""
        wanted = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in wanted}

    @property
    def spilled_bytes(self) -> int:
        """Bytes of pickles written to the temporary file rather than held in memory."""
        return self._spill.size

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __iter__(self) -> Iterator[Declaration]:
        for path in list(self._entries):
            yield self.get(path)

    def get(self, path: str) -> Declaration:
        """The declaration of one file (KeyError when the file is not counted)."""
        entry = self._entries[path]
        if isinstance(entry, bytes):
            return self._unpack(entry)
        if isinstance(entry, _Spilled):
            data = self._spill.get(entry)
            if data is not None:
                return self._unpack(data)
            raise CollectionError(
                f"{path}: its declaration could not be read back from a temporary file; "
                "run the command again"
            )
        found = self._read(entry) if self._read is not None else None
        if found is None and self._recheck is not None and path in self._sources:
            found = self._recheck(self._sources[path], entry)
            if found is not None:
                self._keep(path, pack(found))
        if found is None:
            raise CollectionError(
                f"{path} changed during the run, and its cached result cannot be used; "
                "run the command again"
            )
        return found

    @staticmethod
    def _unpack(data: bytes) -> Declaration:
        declaration = pickle.loads(data)  # made by this run, never read from elsewhere
        assert isinstance(declaration, Declaration)
        return declaration
