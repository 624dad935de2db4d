"""One copy of each equal value across the cross-file records of a run.

Every file's result holds its service ids and the ``depends_on`` entries the cross-file
checks need. Each arrives from a worker process (or the cache) as its own objects: a
million services held the same provider ids, the same keys ``services`` and
``depends_on`` and the same paths thousands of times over, about 300 MiB of a
``report --no-cache``. A :class:`Compactor` replaces each by the first equal value it
has seen, so that a run holds each once. Values are equal or not as Python compares
them; nothing is hashed lossily, so the records mean exactly what they meant.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from egov_audit.model import FileResult
from egov_audit.model.findings import DependencyRef

_T = TypeVar("_T")


class Compactor:
    """Shares equal strings, paths and references between the results of one run."""

    def __init__(self) -> None:
        self._seen: dict[Any, Any] = {}

    def same(self, value: _T) -> _T:
        """The first value equal to ``value`` this compactor has seen (``value`` if none)."""
        found: _T = self._seen.setdefault(value, value)
        return found

    def _path(self, at: tuple[str | int, ...]) -> tuple[str | int, ...]:
        return self.same(tuple(self.same(step) for step in at))

    def result(self, result: FileResult) -> FileResult:
        """``result`` with its service ids and dependencies shared with earlier results."""
        if not result.service_ids and not result.dependencies:
            return result
        same = self.same
        return dataclasses.replace(
            result,
            service_ids=frozenset(same(i) for i in result.service_ids),
            dependencies=tuple(
                same(DependencyRef(same(d.target), self._path(d.at))) for d in result.dependencies
            ),
        )
