"""Bounds on what the tool accepts from outside, shared by the layers that enforce them.

SECURITY.md lists every limit with what the tool does when it is exceeded.
"""

from __future__ import annotations

MAX_COUNT = 10**12
"""Largest monthly transaction count (and channel share of one) a declaration may state.

The agency schema's ``maximum`` (``schemas/agency.schema.json``) says the same; a test keeps
them equal. No service completes a trillion transactions in a month (the world has fewer
than 10^10 people), and the bound keeps every sum the report makes exact in the 64-bit
integers that hold monthly counts."""
