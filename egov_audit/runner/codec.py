"""Cache entries as plain data that can only ever decode to the model's records.

A pickle runs code when it is loaded, and a cache folder may be shared or restored from
elsewhere; so entries are JSON, framed with their kind and the SHA-256 of the payload::

    egov-audit-cache/1 <kind> <sha256 hex of payload>\\n<payload: UTF-8 JSON>

Reading checks the frame and the checksum (a damaged, truncated or padded entry), the
size (an entry over :data:`MAX_ENTRY_BYTES` is not read), then decodes the payload
against the record types themselves: every field must have its declared type (an int
is an int, not a bool or a float; an enum one of its values; a record a list of exactly
its fields), counts and positions must be whole numbers from 0 to 2**63 - 1, months and
days must be real ones. Anything else is :class:`Damaged`, which the cache treats as a
miss. The checksum detects damage, not intent: whoever may write the cache folder can
still write well-formed entries with other figures (see SECURITY.md), but never code.

Records are encoded from their dataclass fields and type annotations, so a field added
to a model class is encoded without changes here (an annotation this module does not
know fails loudly at import).
"""

from __future__ import annotations

import binascii
import dataclasses
import enum
import hashlib
import json
import os
import stat
import sys
import types
import typing
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from egov_audit.model import Declaration, FileResult
from egov_audit.model.inventory import MonthlyCounts, _monthly_counts_from_array

