"""A strict YAML loader for declarations that arrive from outside.

PyYAML's defaults are wrong for files nobody has looked at: they keep the last of two
duplicate keys, read ``no`` as ``False`` and ``010`` as 8, build dates from
``1399-02-31`` (and crash), expand alias bombs, and libyaml's composer overflows the C stack
on deeply nested input. This loader:

* reads at most ``max_bytes`` and only UTF-8 or UTF-16/UTF-8 with a byte-order mark;
* refuses anchors, aliases, explicit tags, more than one document, complex keys,
  duplicate keys (naming both lines) and nesting deeper than ``max_depth``;
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
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from egov_audit.model.display import shown
from egov_audit.model.errors import Position, YamlLoadError

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
"""Largest file accepted: a province's largest declaration is far below 1 MiB."""

DEFAULT_MAX_DEPTH = 32
"""Deepest nesting accepted: the format itself needs 4 levels."""

MAX_INTEGER_DIGITS = 100
"""Longest integer read: counts are at most 10^12 (13 digits), and Python refuses to read
integers of more than 4,300 digits at all. A longer one is a ``yaml-too-large`` finding."""

# libyaml's composer recurses once per level and crashed at about 30,000 levels in the
# builds we measured (recent libyaml stops at 1,000 by itself). A file whose text cannot
# nest deeper than a few thousand levels is composed directly; others are first read as
# an event stream, which streams any depth.
_SAFE_COMPOSE_BOUND = 2000

_EventLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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

_INT = re.compile(r"[-+]?[0-9]+\Z")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})

# Could this text hold an anchor (&a), alias (*a) or tag (!t)? A superset: a match inside
# a quoted string only costs an extra pass over the event stream.
# libyaml skips a byte-order mark (U+FEFF) at the start of a line, so it counts as a
# separator here too. The loader checks the node tree as well (:func:`_check_properties`):
# what this scan misses is still refused.
_MAYBE_NODE_PROPERTY = re.compile(r"(?:^|[\s\ufeff\[\]{},:?-])[&*!][^\s]", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_SAFE_COMPOSE_BOUND},}}", re.MULTILINE)
_COMPACT_RUN = re.compile(rf"(?:[-?:][ \t]+){{{_SAFE_COMPOSE_BOUND},}}")

_SYNTAX_HINT = (
    "Check the indentation and quoting near this place: indent with spaces, not tabs, "
    "and quote values that contain ': ' or ' #'."
)


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded YAML document: its plain Python ``data`` and the node tree it came from."""

    data: Any
    root: yaml.Node

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

    def position(self, path: Sequence[str | int]) -> Position:
        """Where the value at ``path`` starts (its container's start if the path is absent)."""
        node, _ = self._walk(path)
        return _position(node.start_mark)

    def key_position(self, path: Sequence[str | int]) -> Position:
        """Where the key of the value at ``path`` starts (the value's place if it has none)."""
        node, key = self._walk(path)
        return _position((key or node).start_mark)


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _offset_position(text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)


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
) -> Document:
    """Read and load one YAML file strictly; see the module documentation."""
    data = read_file(path, max_bytes=max_bytes)
    return load_bytes(data, max_bytes=max_bytes, max_depth=max_depth)


def load_bytes(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
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
    return load_text(_decode(data), max_depth=max_depth)


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
        where = _offset_position(prefix, len(prefix))
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
            position=_offset_position(text, nul),
        )
    return text


def load_text(text: str, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Document:
    """Load one YAML document from text strictly; see the module documentation."""
    scanned = _needs_event_scan(text)
    if scanned:
        _scan_events(text, max_depth)
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
                    position=_position(node.start_mark),
                )
            roots.append(node)
    except yaml.YAMLError as error:
        raise _syntax_error(error, text) from None
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
        _check_properties(root, text)
    return Document(_convert(root, 1, max_depth), root)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULL


def _needs_event_scan(text: str) -> bool:
    """Whether the text could hold an anchor, alias or tag, or nest dangerously deep.

    Cheap substring tests first: most declarations have no ``*`` or ``!`` at all, and a
    regular expression only runs when one of the characters occurs.
    """
    if ("&" in text or "*" in text or "!" in text) and _MAYBE_NODE_PROPERTY.search(text):
        return True
    if text.count("[") + text.count("{") >= _SAFE_COMPOSE_BOUND * 5:
        return True
    if " " * _SAFE_COMPOSE_BOUND in text or ("\t" in text and _DEEP_INDENT.search(text)):
        return True
    return ("- -" in text or "? " in text) and _COMPACT_RUN.search(text) is not None


