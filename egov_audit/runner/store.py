"""The declarations of a run, kept compactly until a consumer reads them one at a time.

A report over a national collection would hold every service of every agency at once if
declarations stayed objects; the store keeps each as its serialised bytes (or the cache
file holding them) and rebuilds it when iterated, so one declaration is in memory at once.

Bytes in the store are pickles this process made of declarations it (or its own worker
processes) built; a cache file is read with the cache's safe decoder, never unpickled, and
when it turns out damaged or gone the store asks ``recheck`` to check the file again.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from egov_audit.model import Declaration
from egov_audit.model.errors import CollectionError

Entry = bytes | Path
"""A declaration's pickle made in this run, or the cache file holding it."""

Recheck = Callable[[Path, Path], Declaration | None]
"""Rebuild a declaration whose cache file is damaged: ``recheck(source_file, entry_file)``;
None when the source file changed meanwhile."""

ReadEntry = Callable[[Path], Declaration | None]
"""Decode a cache file (None when damaged or gone)."""


def pack(declaration: Declaration) -> bytes:
    """A declaration as the bytes a store keeps."""
    return pickle.dumps(declaration, protocol=pickle.HIGHEST_PROTOCOL)


class DeclarationStore:
    """The declarations of the files a run counts, by file, in the order they were added.

    Iterating yields each declaration once, rebuilt as it is reached; it can be iterated
    again (a report with ``--compare`` makes two passes).
    """

    def __init__(self, read: ReadEntry | None = None, recheck: Recheck | None = None) -> None:
        self._entries: dict[str, Entry] = {}
        self._sources: dict[str, Path] = {}
        self._read = read
        self._recheck = recheck
        self._by_file: dict[Path, str] | None = None

    def add(self, path: str, entry: Entry | Declaration, source: Path | None = None) -> None:
        """Keep the declaration of the file reported as ``path`` (read from ``source``)."""
        self._entries[path] = pack(entry) if isinstance(entry, Declaration) else entry
        if source is not None:
            self._sources[path] = source

    def detach(self, entry: Path) -> None:
        """Hold in memory the declaration kept in this cache file, about to be removed."""
        if self._by_file is None:
            self._by_file = {e: p for p, e in self._entries.items() if isinstance(e, Path)}
        path = self._by_file.pop(entry, None)
        if path is not None and path in self._entries:
            self._entries[path] = pack(self.get(path))

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget every declaration but those of ``paths`` (files found to have errors)."""
        wanted = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in wanted}

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
            declaration = pickle.loads(entry)  # made by this run, never read from disk
            assert isinstance(declaration, Declaration)
            return declaration
        found = self._read(entry) if self._read is not None else None
        if found is None and self._recheck is not None and path in self._sources:
            found = self._recheck(self._sources[path], entry)
            if found is not None:
                self._entries[path] = pack(found)
        if found is None:
            raise CollectionError(
                f"{path} changed during the run, and its cached result cannot be used; "
                "run the command again"
            )
        return found
