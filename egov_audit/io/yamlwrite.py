"""Writing YAML text that reads back exactly, for the declarations egov-audit writes."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import yaml

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._()/,'-]*")


def yaml_str(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (plain when that is safe)."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and ": " not in text:
        try:
            if yaml.safe_load(text) == text:
                return text
        except (yaml.YAMLError, ValueError):
            pass
    return json.dumps(text, ensure_ascii=False)


def yaml_str_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def yaml_flow(items: Sequence[str]) -> str:
    """A flow sequence of ids and codes (``[portal, kiosk]``), quoting what needs it."""
    parts = [
        item if re.fullmatch(r"[a-z0-9][a-z0-9/_-]*", item) else yaml_str_quoted(item)
        for item in items
    ]
    return "[" + ", ".join(parts) + "]"
