"""Running checks over files and collections: workers, the cache, the declaration store.

The entry points of validation (:func:`validate_paths`) and of loading a collection to
report on (:func:`load_collection`).
"""

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
