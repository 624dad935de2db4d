"""The declaration store: pickles past its memory share go to an unlinked temporary file,
come back exactly, and a pickle that does not come back as written is never unpickled."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.model import Declaration
from egov_audit.model.errors import CollectionError
from egov_audit.runner import RunOptions, load_collection
from egov_audit.runner import store as store_module
from egov_audit.runner.store import DeclarationStore, pack


def _declarations(root: Path) -> list[Declaration]:
    return list(load_collection(root, RunOptions()).declarations)


def test_pickles_over_the_memory_share_go_to_a_temporary_file(qom: Path) -> None:
    declarations = _declarations(qom)
    sizes = [len(pack(d)) for d in declarations]
    share = sum(sizes[:10])
    store = DeclarationStore(memory_bytes=share)
    for number, declaration in enumerate(declarations):
        store.add(f"{number}.yaml", declaration)
    assert store.spilled_bytes == sum(sizes[10:])
    assert list(store) == declarations
    assert list(store) == declarations  # a second pass (a report with --compare)
    store.keep_only(["3.yaml", "30.yaml"])
    assert list(store) == [declarations[3], declarations[30]]


def test_the_temporary_file_is_not_in_any_folder(mini: Path, tmp_path: Path) -> None:
    before = set(os.listdir(tempfile.gettempdir()))
    store = DeclarationStore(memory_bytes=0)
    for number, declaration in enumerate(_declarations(mini)):
        store.add(f"{number}.yaml", declaration)
    assert store.spilled_bytes > 0
    assert not {n for n in os.listdir(tempfile.gettempdir()) if "egov-audit-store" in n} - before


def test_a_pickle_changed_in_the_file_is_never_unpickled(mini: Path) -> None:
    store = DeclarationStore(memory_bytes=0)
    declarations = _declarations(mini)
    for number, declaration in enumerate(declarations):
        store.add(f"{number}.yaml", declaration)
    handle = store._spill._file
    assert handle is not None
    data = os.pread(handle.fileno(), store.spilled_bytes, 0)
    os.pwrite(handle.fileno(), bytes([data[5] ^ 1]), 5)  # inside the first pickle
    with pytest.raises(CollectionError, match=r"0\.yaml"):
        store.get("0.yaml")
    assert store.get("1.yaml") == declarations[1]


def test_no_temporary_folder_keeps_them_in_memory(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    store = DeclarationStore(memory_bytes=0)
    declarations = _declarations(mini)
    for number, declaration in enumerate(declarations):
        store.add(f"{number}.yaml", declaration)
    assert store.spilled_bytes == 0
    assert list(store) == declarations


@pytest.mark.parametrize("args", [["--format", "json"], ["--compare", "1398-H1"]])
def test_a_report_from_the_temporary_file_is_the_same(
    qom: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    command = ["report", str(qom), "--period", "1399-H1", "--no-cache", *args]
    in_memory = CliRunner().invoke(app, command)
    monkeypatch.setattr(store_module, "MEMORY_BYTES", 0)
    spilled = CliRunner().invoke(app, command)
    assert in_memory.exit_code == spilled.exit_code == 0
    assert spilled.stdout == in_memory.stdout