MAGIC = b"egov-audit-cache/1"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""Largest entry read: the result of the largest declaration accepted (8 MiB) is far below."""

_INT_MAX = 2**63 - 1


class Damaged(Exception):
    """An entry that is not what it should be: to be ignored and written again."""


Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def _bad(what: str) -> Damaged:
    return Damaged(what)


def _identity(value: Any) -> Any:
    return value


def _str_codec() -> Codec:
    def decode(value: Any) -> str:
        if type(value) is not str:
            raise _bad("not a string")
        return value

    return _identity, decode


def _int_codec() -> Codec:
    def decode(value: Any) -> int:
        if type(value) is not int or not 0 <= value <= _INT_MAX:
            raise _bad("not a count")
        return value

    return _identity, decode


def _bool_codec() -> Codec:
    def decode(value: Any) -> bool:
        if type(value) is not bool:
            raise _bad("not a boolean")
        return value

    return _identity, decode


def _enum_codec(kind: type[enum.Enum]) -> Codec:
    members = {member.value: member for member in kind}

    def encode(value: Any) -> Any:
        return value.value

    def decode(value: Any) -> Any:
        if type(value) is not str or value not in members:
            raise _bad(f"not a {kind.__name__}")
        return members[value]

    return encode, decode


def _optional_codec(inner: Codec) -> Codec:
    inner_encode, inner_decode = inner

    def encode(value: Any) -> Any:
        return None if value is None else inner_encode(value)

    def decode(value: Any) -> Any:
        return None if value is None else inner_decode(value)

    return encode, decode


def _date_codec(size: int) -> Codec:
    """A month ``(year, month)`` or a day ``(year, month, day)``."""

    def encode(value: Any) -> Any:
        return list(value)

    def decode(value: Any) -> tuple[int, ...]:
        if type(value) is not list or len(value) != size:
            raise _bad("not a date")
        if any(type(part) is not int for part in value):
            raise _bad("not a date")
        if not (1 <= value[0] <= 9999 and 1 <= value[1] <= 12):
            raise _bad("not a date")
        if size == 3 and not 1 <= value[2] <= 31:
            raise _bad("not a date")
        return tuple(value)

    return encode, decode


def _fixed_tuple_codec(items: Sequence[Codec]) -> Codec:
    encoders = [e for e, _ in items]
    decoders = [d for _, d in items]
    size = len(items)

    def encode(value: Any) -> Any:
        return [e(v) for e, v in zip(encoders, value, strict=True)]

    def decode(value: Any) -> tuple[Any, ...]:
        if type(value) is not list or len(value) != size:
            raise _bad("not a tuple")
        return tuple(d(v) for d, v in zip(decoders, value, strict=True))

    return encode, decode


def _variadic_codec(inner: Codec, build: Callable[[Any], Any], order: bool = False) -> Codec:
    inner_encode, inner_decode = inner
    plain = inner_encode is _identity

    def encode(value: Any) -> Any:
        items = sorted(value) if order else value
        return list(items) if plain else [inner_encode(v) for v in items]

    def decode(value: Any) -> Any:
        if type(value) is not list:
            raise _bad("not a list")
        return build(map(inner_decode, value))

    return encode, decode


_known_months: set[int] = set()
"""Month keys (``year * 100 + month``) already seen valid: most services share them."""


def _months_codec() -> Codec:
    """Monthly counts as the base64 of their little-endian 64-bit pairs: compact, and any
    bytes decode to integers (then checked: real months in order, counts from 0)."""

    def encode(value: Any) -> Any:
        counts = value if isinstance(value, MonthlyCounts) else MonthlyCounts(value)
        data: array[int] = counts._data
        if sys.byteorder == "big":  # pragma: no cover - little-endian machines
            data = array("q", data)
            data.byteswap()
        return binascii.b2a_base64(data.tobytes(), newline=False).decode("ascii")

    def decode(value: Any) -> MonthlyCounts:
        if type(value) is not str:
            raise _bad("not monthly counts")
        try:
            raw = binascii.a2b_base64(value, strict_mode=True)
        except (binascii.Error, ValueError):
            raise _bad("not monthly counts") from None
        if len(raw) % 16:
            raise _bad("not monthly counts")
        data = array("q")
        data.frombytes(raw)
        if sys.byteorder == "big":  # pragma: no cover - little-endian machines
            data.byteswap()
        if data:
            months = data[0::2].tolist()
            if min(data[1::2]) < 0:
                raise _bad("a negative count")
            if months != sorted(set(months)):
                raise _bad("months out of order")
            if not _known_months.issuperset(months):
                for key in months:
                    if not (1 <= key // 100 <= 9999 and 1 <= key % 100 <= 12):
                        raise _bad("not a month")
                _known_months.update(months)
        return _monthly_counts_from_array(data)

    return encode, decode


def _record_codec(kind: type[Any]) -> Codec:
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind)]
    parts = [_codec(hints[name]) for name in names]
    encoders = [e for e, _ in parts]

    def encode(value: Any) -> Any:
        return [e(getattr(value, n)) for e, n in zip(encoders, names, strict=True)]

    return encode, _record_decoder(kind, [hints[name] for name in names])


_STR_ONLY = frozenset({str})
_INT_ONLY = frozenset({int})


def _simple_check(annotation: Any, var: str) -> str | None:
    """An inline check of a field whose decoded value is the JSON value itself."""
    if annotation is str:
        return f"type({var}) is str"
    if annotation is int:
        return f"(type({var}) is int and 0 <= {var} <= {_INT_MAX})"
    if annotation is bool:
        return f"type({var}) is bool"
    return None


def _inline(annotation: Any, var: str, env: dict[str, Any]) -> tuple[str, str]:
    """A check (a Python expression, true when valid) and the decoded value of field
    ``var``: common fields are checked inline, which keeps warm runs fast."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    simple = _simple_check(annotation, var)
    if simple is not None:
        return simple, var
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        name = f"members_{len(env)}"
        env[name] = {member.value: member for member in annotation}
        return f"type({var}) is str", f"{name}[{var}]"
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        check, value = _inline(next(a for a in args if a is not type(None)), var, env)
        if value == var:
            return f"({var} is None or {check})", var
        return f"({var} is None or {check})", f"(None if {var} is None else {value})"
    if origin is tuple and len(args) in (2, 3) and all(a is int for a in args):
        # Month and Day: the only int tuples of the model
        day = f" and 1 <= {var}[2] <= 31" if len(args) == 3 else ""
        check = (
            f"(type({var}) is list and len({var}) == {len(args)} "
            f"and {{*map(type, {var})}} <= INT_ONLY "
            f"and 1 <= {var}[0] <= 9999 and 1 <= {var}[1] <= 12{day})"
        )
        return check, f"tuple({var})"
    variadic = (origin is tuple and len(args) == 2 and args[1] is Ellipsis) or (
        origin is frozenset and len(args) == 1
    )
    if variadic:
        build = "frozenset" if origin is frozenset else "tuple"
        item = args[0]
        if item is str:
            return f"(type({var}) is list and {{*map(type, {var})}} <= STR_ONLY)", f"{build}({var})"
        if isinstance(item, type) and issubclass(item, enum.Enum):
            name = f"members_{len(env)}"
            env[name] = {member.value: member for member in item}
            return f"type({var}) is list", f"{build}(map({name}.__getitem__, {var}))"
        name = f"decode_{len(env)}"
        env[name] = _codec(item)[1]
        return f"type({var}) is list", f"{build}(map({name}, {var}))"
    name = f"decode_{len(env)}"
    env[name] = _codec(annotation)[1]
    return "True", f"{name}({var})"