def _scan_events(text: str, max_depth: int) -> None:
    """Refuse anchors, aliases, tags, extra documents and deep nesting from the event stream."""
    depth = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            mark = event.start_mark
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlLoadError(
                        "yaml-multiple-documents",
                        "the file holds more than one YAML document",
                        hint="Keep one declaration per file and remove the extra '---' "
                        "and what follows it.",
                        position=_position(mark),
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise YamlLoadError(
                    "yaml-alias",
                    f"alias '*{shown(event.anchor)}' is not accepted",
                    hint="Write the value out in full; anchors and aliases are not "
                    "accepted in declarations.",
                    position=_position(mark),
                )
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    raise YamlLoadError(
                        "yaml-alias",
                        f"anchor '&{shown(event.anchor)}' is not accepted",
                        hint="Remove the anchor and write each value out in full.",
                        position=_position(mark),
                    )
                tag = getattr(event, "tag", None)
                if tag is not None:
                    raise YamlLoadError(
                        "yaml-tag",
                        f"the explicit tag '{shown(tag)}' is not accepted",
                        hint="Remove the tag; quote the value if it must stay text.",
                        position=_position(mark),
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > max_depth:
                        raise _too_deep(mark, max_depth)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise _syntax_error(error, text) from None


def _check_properties(root: yaml.Node, text: str) -> None:
    """Refuse anchors, aliases and tags in the composed node tree itself.

    The event scan refuses them when the text scan says they could occur; this is the
    check that holds whatever that scan misses. A node written with a property starts at
    it (its mark points at ``&`` or ``!``); an explicit tag other than ``!`` is also kept
    on the node; an alias is the very node its anchor names, met a second time. Every
    node is visited once, so an alias bomb costs its size, not its expansion.
    """
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlLoadError(
                "yaml-alias",
                "an alias repeats the value at this place, which is not accepted",
                hint="Write the value out in full; anchors and aliases are not "
                "accepted in declarations.",
                position=_position(node.start_mark),
            )
        seen.add(id(node))
        mark = node.start_mark
        first = text[mark.index : mark.index + 1]
        if first == "&":
            raise YamlLoadError(
                "yaml-alias",
                "an anchor ('&') is not accepted",
                hint="Remove the anchor and write each value out in full.",
                position=_position(mark),
            )
        if first == "!" or node.tag != "?":
            raise YamlLoadError(
                "yaml-tag",
                "an explicit tag ('!') is not accepted",
                hint="Remove the tag; quote the value if it must stay text.",
                position=_position(mark),
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append(value)
                stack.append(key)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _too_deep(mark: Any, max_depth: int) -> YamlLoadError:
    return YamlLoadError(
        "yaml-too-deep",
        f"values are nested more than {max_depth} levels deep",
        hint="A declaration needs only a few levels (services → service → transactions); "
        "check the indentation here.",
        position=_position(mark),
    )


def _syntax_error(error: yaml.YAMLError, text: str) -> YamlLoadError:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if error.context and error.context_mark is not None:
            line = error.context_mark.line + 1
            problem = f"{problem} ({error.context} at line {line})"
        position = _position(mark) if mark is not None else Position(1, 1)
        if "nesting depth" in problem:  # libyaml's own limit, met while scanning ahead
            return _too_deep(mark, DEFAULT_MAX_DEPTH)
        return YamlLoadError(
            "yaml-syntax",
            f"invalid YAML: {shown(problem, 200)}",
            hint=_SYNTAX_HINT,
            position=position,
        )
    if isinstance(error, yaml.reader.ReaderError):
        offset = max(0, min(int(error.position), len(text)))
        return YamlLoadError(
            "yaml-syntax",
            f"invalid YAML: the character U+{error.character:04X} is not allowed"
            if isinstance(error.character, int)
            else f"invalid YAML: {error.reason}",
            hint="Remove the control character (often pasted from another program).",
            position=_offset_position(text, offset),
        )
    return YamlLoadError(
        "yaml-syntax", f"invalid YAML: {error}", hint=_SYNTAX_HINT, position=Position(1, 1)
    )


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
        raise _too_deep(node.start_mark, max_depth)
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
                position=_position(key.start_mark),
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
    first = _position(first_key.start_mark)
    here = _position(key.start_mark)
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
        position=_position(node.start_mark),
    )
