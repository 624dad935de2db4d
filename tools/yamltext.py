"""Writing YAML as text, shared by the Qom and synthetic generators."""

from __future__ import annotations

import json
import re

_PLAIN = re.compile(r"[A-Za-z\u0600-\u06FF][^:#\[\]{},&*!|>'\"%@`]*\Z")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string."""
    if (
        _PLAIN.match(text)
        and not text.endswith(" ")
        and text.lower() not in ("true", "false", "null", "yes", "no", "on", "off")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def slug(text: str) -> str:
    """A service id made from its English name: ``Water bill payment`` -> ``water-bill-payment``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
