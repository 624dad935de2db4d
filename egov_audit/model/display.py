"""Showing text that came from outside (keys, names, file names) in messages and outputs.

A value is shown literally but safely: control characters, line and paragraph
separators, bidirectional overrides and undecodable bytes are written as escapes
(``\\x1b``, ``\\n``, ``\\u202e``), so that a name can neither move the cursor, colour the
terminal nor start a new line of output; and a long value is cut to its start, so that a
message never carries more than the offending value's beginning.
"""

from __future__ import annotations

import re

SHOWN_LENGTH = 80
"""Characters of an outside value a message shows before cutting it with an ellipsis."""

# C0 and C1 controls (tab and line ends included), DEL, the Unicode line and paragraph
# separators, bidirectional embeddings, overrides and isolates, and the lone surrogates
# that stand for undecodable bytes in file names (os.fsdecode's surrogateescape).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could act on a terminal or a line-based format
    written as an escape; other text (Persian, Greek, emoji) is unchanged."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def printable_lines(text: str) -> str:
    """:func:`printable` line by line: a message's own line breaks stay, every other
    control character is escaped."""
    return "\n".join(printable(line) for line in text.split("\n"))


def shorten(text: str, limit: int = SHOWN_LENGTH) -> str:
    """``text`` cut to ``limit`` characters, the last an ellipsis, when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: object, limit: int = SHOWN_LENGTH) -> str:
    """An outside value as a message shows it: shortened, then made printable.

    Integers too long to write in decimal (Python refuses more than 4,300 digits) are
    described by their size instead.
    """
    if isinstance(value, int) and value.bit_length() > 3 * limit + 10:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    return printable(shorten(str(value), limit))
