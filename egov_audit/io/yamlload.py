"""A strict YAML loader for declarations that arrive from outside.

PyYAML's defaults are wrong for files nobody has looked at: they keep the last of two
duplicate keys, read ``no`` as ``False`` and ``010`` as 8, build dates from
``1399-02-31`` (and crash), expand alias bombs, and libyaml's composer overflows the C stack
on deeply nested input. This loader:

* reads at most ``max_bytes`` and only UTF-8 or UTF-16/UTF-8 with a byte-order mark;
* refuses anchors, aliases, explicit tags, more than one document, complex keys,
  duplicate keys (naming both lines), nesting deeper than ``max_depth``, more than
  ``max_nodes`` values (counted on the event stream before anything is composed, so a
  file's memory is bounded) and integers of more than ``MAX_INTEGER_DIGITS`` digits;
* converts scalars as the YAML 1.2 core schema does for the values a declaration needs:
  only plain ``true``/``false``, ``null`` (``~`` or empty) and decimal integers change type;
  everything else, dates and months included, stays the string that was written;
* keeps the composed node tree so that any path into the data maps back to a line and
  column (:meth:`Document.position`).

Every refusal is a :class:`~egov_audit.model.errors.YamlLoadError` with a rule id, a message, a
hint and a position; no input makes it raise anything else, hang or crash.

It composes with libyaml (``CSafeLoader``) and converts the nodes itself, which is faster
than ``yaml.load`` and keeps positions for free. A cheap text scan decides whether the
file could hold an anchor, alias, tag or deep nesting; only then is the event stream read
first, because the event parser streams any depth while the composer would crash.
Whatever that scan misses (a byte-order mark at the start of a line once hid anchors from
it), the composed node tree is checked for anchors, aliases and tags before any value is
converted, visiting each node once, so an alias bomb is refused at its first anchor.

When the optional compiled reader was built (:mod:`egov_audit.io._fastyaml`, libyaml's
event parser driven from C), it reads an ordinary file first, straight into the data with
the same scalar rules, and gives up on anything unusual (any anchor, alias, tag, directive,
extra or empty document, complex or duplicate key, deep nesting, too many values, too long
an integer, any syntax error), which the path above then reads and refuses exactly as
before. The node tree of a document it read is composed only when a position is asked for.
``EGOV_AUDIT_PURE_YAML=1`` turns it off.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Sequence
from typing import Any

import yaml

from egov_audit.io import yamlscan
from egov_audit.io.yamlscan import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    check_properties,
    mark_position,
    offset_position,
    scan_events,
    syntax_error,
    too_deep,
)
from egov_audit.model.display import shown
from egov_audit.model.errors import Position, YamlLoadError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_NODES",
    "MAX_INTEGER_DIGITS",
    "Document",
    "load_bytes",
    "load_file",
    "load_text",
    "loader_name",
    "read_file",
]

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""Largest file accepted: a province's largest declaration is far below 1 MiB."""

MAX_INTEGER_DIGITS = 100
"""Longest integer read: counts are at most 10^12 (13 digits), and Python refuses to read
integers of more than 4,300 digits at all. A longer one is a ``yaml-too-large`` finding."""


_Loader: type[Any]

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml: slower, same result
    _Loader = yaml.SafeLoader
