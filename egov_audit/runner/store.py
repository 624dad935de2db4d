"""The declarations of a run, kept compactly until a consumer reads them one at a time.

A report over a national collection would hold every service of every agency at once if
declarations stayed objects; the store keeps each as its serialised bytes (or the cache
file holding them) and rebuilds it when iterated, so one declaration is in memory at once.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from pathlib import Path

from egov_audit.model import Declaration
from egov_audit.model.errors import CollectionError

Entry = bytes | Path
"""A declaration's pickle, or the cache file holding it."""


def pack(declaration: Declaration) -> bytes:
    """A declaration as the bytes a store keeps."""
    return pickle.dumps(declaration, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(entry: Entry) -> Declaration:
    """The declaration a store entry holds; a damaged entry is an error, never a wrong one."""
    try:
        data = entry if isinstance(entry, bytes) else entry.read_bytes()
        declaration = pickle.loads(data)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        declaration = None
    if not isinstance(declaration, Declaration):
        raise CollectionError(
            f"the stored declaration {entry if isinstance(entry, Path) else ''} is damaged "
            "or was removed during the run"
        )
    return declaration


class DeclarationStore:
    """The declarations of the files a run counts, by file, in the order they were added.

    Iterating yields each declaration once, rebuilt as it is reached; it can be iterated
    again (a report with ``--compare`` makes two passes).
    """

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}

    def add(self, path: str, entry: Entry | Declaration) -> None:
        """Keep the declaration of the file reported as ``path``."""
        self._entries[path] = pack(entry) if isinstance(entry, Declaration) else entry

    def keep_only(self, paths: Iterable[str]) -> None:
        """Forget every declaration but those of ``paths`` (files found to have errors)."""
        wanted = set(paths)
        self._entries = {p: e for p, e in self._entries.items() if p in wanted}

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, path: object) -> bool:
        return path in self._entries

    def __iter__(self) -> Iterator[Declaration]:
        for entry in list(self._entries.values()):
            yield unpack(entry)

    def get(self, path: str) -> Declaration:
        """The declaration of one file (KeyError when the file is not counted)."""
        return unpack(self._entries[path])
