"""Cache entries as plain data that can only ever decode to the model's records.

A pickle runs code when it is loaded, and a cache folder may be shared or restored from
elsewhere; so entries are JSON, framed with their kind and the SHA-256 of the payload::

    egov-audit-cache/1 <kind> <sha256 hex of payload>\\n<payload: UTF-8 JSON>

Reading checks the frame and the checksum (a damaged, truncated or padded entry), the
size (an entry over :data:`MAX_ENTRY_BYTES` is not read), then decodes the payload
against the record types themselves (:mod:`~egov_audit.runner.records`). Anything else is
:class:`Damaged`, which the cache treats as a miss. The checksum detects damage, not
intent: whoever may write the cache folder can still write well-formed entries with
other figures (see SECURITY.md), but never code.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from egov_audit.model import Declaration, FileResult
from egov_audit.runner.records import Codec, Damaged, scalar

MAGIC = b"egov-audit-cache/1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read: the result of the largest declaration accepted (8 MiB) is far below."""

__all__ = ["MAX_ENTRY_BYTES", "Damaged", "dumps", "frame", "loads", "read_entry", "unframe"]

_KINDS: dict[str, Codec] = {
    # A result without its declaration, and whether its declaration was kept apart.
    "result": scalar(tuple[FileResult, bool]),
    "declaration": scalar(Declaration),
}


def frame(kind: str, payload: bytes) -> bytes:
    """An entry: the header naming its kind and checksum, then the payload."""
    digest = hashlib.sha256(payload).hexdigest().encode("ascii")
    return b"%s %s %s\n%s" % (MAGIC, kind.encode("ascii"), digest, payload)


def unframe(kind: str, data: bytes) -> bytes:
    """The payload of an entry of this kind whose checksum matches (else :class:`Damaged`)."""
    header, newline, payload = data.partition(b"\n")
    if not newline or header.count(b" ") != 2:
        raise Damaged("no header")
    magic, found, digest = header.split(b" ")
    if magic != MAGIC or found != kind.encode("ascii"):
        raise Damaged("not an entry of this kind")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        raise Damaged("checksum mismatch")
    return payload


def dumps(kind: str, value: Any) -> bytes:
    """A framed entry holding ``value``: for ``result`` a pair (file result, whether its
    declaration is kept apart), for ``declaration`` a declaration, else plain JSON data."""
    codec = _KINDS.get(kind)
    data = codec[0](value) if codec is not None else value
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return frame(kind, text.encode("utf-8", "surrogatepass"))


_DECODE_ERRORS = (
    ValueError,  # bad JSON, a 5,000-digit number, a bad enum value
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    RecursionError,  # JSON nested beyond the interpreter's limit
    MemoryError,
    UnicodeError,
)


def loads(kind: str, data: bytes) -> Any:
    """The value of a framed entry of this kind; :class:`Damaged` for anything else."""
    payload = unframe(kind, data)
    try:
        value = json.loads(payload)
        codec = _KINDS.get(kind)
        return codec[1](value) if codec is not None else value
    except Damaged:
        raise
    except _DECODE_ERRORS as error:
        raise Damaged(f"cannot decode: {type(error).__name__}") from None


def read_entry(path: Path) -> tuple[bytes, os.stat_result] | None:
    """An entry file's bytes and status, or None when it is missing, not a regular file
    (a FIFO could block, a symbolic link lead anywhere), larger than the bound or unreadable."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_ENTRY_BYTES:
        return None
    return data, info
