"""The model's records as plain JSON data, and back with every value checked.

Encoders and decoders are made from the record classes' fields and type annotations, so a
field added to a model class needs no change here (an annotation this module does not
know fails loudly when the module is imported). Decoding checks what it builds: every
value has its declared type (an int is an int, not a bool or a float; an enum one of its
values; a record exactly its fields; a path into a document a list of keys and indices,
kept as its JSON text), counts, positions and indices are whole numbers from 0 to
2**63 - 1, months and days are real ones and a service's months are in order. Anything
else raises :class:`Damaged`.

A tuple of records (a declaration's services, a file's findings) is stored by columns,
one list per field: each column is checked with a few calls that run in C (the set of
its value types, a table of its distinct values), which keeps a warm report about as fast
as it was with pickles.
"""

from __future__ import annotations

import binascii
import dataclasses
import enum
import json
import operator
import sys
import types
import typing
from array import array
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, compress, count
from typing import Any

from egov_audit.model.inventory import MonthlyCounts, _monthly_counts_from_array

INT_MAX = 2**63 - 1


class Damaged(Exception):
    """A value that is not what it should be: the entry holding it is ignored."""


Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]
Codec = tuple[Encode, Decode]
DecodeColumn = Callable[[Any, int], list[Any]]
ColumnCodec = tuple[Callable[[list[Any]], Any], DecodeColumn]

_NONE = type(None)


def _identity(value: Any) -> Any:
    return value


def _typed(value: Any, size: int, allowed: frozenset[type]) -> list[Any]:
    """``value`` as a list of ``size`` items whose types are all ``allowed``."""
    if type(value) is not list or len(value) != size or not {*map(type, value)} <= allowed:
        raise Damaged("a column of the wrong length or types")
    return value


def _in_range(values: Sequence[int]) -> None:
    if values and (min(values) < 0 or max(values) > INT_MAX):
        raise Damaged("a number out of range")


# --- what an annotation is


def _optional(annotation: Any) -> Any | None:
    """The ``X`` of ``X | None``, else None."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (types.UnionType, typing.Union) and _NONE in args:
        others = [a for a in args if a is not _NONE]
        if len(others) == 1:
            return others[0]
    return None


def _is_path(annotation: Any) -> bool:
    """``tuple[str | int, ...]``: a path into a document, keys and indices."""
    variadic = _variadic(annotation)
    if variadic is None or variadic[0] is not tuple:
        return False
    step = variadic[1]
    is_union = typing.get_origin(step) in (types.UnionType, typing.Union)
    return is_union and set(typing.get_args(step)) == {str, int}


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, enum.Enum)


def _is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _date_size(annotation: Any) -> int | None:
    """2 for a Month ``tuple[int, int]``, 3 for a Day: the only int tuples of the model."""
    args = typing.get_args(annotation)
    is_dates = typing.get_origin(annotation) is tuple and len(args) in (2, 3)
    return len(args) if is_dates and all(a is int for a in args) else None


def _variadic(annotation: Any) -> tuple[Callable[[Any], Any], Any] | None:
    """``(tuple, X)`` for ``tuple[X, ...]``, ``(frozenset, X)`` for ``frozenset[X]``."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple, args[0]
    if origin is frozenset and len(args) == 1:
        return frozenset, args[0]
    return None


def _is_months(annotation: Any) -> bool:
    """Service.transactions: ``Sequence[tuple[Month, int]]``, held as MonthlyCounts."""
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is Sequence and bool(args)


def _members(kind: type[enum.Enum]) -> dict[Any, Any]:
    return {member.value: member for member in kind}


# --- dates: a month as year * 100 + month, a day as year * 10000 + month * 100 + day


def _date_number(value: Any) -> int:
    if len(value) == 3:
        return int(value[0] * 10000 + value[1] * 100 + value[2])
    return int(value[0] * 100 + value[1])


