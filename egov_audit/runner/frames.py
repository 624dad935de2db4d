"""The frame of every cache entry: its kind and the SHA-256 of its payload, then the payload.

::

    egov-audit-cache/1 <kind> <sha256 hex of payload>\\n<payload>

Only the standard library: the output cache reads entries before anything else of
egov-audit is imported (:mod:`~egov_audit.runner.output_cache`). What a payload means is
for its reader (:mod:`~egov_audit.runner.codec` for results and declarations).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

MAGIC = b"egov-audit-cache/1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read: the result of the largest declaration accepted (8 MiB) is far below."""


class FrameError(ValueError):
    """Not an entry of the kind asked for, or one whose checksum does not match."""


def frame(kind: str, payload: bytes) -> bytes:
    """An entry: the header naming its kind and checksum, then the payload."""
    digest = hashlib.sha256(payload).hexdigest().encode("ascii")
    return b"%s %s %s\n%s" % (MAGIC, kind.encode("ascii"), digest, payload)


def unframe(kind: str, data: bytes) -> bytes:
    """The payload of an entry of this kind whose checksum matches (else :class:`FrameError`)."""
    header, newline, payload = data.partition(b"\n")
    if not newline or header.count(b" ") != 2:
        raise FrameError("no header")
    magic, found, digest = header.split(b" ")
    if magic != MAGIC or found != kind.encode("ascii"):
        raise FrameError("not an entry of this kind")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        raise FrameError("checksum mismatch")
    return payload


def read_entry(path: Path, max_bytes: int = MAX_ENTRY_BYTES) -> tuple[bytes, os.stat_result] | None:
    """An entry file's bytes and status, or None when it is missing, not a regular file
    (a FIFO could block, a symbolic link lead anywhere), larger than ``max_bytes`` or
    unreadable."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return None
    return data, info
