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

import json
from typing import Any

from egov_audit.model import Declaration, FileResult
from egov_audit.runner import frames
from egov_audit.runner.frames import MAGIC, MAX_ENTRY_BYTES, frame, read_entry
from egov_audit.runner.records import Codec, Damaged, scalar

__all__ = [
    "MAGIC",
    "MAX_ENTRY_BYTES",
    "Damaged",
    "dumps",
    "frame",
    "loads",
    "read_entry",
    "unframe",
]

_KINDS: dict[str, Codec] = {
    # A result without its declaration, and whether its declaration was kept apart.
    "result": scalar(tuple[FileResult, bool]),
    "declaration": scalar(Declaration),
}


def unframe(kind: str, data: bytes) -> bytes:
    """The payload of an entry of this kind whose checksum matches (else :class:`Damaged`)."""
    try:
        return frames.unframe(kind, data)
    except frames.FrameError as error:
        raise Damaged(str(error)) from None


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