def _record_decoder(kind: type[Any], annotations: list[Any]) -> Callable[[Any], Any]:
    """A decoder written for one record type (generated from its annotations, never from
    data): one function call per record, with its simple fields checked inline."""
    env: dict[str, Any] = {
        "kind": kind,
        "Damaged": Damaged,
        "STR_ONLY": _STR_ONLY,
        "INT_ONLY": _INT_ONLY,
    }
    fields = [f"v{i}" for i in range(len(annotations))]
    inlined = [_inline(a, f, env) for a, f in zip(annotations, fields, strict=True)]
    checks = [check for check, _ in inlined]
    values = [value for _, value in inlined]
    message = repr(f"not a {kind.__name__}")
    source = "\n".join(
        [
            "def decode(value):",
            f"    if type(value) is not list or len(value) != {len(fields)}:",
            f"        raise Damaged({message})",
            f"    {', '.join(fields)}, = value",
            f"    if not ({' and '.join(checks)}):",
            f"        raise Damaged({message})",
            f"    return kind({', '.join(values)})",
        ]
    )
    exec(compile(source, f"<decoder of {kind.__name__}>", "exec"), env)
    decoder: Callable[[Any], Any] = env["decode"]
    return decoder


_codecs: dict[Any, Codec] = {}


def _codec(annotation: Any) -> Codec:
    """The encoder and decoder of values of a type annotation of the model."""
    found = _codecs.get(annotation)
    if found is None:
        found = _codecs[annotation] = _make_codec(annotation)
    return found


def _make_codec(annotation: Any) -> Codec:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation is str:
        return _str_codec()
    if annotation is bool:
        return _bool_codec()
    if annotation is int:
        return _int_codec()
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _enum_codec(annotation)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return _record_codec(annotation)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        return _optional_codec(_codec(next(a for a in args if a is not type(None))))
    if origin is tuple and args and args[-1] is not Ellipsis:
        if all(a is int for a in args) and len(args) in (2, 3):
            return _date_codec(len(args))  # Month and Day: the only int tuples of the model
        return _fixed_tuple_codec([_codec(a) for a in args])
    if origin is tuple and len(args) == 2:
        return _variadic_codec(_codec(args[0]), tuple)
    if origin is frozenset and len(args) == 1:
        return _variadic_codec(_codec(args[0]), frozenset, order=True)
    if origin is Sequence and args and typing.get_origin(args[0]) is tuple:
        return _months_codec()  # Service.transactions
    raise TypeError(f"the cache cannot encode {annotation!r}")  # a new kind of model field


_KINDS: dict[str, Codec] = {
    # A result without its declaration, and whether its declaration was kept apart.
    "result": _fixed_tuple_codec([_codec(FileResult), _bool_codec()]),
    "declaration": _codec(Declaration),
}


def frame(kind: str, payload: bytes) -> bytes:
    """An entry: the header naming its kind and checksum, then the payload."""
    digest = hashlib.sha256(payload).hexdigest().encode("ascii")
    return b"%s %s %s\n%s" % (MAGIC, kind.encode("ascii"), digest, payload)


def unframe(kind: str, data: bytes) -> bytes:
    """The payload of an entry of this kind whose checksum matches (else :class:`Damaged`)."""
    header, newline, payload = data.partition(b"\n")
    if not newline or header.count(b" ") != 2:
        raise _bad("no header")
    magic, found, digest = header.split(b" ")
    if magic != MAGIC or found != kind.encode("ascii"):
        raise _bad("not an entry of this kind")
    if hashlib.sha256(payload).hexdigest().encode("ascii") != digest:
        raise _bad("checksum mismatch")
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
        raise _bad(f"cannot decode: {type(error).__name__}") from None


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
