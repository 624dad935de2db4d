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


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test (and every CLI it starts) gets its own result cache, never the user's."""
    monkeypatch.setenv("EGOV_AUDIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