else:

    class _FastLoader(CParser, yaml.resolver.BaseResolver):
        """libyaml's parser and composer with a resolver that does nothing.

        Tags are never used (scalars are converted by :func:`_scalar` from their style
        and text), so the per-node tag resolution PyYAML does in Python is skipped: it
        costs about as much as the composition itself.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return "?"

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

    _Loader = _FastLoader

_fast_load: Callable[[str, int, int], Any] | None = None
_fast_marks: Callable[[str], tuple[Any, ...] | None] | None = None
"""The compiled reader (:mod:`egov_audit.io._fastyaml`), when it was built and
``EGOV_AUDIT_PURE_YAML`` is not set: it returns the data of an ordinary document, or None
for anything unusual, which the pure-Python path then reads (and refuses) as before."""

if os.environ.get("EGOV_AUDIT_PURE_YAML", "") in ("", "0"):
    try:
        from egov_audit.io import _fastyaml
    except ImportError:  # not built (no compiler or libyaml at install): pure Python
        pass
    else:
        _fast_load, _fast_marks = _fastyaml.load, _fastyaml.marks


def loader_name() -> str:
    """Which loader reads ordinary files: ``compiled`` or ``pure-python``."""
    return "compiled" if _fast_load is not None else "pure-python"


_INT = re.compile(r"[-+]?[0-9]+\Z")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})


class Document:
    """A loaded YAML document: its plain Python ``data`` and the node tree it came from.

    The compiled reader builds the data without a node tree. Positions then come from its
    second pass over the kept text, made when the first position is asked for (the start
    marks of the same libyaml events PyYAML composes nodes from); :attr:`root` is composed
    from the text only when it is itself asked for.
    """

    __slots__ = ("_marks", "_root", "_text", "data")

    def __init__(self, data: Any, root: yaml.Node | None = None, *, text: str = "") -> None:
        self.data = data
        self._root = root
        self._text = text
        self._marks: tuple[Any, ...] | None = None

    def __repr__(self) -> str:
        return f"Document(data={self.data!r})"

    @property
    def root(self) -> yaml.Node:
        """The composed node tree of the document (composed now if it was not)."""
        if self._root is None:
            self._root = _compose(self._text)
        return self._root

    def _walk(self, path: Sequence[str | int]) -> tuple[yaml.Node, yaml.Node | None]:
        """The node at ``path`` (or the deepest one reached) and the key node leading to it."""
        node: yaml.Node = self.root
        key_node: yaml.Node | None = None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == step:
                        node, key_node = value, key
                        break
                else:
                    return node, key_node
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node, key_node
                node, key_node = node.value[step], None
            else:
                return node, key_node
        return node, key_node

    def _find(self, path: Sequence[str | int]) -> tuple[Position, Position | None]:
        """Where the value at ``path`` starts, and its key (None when it has none)."""
        if self._root is None and self._marks is None and _fast_marks is not None:
            self._marks = _fast_marks(self._text)
        if self._root is None and self._marks is not None:
            return _walk_marks(self._marks, path)
        node, key = self._walk(path)
        return mark_position(node.start_mark), (
            mark_position(key.start_mark) if key is not None else None
        )

    def position(self, path: Sequence[str | int]) -> Position:
        """Where the value at ``path`` starts (its container's start if the path is absent)."""
        return self._find(path)[0]

    def key_position(self, path: Sequence[str | int]) -> Position:
        """Where the key of the value at ``path`` starts (the value's place if it has none)."""
        value, key = self._find(path)
        return key or value


def _walk_marks(
    marks: tuple[Any, ...], path: Sequence[str | int]
) -> tuple[Position, Position | None]:
    """:meth:`Document._walk` over the compiled reader's marks (see ``_fastyaml.marks``)."""
    line, column, children = marks
    key: Position | None = None
    for step in path:
        if type(children) is dict:
            entry = children.get(step)
            if entry is None:
                break
            key = Position(entry[0] + 1, entry[1] + 1)
            line, column, children = entry[2], entry[3], entry[4]
        elif type(children) is list and isinstance(step, int):
            if not 0 <= step < len(children):
                break
            line, column, children = children[step]
            key = None
        else:
            break
    return Position(line + 1, column + 1), key


def read_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes + 1`` of them (enough to refuse it)."""
    try:
        # stat first: opening a FIFO or a device for reading could block forever.
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise YamlLoadError(
                "file-unreadable",
                "is a folder, not a YAML file",
                hint="Give the path of a YAML file or of a collection folder.",
            )
        if not stat.S_ISREG(info.st_mode):
            raise YamlLoadError(
                "file-unreadable",
                "is not a regular file",
                hint="Give the path of a YAML file or of a collection folder.",
            )
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise YamlLoadError(
            "file-unreadable",
            f"cannot be read: {reason.lower()}",
            hint="Check that the file exists and that you may read it.",
        ) from None


def load_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Document:
    """Read and load one YAML file strictly; see the module documentation."""
    data = read_file(path, max_bytes=max_bytes)
    return load_bytes(data, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)


def load_bytes(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> Document:
    """Load one YAML document from raw bytes strictly; see the module documentation."""
    if len(data) > max_bytes:
        raise YamlLoadError(
            "yaml-too-large",
            f"the file is larger than the limit of {max_bytes:,} bytes",
            hint="Split the declaration or remove what does not belong in it; "
            "a declaration is normally well under 1 MiB.",
            position=Position(1, 1),
        )
    return load_text(_decode(data), max_depth=max_depth, max_nodes=max_nodes)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise YamlLoadError(
            "yaml-encoding",
            "the file is UTF-32, which is not accepted",
            hint="Save the file as UTF-8.",
            position=Position(1, 1),
        )
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8", data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding == "utf-16":
            raise YamlLoadError(
                "yaml-encoding",
                "the file starts with a UTF-16 byte-order mark but is not valid UTF-16",
                hint="Save the file as UTF-8.",
                position=Position(1, 1),
            ) from None
        prefix = body[: error.start].decode("utf-8", errors="replace")
        where = offset_position(prefix, len(prefix))
        raise YamlLoadError(
            "yaml-encoding",
            f"the file is not valid UTF-8 (byte 0x{body[error.start]:02X} at line "
            f"{where.line}); it was probably saved in a legacy code page such as Windows-1256",
            hint="Save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8).",
            position=where,
        ) from None
    text = text.removeprefix("\ufeff")
    nul = text.find("\x00")
    if nul >= 0:
        raise YamlLoadError(
            "yaml-encoding",
            "the file contains NUL characters: it is probably UTF-16 without a byte-order mark",
            hint="Save the file as UTF-8.",
            position=offset_position(text, nul),
        )
    return text


def load_text(
    text: str, *, max_depth: int = DEFAULT_MAX_DEPTH, max_nodes: int = DEFAULT_MAX_NODES
) -> Document:
    """Load one YAML document from text strictly; see the module documentation."""
    if _fast_load is not None:
        data = _fast_load(text, max_depth, max_nodes)
        if data is not None:  # None: anything unusual, which the pure loader decides
            return Document(data, text=text)
    scanned = yamlscan.needs_event_scan(text) or yamlscan.most_nodes(text) > max_nodes
    if scanned:
        scan_events(text, max_depth, max_nodes)
    loader = _Loader(text)
    try:
        roots: list[yaml.Node] = []
        while loader.check_node():
            node = loader.get_node()
            if roots:
                raise YamlLoadError(
                    "yaml-multiple-documents",
                    "the file holds more than one YAML document",
                    hint="Keep one declaration per file and remove the extra '---' "
                    "and what follows it.",
                    position=mark_position(node.start_mark),
                )
            roots.append(node)
    except yaml.YAMLError as error:
        raise syntax_error(error, text) from None
    finally:
        loader.dispose()
    if not roots or _is_empty(roots[0]):
        raise YamlLoadError(
            "yaml-empty",
            "the file holds no YAML document",
            hint="Write the declaration (see `egov-audit schema agency`), or remove the file.",
            position=Position(1, 1),
        )
    root = roots[0]
    if not scanned and ("&" in text or "!" in text):
        check_properties(root, text)
    return Document(_convert(root, 1, max_depth), root)


def _compose(text: str) -> yaml.Node:
    """The node tree of the first document of a text the compiled reader has read.

    The same composition as :func:`load_text`'s, so positions are the same; the text is
    known to hold one document, nested no deeper than the limit.
    """
    loader = _Loader(text)
    try:
        if loader.check_node():
            node: yaml.Node = loader.get_node()
            return node
    except yaml.YAMLError as error:
        raise syntax_error(error, text) from None
    finally:
        loader.dispose()
    raise YamlLoadError(  # pragma: no cover - the compiled reader found a document
        "yaml-empty",
        "the file holds no YAML document",
        hint="Write the declaration (see `egov-audit schema agency`), or remove the file.",
        position=Position(1, 1),
    )


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULL


_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode
_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(_NULL),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}
# A plain scalar can only change type if it starts with one of these characters.
_SPECIAL_START = frozenset("~nNtTfF+-0123456789")


def _convert(node: yaml.Node, depth: int, max_depth: int) -> Any:
    """The Python value of a node; written for speed, it runs once per node of every file."""
    kind = type(node)
    if kind is _ScalarNode:
        return _scalar(node)  # type: ignore[arg-type]
    if depth > max_depth:
        raise too_deep(node.start_mark, max_depth)
    depth += 1
    if kind is _SequenceNode:
        return [
            _scalar(item) if type(item) is _ScalarNode else _convert(item, depth, max_depth)
            for item in node.value
        ]
    result: dict[str, Any] = {}
    for key, value in node.value:
        if type(key) is not _ScalarNode:
            raise YamlLoadError(
                "yaml-complex-key",
                "a mapping key must be a plain value, not a list or a mapping",
                hint="Write the key as text, e.g. `name:`.",
                position=mark_position(key.start_mark),
            )
        name = key.value
        if name in result:
            raise _duplicate_key(node, key)
        result[name] = (
            _scalar(value) if type(value) is _ScalarNode else _convert(value, depth, max_depth)
        )
    return result


def _duplicate_key(mapping: yaml.Node, key: yaml.Node) -> YamlLoadError:
    first_key = next(k for k, _ in mapping.value if k.value == key.value)
    first = mark_position(first_key.start_mark)
    here = mark_position(key.start_mark)
    return YamlLoadError(
        "yaml-duplicate-key",
        f"the key '{shown(key.value)}' appears twice in one mapping "
        f"(lines {first.line} and {here.line})",
        hint="Keep one of them: YAML tools disagree on which one wins.",
        position=here,
        related=first,
    )


def _scalar(node: yaml.ScalarNode) -> Any:
    """YAML 1.2 core: only plain null, booleans and decimal integers change type."""
    value: str = node.value
    if node.style or value[:1] not in _SPECIAL_START:  # quoted, block, or plain text
        if value or node.style:
            return value
        return None  # an empty plain scalar is null
    if value in _CONSTANTS:
        return _CONSTANTS[value]
    if _INT.match(value):
        if len(value) > MAX_INTEGER_DIGITS + 1:  # a sign may come first
            raise _too_many_digits(node)
        return int(value)
    return value


def _too_many_digits(node: yaml.ScalarNode) -> YamlLoadError:
    digits = sum(c.isdigit() for c in node.value)
    return YamlLoadError(
        "yaml-too-large",
        f"a number of {digits:,} digits is larger than any value a declaration holds "
        f"(numbers are read up to {MAX_INTEGER_DIGITS} digits)",
        hint="Correct the number; quote it if it is meant as text.",
        position=mark_position(node.start_mark),
    )
