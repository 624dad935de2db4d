"""What the strict YAML loader checks outside of converting nodes: the cheap text scans,
the event-stream scan, the node-tree check of anchors, aliases and tags, and the errors
they raise with their positions. See :mod:`egov_audit.io.yamlload`."""

from __future__ import annotations

import re
from typing import Any

import yaml

from egov_audit.model.display import shown
from egov_audit.model.errors import Position, YamlLoadError

DEFAULT_MAX_DEPTH = 32
"""Deepest nesting accepted: the format itself needs 4 levels."""

DEFAULT_MAX_NODES = 500_000
"""Most values (scalars, lists and mappings) a file may hold: each costs a few hundred bytes
once composed, so this bounds a file's memory (to about 200 MB at worst; 8 MiB of one-
character list items composed to 1.6 GB). The largest synthetic declaration (5,000
services, 2.5 MB) holds about 200,000; a province's largest real one about 1,300."""

# libyaml's composer recurses once per level and crashed at about 30,000 levels in the
# builds we measured (recent libyaml stops at 1,000 by itself). A file whose text cannot
# nest deeper than a few thousand levels is composed directly; others are first read as
# an event stream, which streams any depth.
_SAFE_COMPOSE_BOUND = 2000

_EventLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Could this text hold an anchor (&a), alias (*a) or tag (!t)? A superset: a match inside
# a quoted string only costs an extra pass over the event stream.
# libyaml skips a byte-order mark (U+FEFF) at the start of a line, so it counts as a
# separator here too. The loader checks the node tree as well (:func:`check_properties`):
# what this scan misses is still refused.
_MAYBE_NODE_PROPERTY = re.compile(r"(?:^|[\s\ufeff\[\]{},:?-])[&*!][^\s]", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_SAFE_COMPOSE_BOUND},}}", re.MULTILINE)
_COMPACT_RUN = re.compile(rf"(?:[-?:][ \t]+){{{_SAFE_COMPOSE_BOUND},}}")

_SYNTAX_HINT = (
    "Check the indentation and quoting near this place: indent with spaces, not tabs, "
    "and quote values that contain ': ' or ' #'."
)


def mark_position(mark: Any) -> Position:
    """The 1-based position of a libyaml mark."""
    return Position(mark.line + 1, mark.column + 1)


def offset_position(text: str, offset: int) -> Position:
    """The 1-based position of a character offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(text.count("\n", 0, offset) + 1, offset - line_start + 1)


def needs_event_scan(text: str) -> bool:
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


def most_nodes(text: str) -> int:
    """An upper bound of the values the text can hold, from a few character counts.

    Every value begins at an indicator (``-`` ``:`` ``,`` ``?`` ``[`` ``{``) or a line, or
    is the empty value one of them implies: at most about two values per indicator or line
    (1.67 in a fuzzing of YAML-like text); three are counted, so only a file that could be
    too large is read as an event stream first, counting.
    """
    indicators = sum(text.count(char) for char in "-:,?[{") + text.count("\n") + 1
    return 3 * indicators


def scan_events(text: str, max_depth: int, max_nodes: int = DEFAULT_MAX_NODES) -> None:
    """Refuse anchors, aliases, tags, extra documents, deep nesting and too many values
    from the event stream, which holds one event at a time whatever the file's size."""
    depth = 0
    documents = 0
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_EventLoader):
            mark = event.start_mark
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > max_nodes:
                    raise YamlLoadError(
                        "yaml-too-large",
                        f"the file holds more than {max_nodes:,} values (lists, mappings "
                        "and the values in them), the limit",
                        hint="Split the declaration or remove what does not belong in it; "
                        "a declaration of 5,000 services holds about 200,000.",
                        position=mark_position(mark),
                    )
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlLoadError(
                        "yaml-multiple-documents",
                        "the file holds more than one YAML document",
                        hint="Keep one declaration per file and remove the extra '---' "
                        "and what follows it.",
                        position=mark_position(mark),
                    )
            elif isinstance(event, yaml.AliasEvent):
                raise YamlLoadError(
                    "yaml-alias",
                    f"alias '*{shown(event.anchor)}' is not accepted",
                    hint="Write the value out in full; anchors and aliases are not "
                    "accepted in declarations.",
                    position=mark_position(mark),
                )
            elif isinstance(event, yaml.NodeEvent):
                if event.anchor is not None:
                    raise YamlLoadError(
                        "yaml-alias",
                        f"anchor '&{shown(event.anchor)}' is not accepted",
                        hint="Remove the anchor and write each value out in full.",
                        position=mark_position(mark),
                    )
                tag = getattr(event, "tag", None)
                if tag is not None:
                    raise YamlLoadError(
                        "yaml-tag",
                        f"the explicit tag '{shown(tag)}' is not accepted",
                        hint="Remove the tag; quote the value if it must stay text.",
                        position=mark_position(mark),
                    )
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > max_depth:
                        raise too_deep(mark, max_depth)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as error:
        raise syntax_error(error, text) from None


def check_properties(root: yaml.Node, text: str) -> None:
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
                position=mark_position(node.start_mark),
            )
        seen.add(id(node))
        mark = node.start_mark
        first = text[mark.index : mark.index + 1]
        if first == "&":
            raise YamlLoadError(
                "yaml-alias",
                "an anchor ('&') is not accepted",
                hint="Remove the anchor and write each value out in full.",
                position=mark_position(mark),
            )
        if first == "!" or node.tag != "?":
            raise YamlLoadError(
                "yaml-tag",
                "an explicit tag ('!') is not accepted",
                hint="Remove the tag; quote the value if it must stay text.",
                position=mark_position(mark),
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append(value)
                stack.append(key)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def too_deep(mark: Any, max_depth: int) -> YamlLoadError:
    return YamlLoadError(
        "yaml-too-deep",
        f"values are nested more than {max_depth} levels deep",
        hint="A declaration needs only a few levels (services → service → transactions); "
        "check the indentation here.",
        position=mark_position(mark),
    )


def syntax_error(error: yaml.YAMLError, text: str) -> YamlLoadError:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        if error.context and error.context_mark is not None:
            line = error.context_mark.line + 1
            problem = f"{problem} ({error.context} at line {line})"
        position = mark_position(mark) if mark is not None else Position(1, 1)
        if "nesting depth" in problem:  # libyaml's own limit, met while scanning ahead
            return too_deep(mark, DEFAULT_MAX_DEPTH)
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
            position=offset_position(text, offset),
        )
    return YamlLoadError(
        "yaml-syntax", f"invalid YAML: {error}", hint=_SYNTAX_HINT, position=Position(1, 1)
    )
