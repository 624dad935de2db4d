"""Adding entries to services' ``history`` in a declaration's text, keeping everything else.

The declaration is edited as text, not re-written from its data: comments, order, quoting
and every hand-written entry stay as they are. A service without a ``history`` gets one
after its ``status``, ``in_person_steps`` or ``channels`` (whichever comes last), indented
like its other fields; a block ``history`` list gets each new entry before the first entry
dated later, indented like its entries. A ``history`` written in flow style
(``history: [...]``) is not edited: :class:`HistoryEditError` names the service.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml

from egov_audit.io.yamlload import load_text
from egov_audit.io.yamlwrite import yaml_flow, yaml_str_quoted
from egov_audit.model import HistoryEntry
from egov_audit.model.calendars import format_day
from egov_audit.model.errors import UsageError

BOM = "\ufeff"


class HistoryEditError(UsageError):
    """A history the text edit cannot extend (written in flow style, or not a list)."""


def entry_text(entry: HistoryEntry) -> str:
    """An entry as a one-line flow mapping: ``{on: "1398-07-10", status: partial, ...}``."""
    parts = [f'on: "{format_day(entry.on)}"', f"status: {entry.status.value}"]
    if entry.channels:
        parts.append(f"channels: {yaml_flow([c.value for c in entry.channels])}")
    if entry.in_person_steps:
        parts.append(f"in_person_steps: {yaml_str_quoted(entry.in_person_steps)}")
    return "{" + ", ".join(parts) + "}"


def _last_line(node: yaml.Node) -> int:
    """The 0-based number of the last line holding any of the node's text."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        if node.style in ("|", ">") and end.column == 0:
            return int(end.line) - 1
        return int(end.line)
    if getattr(node, "flow_style", False):
        return int(node.end_mark.line)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            children += [key, value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    return max((_last_line(c) for c in children), default=int(node.start_mark.line))


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if k.value == key), None)


def _services(root: yaml.Node) -> list[yaml.Node]:
    services = _value(root, "services") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(services, yaml.SequenceNode):
        raise HistoryEditError("the declaration has no list of services to add history to")
    if services.flow_style:
        raise HistoryEditError(
            f"the list of services (line {services.start_mark.line + 1}) is written in flow "
            "style ('[...]'); write it as '- ...' lines, or add the entries by hand"
        )
    return list(services.value)


def _insertions(
    lines: list[str], service: yaml.Node, service_id: str, entries: Sequence[HistoryEntry]
) -> list[tuple[int, list[str]]]:
    """Where (0-based line numbers, inserted before) and which lines to add for one service."""
    if not isinstance(service, yaml.MappingNode) or not service.value:
        raise HistoryEditError(f"service '{service_id}' is not a mapping of fields")
    if service.flow_style:
        raise HistoryEditError(
            f"service '{service_id}' (line {service.start_mark.line + 1}) is written in flow "
            "style ('{...}'); write its fields one per line, or add the entries by hand"
        )
    history = _value(service, "history")
    if history is None:
        indent = " " * int(service.value[0][0].start_mark.column)
        anchors = [
            v for k, v in service.value if k.value in ("status", "in_person_steps", "channels")
        ]
        after = max((_last_line(v) for v in anchors), default=_last_line(service)) + 1
        new = [f"{indent}history:"] + [f"{indent}  - {entry_text(e)}" for e in entries]
        return [(after, new)]
    if not isinstance(history, yaml.SequenceNode) or history.flow_style or not history.value:
        raise HistoryEditError(
            f"the history of service '{service_id}' (line {history.start_mark.line + 1}) is "
            "not a block list ('- ...' lines); add the entries by hand"
        )
    items = list(history.value)
    first = items[0].start_mark
    dash = lines[first.line].rfind("-", 0, first.column)
    indent = " " * max(dash, 0)
    found: dict[int, list[str]] = {}
    for entry in sorted(entries, key=lambda e: e.on):
        before = next((item for item in items if _on(item) > format_day(entry.on)), None)
        where = before.start_mark.line if before is not None else _last_line(items[-1]) + 1
        found.setdefault(int(where), []).append(f"{indent}- {entry_text(entry)}")
    return sorted(found.items())


def _on(item: yaml.Node) -> str:
    value = _value(item, "on") if isinstance(item, yaml.MappingNode) else None
    return str(value.value) if isinstance(value, yaml.ScalarNode) else ""


def add_history(text: str, additions: Mapping[int, tuple[str, Sequence[HistoryEntry]]]) -> str:
    """``text`` with the entries added: ``additions`` maps a service's index in ``services``
    to its id and the entries to add. Raises :class:`HistoryEditError` for a history this
    edit cannot extend, and ``YamlLoadError`` for text that is not a declaration."""
    bom = BOM if text.startswith(BOM) else ""
    body = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in body else "\n"
    lines = body.split(newline)
    services = _services(load_text(body).root)
    insertions: list[tuple[int, list[str]]] = []
    for index, (service_id, entries) in additions.items():
        if entries:
            insertions += _insertions(lines, services[index], service_id, entries)
    # Past the last line, entries go before the empty string a final newline leaves.
    last = len(lines) - 1 if lines[-1] == "" else len(lines)
    for where, new in sorted(insertions, key=lambda item: item[0], reverse=True):
        lines[min(where, last) : min(where, last)] = new
    return bom + newline.join(lines)