def _date_from_number(number: Any, size: int) -> tuple[int, ...]:
    if type(number) is not int:
        raise Damaged("not a date")
    date: tuple[int, ...]
    if size == 3:
        date = (number // 10000, number // 100 % 100, number % 100)
        valid = 1 <= date[2] <= 31
    else:
        date = (number // 100, number % 100)
        valid = True
    if not (valid and 1 <= date[0] <= 9999 and 1 <= date[1] <= 12):
        raise Damaged("not a date")
    return date


_known_months: set[int] = set()
"""Month keys (``year * 100 + month``) already seen valid: most services share them."""


def _check_month_keys(keys: Sequence[int]) -> None:
    if not _known_months.issuperset(keys):
        for key in set(keys):
            if not (1 <= key // 100 <= 9999 and 1 <= key % 100 <= 12):
                raise Damaged("not a month")
        _known_months.update(keys)


# --- a path into a document: its JSON text, so that a key and an index keep their type
# (a column of mixed strings and numbers would take a number for a key)


def _encode_path(value: Any) -> str:
    return json.dumps(list(value), ensure_ascii=False, separators=(",", ":"))


def _decode_path(value: Any) -> tuple[str | int, ...]:
    if type(value) is not str:
        raise Damaged("not a path")
    try:
        steps = json.loads(value)
    except ValueError:
        raise Damaged("not a path") from None
    if type(steps) is not list or not {*map(type, steps)} <= {str, int}:
        raise Damaged("not a path")
    _in_range([s for s in steps if type(s) is int])
    return tuple(steps)


# --- one value


def scalar(annotation: Any) -> Codec:
    """The encoder and decoder of one value of a type annotation of the model."""
    found = _scalars.get(annotation)
    if found is None:
        found = _scalars[annotation] = _make_scalar(annotation)
    return found


_scalars: dict[Any, Codec] = {}


def _make_scalar(annotation: Any) -> Codec:
    simple = {str: frozenset({str}), int: frozenset({int}), bool: frozenset({bool})}
    if annotation in simple:
        allowed = simple[annotation]

        def decode_simple(value: Any) -> Any:
            if type(value) not in allowed or (annotation is int and not 0 <= value <= INT_MAX):
                raise Damaged(f"not a {annotation.__name__}")
            return value

        return _identity, decode_simple
    if _is_path(annotation):
        return _encode_path, _decode_path
    if _is_enum(annotation):
        members = _members(annotation)

        def decode_enum(value: Any) -> Any:
            if type(value) is not str:
                raise Damaged("not an enum value")
            return members[value]

        return operator.attrgetter("value"), decode_enum
    inner = _optional(annotation)
    if inner is not None:
        encode, decode = scalar(inner)
        return (
            lambda value: None if value is None else encode(value),
            lambda value: None if value is None else decode(value),
        )
    size = _date_size(annotation)
    if size is not None:
        return _date_number, lambda value: _date_from_number(value, size)
    if _is_record(annotation):
        return _record(annotation)
    variadic = _variadic(annotation)
    if variadic is not None and _is_record(variadic[1]):
        return _table(variadic[1])
    if variadic is not None:
        build, item = variadic
        item_encode, item_decode = scalar(item)
        ordered = build is frozenset
        plain = simple.get(item)  # str, int, bool: checked all at once, without a call each

        def encode_many(value: Any) -> Any:
            return [item_encode(v) for v in (sorted(value) if ordered else value)]

        def decode_many(value: Any) -> Any:
            if type(value) is not list:
                raise Damaged("not a list")
            if plain is not None:
                _typed(value, len(value), plain)
                if item is int:
                    _in_range(value)
                return build(value)
            return build(map(item_decode, value))

        return encode_many, decode_many
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple and args and args[-1] is not Ellipsis:
        parts = [scalar(a) for a in args]

        def encode_fixed(value: Any) -> Any:
            return [e(v) for (e, _), v in zip(parts, value, strict=True)]

        def decode_fixed(value: Any) -> Any:
            if type(value) is not list or len(value) != len(parts):
                raise Damaged("not a tuple")
            return tuple(d(v) for (_, d), v in zip(parts, value, strict=True))

        return encode_fixed, decode_fixed
    if _is_months(annotation):
        encode_months, decode_months = column(annotation)
        return (
            lambda value: encode_months([value]),
            lambda value: decode_months(value, 1)[0],
        )
    raise TypeError(f"the cache cannot encode {annotation!r}")  # a new kind of model field


def _fields(kind: type[Any]) -> list[tuple[str, Any]]:
    hints = typing.get_type_hints(kind)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(kind)]


def _record(kind: type[Any]) -> Codec:
    """One record: the list of its fields' values."""
    fields = _fields(kind)
    names = [name for name, _ in fields]
    parts = [scalar(annotation) for _, annotation in fields]

    def encode(value: Any) -> Any:
        return [e(getattr(value, n)) for (e, _), n in zip(parts, names, strict=True)]

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != len(parts):
            raise Damaged(f"not a {kind.__name__}")
        return kind(*[d(v) for (_, d), v in zip(parts, value, strict=True)])

    return encode, decode


def _table(kind: type[Any]) -> Codec:
    """A tuple of records: ``[how many, [one column per field]]``."""
    fields = _fields(kind)
    names = [name for name, _ in fields]
    columns = [column(annotation) for _, annotation in fields]

    def encode(value: Any) -> Any:
        rows = list(value)
        return [
            len(rows),
            [e([getattr(r, n) for r in rows]) for (e, _), n in zip(columns, names, strict=True)],
        ]

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != 2:
            raise Damaged(f"not {kind.__name__} records")
        size, data = value
        if type(size) is not int or size < 0 or type(data) is not list:
            raise Damaged(f"not {kind.__name__} records")
        if len(data) != len(columns):
            raise Damaged(f"not {kind.__name__} records")
        decoded = [d(c, size) for (_, d), c in zip(columns, data, strict=True)]
        return tuple(map(kind, *decoded))

    return encode, decode


# --- a column of values (one field of a tuple of records)


def column(annotation: Any) -> ColumnCodec:
    """The encoder and decoder of a column of values of a type annotation."""
    found = _columns.get(annotation)
    if found is None:
        found = _columns[annotation] = _make_column(annotation)
    return found


_columns: dict[Any, ColumnCodec] = {}


def _make_column(annotation: Any) -> ColumnCodec:
    inner = _optional(annotation)
    base = inner if inner is not None else annotation
    none = frozenset({_NONE}) if inner is not None else frozenset()
    if base in (str, bool, int):
        allowed = frozenset({base}) | none

        def decode_plain(value: Any, size: int) -> list[Any]:
            checked = _typed(value, size, allowed)
            if base is int:
                _in_range([v for v in checked if v is not None] if none else checked)
            return checked

        return list, decode_plain
    if _is_enum(base):
        members: dict[Any, Any] = _members(base)
        if none:
            members[None] = None

        def decode_enum(value: Any, size: int) -> list[Any]:
            _typed(value, size, frozenset({str}) | none)
            return list(map(members.__getitem__, value))

        return lambda values: [None if v is None else v.value for v in values], decode_enum
    size = _date_size(base)
    if size is not None:
        return _date_column(size, none)
    variadic = _variadic(base)
    if variadic is not None and inner is None and (variadic[1] is str or _is_enum(variadic[1])):
        return _variadic_column(*variadic)
    if variadic is not None and inner is None and variadic[0] is tuple and _is_record(variadic[1]):
        return _records_column(variadic[1])
    if _is_months(base) and inner is None:
        return _months_column()
    encode, decode = scalar(annotation)

    def decode_each(value: Any, size: int) -> list[Any]:
        if type(value) is not list or len(value) != size:
            raise Damaged("a column of the wrong length")
        return list(map(decode, value))

    return lambda values: [encode(v) for v in values], decode_each


def _date_column(size: int, none: frozenset[type]) -> ColumnCodec:
    def encode(values: list[Any]) -> Any:
        return [None if v is None else _date_number(v) for v in values]

    def decode(value: Any, length: int) -> list[Any]:
        _typed(value, length, frozenset({int}) | none)
        table: dict[Any, Any] = {n: _date_from_number(n, size) for n in set(value) - {None}}
        table[None] = None
        return list(map(table.__getitem__, value))

    return encode, decode


def _variadic_column(build: Callable[[Any], Any], item: Any) -> ColumnCodec:
    is_enum = _is_enum(item)
    members = _members(item) if is_enum else {}
    ordered = build is frozenset

    def encode(values: list[Any]) -> Any:
        return [[x.value if is_enum else x for x in (sorted(v) if ordered else v)] for v in values]

    def decode(value: Any, size: int) -> list[Any]:
        _typed(value, size, frozenset({list}))
        if not {*map(type, chain.from_iterable(value))} <= {str}:
            raise Damaged("not a list of strings")
        keys = list(map(tuple, value))
        if is_enum:  # few distinct combinations: decode each once, share the tuples
            table = {k: build(map(members.__getitem__, k)) for k in set(keys)}
        else:
            table = {k: build(k) for k in set(keys)}
        return list(map(table.__getitem__, keys))

    return encode, decode


def _records_column(kind: type[Any]) -> ColumnCodec:
    """Tuples of records (a service's history): ``[records per row, one table of them all]``,
    so that the many rows without any cost one number each."""
    encode_table, decode_table = _table(kind)
    empty: tuple[Any, ...] = ()

    def encode(values: list[Any]) -> Any:
        return [list(map(len, values)), encode_table([r for value in values for r in value])]

    def decode(value: Any, size: int) -> list[Any]:
        if type(value) is not list or len(value) != 2:
            raise Damaged(f"not {kind.__name__} records")
        lengths = _typed(value[0], size, frozenset({int}))
        _in_range(lengths)
        records = decode_table(value[1])
        if len(records) != sum(lengths):
            raise Damaged(f"not {kind.__name__} records")
        ends = list(accumulate(lengths))
        return [records[a:b] if b > a else empty for a, b in zip([0, *ends], ends, strict=False)]

    return encode, decode


def _months_column() -> ColumnCodec:
    """Monthly counts: ``[pairs per service, base64 of every little-endian 64-bit
    (year * 100 + month, count) pair]``. Any bytes decode to integers, then checked."""

    def encode(values: list[Any]) -> Any:
        data: array[int] = array("q")
        lengths = []
        for value in values:
            counts = value if isinstance(value, MonthlyCounts) else MonthlyCounts(value)
            data.extend(counts._data)
            lengths.append(len(counts))
        if sys.byteorder == "big":  # pragma: no cover - little-endian machines
            data.byteswap()
        return [lengths, binascii.b2a_base64(data.tobytes(), newline=False).decode("ascii")]

    def decode(value: Any, size: int) -> list[Any]:
        if type(value) is not list or len(value) != 2 or type(value[1]) is not str:
            raise Damaged("not monthly counts")
        lengths = _typed(value[0], size, frozenset({int}))
        _in_range(lengths)
        try:
            raw = binascii.a2b_base64(value[1], strict_mode=True)
        except (binascii.Error, ValueError):
            raise Damaged("not monthly counts") from None
        if len(raw) != 16 * sum(lengths):
            raise Damaged("not monthly counts")
        data = array("q")
        data.frombytes(raw)
        if sys.byteorder == "big":  # pragma: no cover - little-endian machines
            data.byteswap()
        keys = data[0::2].tolist()
        if keys:
            if min(data[1::2]) < 0:
                raise Damaged("a negative count")
            _check_month_keys(keys)
            # Within a service months go strictly up; only where a service starts may
            # a month be no later than the one before it.
            out_of_order = compress(count(1), map(operator.ge, keys, keys[1:]))
            if not set(out_of_order) <= set(accumulate(lengths)):
                raise Damaged("months out of order")
        ends = list(accumulate(lengths))
        build = _monthly_counts_from_array
        return [build(data[2 * a : 2 * b]) for a, b in zip([0, *ends], ends, strict=False)]

    return encode, decode
