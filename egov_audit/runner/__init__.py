"""Running checks over files and collections: workers, the caches, the declaration store.

The entry points of validation (:func:`validate_paths`) and of loading a collection to
report on (:func:`load_collection`). Names are imported on first use, so that the output
cache (:mod:`~egov_audit.runner.output_cache`) can answer a command before any check is
imported.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from egov_audit.checks.context import Context
    from egov_audit.runner.collection import (
        LoadedCollection,
        check_declaration,
        check_text,
        collection_context,
        load_collection,
        read_collection_file,
        validate_paths,
    )
    from egov_audit.runner.options import (
        CACHE_ENV,
        CACHE_MAX_ENV,
        RunOptions,
        default_cache_dir,
        default_cache_max_bytes,
        default_workers,
    )
    from egov_audit.runner.store import DeclarationStore

_EXPORTS = {
    "Context": "egov_audit.checks.context",
    "LoadedCollection": "egov_audit.runner.collection",
    "check_declaration": "egov_audit.runner.collection",
    "check_text": "egov_audit.runner.collection",
    "collection_context": "egov_audit.runner.collection",
    "load_collection": "egov_audit.runner.collection",
    "read_collection_file": "egov_audit.runner.collection",
    "validate_paths": "egov_audit.runner.collection",
    "CACHE_ENV": "egov_audit.runner.options",
    "CACHE_MAX_ENV": "egov_audit.runner.options",
    "RunOptions": "egov_audit.runner.options",
    "default_cache_dir": "egov_audit.runner.options",
    "default_cache_max_bytes": "egov_audit.runner.options",
    "default_workers": "egov_audit.runner.options",
    "DeclarationStore": "egov_audit.runner.store",
}

__all__ = [
    "CACHE_ENV",
    "CACHE_MAX_ENV",
    "Context",
    "DeclarationStore",
    "LoadedCollection",
    "RunOptions",
    "check_declaration",
    "check_text",
    "collection_context",
    "default_cache_dir",
    "default_cache_max_bytes",
    "default_workers",
    "load_collection",
    "read_collection_file",
    "validate_paths",
]


def __getattr__(name: str) -> Any:
    """Import a name on first use."""
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'egov_audit.runner' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
