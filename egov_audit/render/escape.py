"""Escaping outside text (names, keys, file names) for the formats the renderers write.

Every renderer shows user text literally: :func:`~egov_audit.model.display.printable` for
line-based text, and here what Markdown and XML need on top of it. (HTML escapes in its
templates; JSON and CSV quote by their own rules.)
"""

from __future__ import annotations

import re

from egov_audit.model.display import printable

# Backslash first: it escapes the others. `|` ends a table cell; a backtick opens code;
# brackets make links and, after `!`, images; angle brackets open HTML; `*`, `_` and `~`
# make emphasis and strike-through; `&` starts an entity.
_MARKDOWN_SPECIAL = re.compile(r"([\\|`\[\]<>*_~&])")
# XML 1.0 allows tab, line ends and these ranges only (printable() already escaped the
# control characters and lone surrogates; the two non-characters are left).
_NOT_XML = re.compile("[\ufffe\uffff]")


def markdown_text(text: str) -> str:
    """``text`` for a Markdown table cell, heading or list item: on one line, with the
    characters that could end a cell or start code, a link, an image, HTML, an entity,
    emphasis or strike-through escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(text))


def code_span(text: str, *, in_table: bool = False) -> str:
    """``text`` as an inline code span, whatever backticks it holds (in a table cell, its
    pipes are escaped, which GitHub's tables undo inside code)."""
    safe = printable(text)
    if in_table:
        safe = safe.replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", safe)), default=0)
    fence = "`" * (longest + 1)
    if longest or safe.startswith(" ") or safe.endswith(" "):
        safe = f" {safe} "
    return f"{fence}{safe}{fence}"


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 may hold it (in an element or an attribute, before the
    serializer's own escaping of ``<``, ``&`` and quotes)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))
