"""Shared fixtures: paths of the bundled sample and the hand-made test collections."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def qom() -> Path:
    """The bundled Qom sample collection."""
    return ROOT / "inventories" / "qom"


@pytest.fixture
def mini() -> Path:
    """A hand-made four-agency collection whose figures are worked out in the tests."""
    return DATA / "collections" / "mini"
