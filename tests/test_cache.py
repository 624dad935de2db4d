"""The result cache through the real CLI: it cannot run code, damage never changes a figure,
it stays under its size bound, and a folder that cannot be used is simply not used."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


def _cache_dir() -> Path:
    return Path(os.environ["EGOV_AUDIT_CACHE_DIR"])


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def _cli(*args: str, env: Mapping[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exit_code == 3:
        pytest.fail(f"internal error: {result.stderr}")
    return result.exit_code, result.stdout, result.stderr


def _report(root: Path) -> tuple[int, str, str]:
    return _cli("report", str(root), "--format", "json", "--period", "1399")


class _RunsCode:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_never_runs(mini: Path, tmp_path: Path) -> None:
    """Whoever can write the cache folder must not run code as the next user."""
    first = _report(mini)
    cache = _cache_dir()
    entries = _entries(cache)
    assert entries
    marker = tmp_path / "ran"
    for entry in entries:
        entry.write_bytes(pickle.dumps(_RunsCode(marker)))
    assert _report(mini) == first
    assert _cli("validate", str(mini))[0] == 0
    assert not marker.exists()


def test_entries_are_not_pickles(qom: Path) -> None:
    _cli("report", str(qom), "--format", "json")
    for entry in _entries(_cache_dir()):
        data = entry.read_bytes()
        assert not data.startswith(b"\x80"), entry  # a pickle's protocol opcode
        assert b"egov-audit-cache" in data[:40], entry


def _mutations(data: bytes) -> list[bytes]:
    """One changed byte at spread offsets, truncations, and junk appended."""
    step = max(1, len(data) // 23)
    changed = [
        data[:i] + bytes([data[i] ^ (1 if data[i : i + 1].isdigit() else 0x20)]) + data[i + 1 :]
        for i in range(0, len(data), step)
    ]
    cut = [data[: len(data) // 2], data[:-1], b"", data[:10]]
    return [*changed, *cut, data + b"0", data + b"\n" + data]


def test_damage_to_any_entry_never_changes_a_figure(mini: Path) -> None:
    """A damaged, truncated or padded entry is detected, ignored and rewritten."""
    first = _report(mini)
    validated = _cli("validate", str(mini), "--format", "json")
    cache = _cache_dir()
    pristine = {p: p.read_bytes() for p in _entries(cache)}
    for target, data in pristine.items():
        for damaged in _mutations(data):
            for path, original in pristine.items():
                path.write_bytes(original)
            target.write_bytes(damaged)
            assert _report(mini) == first, (target.name, damaged[:80])
            assert target.read_bytes() != damaged or damaged == data
    for path, original in pristine.items():
        path.write_bytes(original)
    for target in pristine:
        target.write_bytes(b"\x00" * 10)
    assert _cli("validate", str(mini), "--format", "json") == validated


def test_one_changed_count_is_detected(mini: Path) -> None:
    """The changed byte that once made a year's total 139 trillion."""
    first = _report(mini)
    for entry in _entries(_cache_dir()):
        data = bytearray(entry.read_bytes())
        for i in range(len(data) - 1, 0, -1):
            if chr(data[i]).isalnum():
                data[i] = ord("Z") if data[i] != ord("Z") else ord("Y")
                break
        entry.write_bytes(bytes(data))
    assert _report(mini) == first


def test_well_framed_entries_of_the_wrong_shape_are_refused(mini: Path) -> None:
    """An entry whose checksum matches but whose content is not a result is not trusted."""
    from egov_audit.runner.codec import frame

    first = _report(mini)
    payloads = [
        b"[]",
        b"null",
        b'{"a": 1}',
        b"[" * 100_000,
        b"1" * 5000,
        b'["x", [], null, null, [], [], 99999999999999999999999999, 0, 0]',
        b"[NaN, Infinity]",
        b'"\\ud800"',
    ]
    entries = _entries(_cache_dir())
    for payload in payloads:
        for entry in entries:
            kind = entry.read_bytes().split(b" ", 2)[1]
            entry.write_bytes(frame(kind.decode(), payload))
        assert _report(mini) == first, payload[:40]


def test_an_oversized_or_special_entry_is_skipped(mini: Path) -> None:
    first = _report(mini)
    entries = _entries(_cache_dir())
    big, fifo, *others = entries
    with open(big, "r+b") as handle:
        handle.truncate(1 << 30)  # sparse: costs no disk
    fifo.unlink()
    os.mkfifo(fifo)
    for entry in others:
        entry.unlink()
        entry.symlink_to("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "egov_audit", "report", str(mini), "-f", "json", "-p", "1399"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (first[0], first[1]), done.stderr


def test_the_cache_changes_nothing_on_a_generated_collection(tmp_path: Path) -> None:
    from tools import synth

    root = tmp_path / "synthetic"
    synth.write(root, agencies=12, services=300, seed=5, invalid_share=0.25)
    cold = _cli("report", str(root), "-f", "json", "--no-cache")
    cold_validate = _cli("validate", str(root), "-f", "json", "--no-cache")
    for _ in range(2):
        assert _cli("report", str(root), "-f", "json") == cold
        assert _cli("validate", str(root), "-f", "json") == cold_validate


# --- size bound, eviction, info and clear


def _size(cache: Path) -> int:
    return sum(p.stat().st_size for p in _entries(cache))


def test_cache_info_and_clear(mini: Path) -> None:
    cache = _cache_dir()
    code, out, _ = _cli("cache", "info")
    assert code == 0
    assert str(cache) in out
    assert "entries: 0" in out
    assert "500 MiB" in out
    _report(mini)
    code, out, _ = _cli("cache", "info", env={"EGOV_AUDIT_CACHE_MAX_MB": "20"})
    assert code == 0
    assert "entries: 0" not in out
    assert "20 MiB" in out
    keep = cache / "notes.txt"  # not the cache's: clear leaves it
    keep.write_text("mine", encoding="utf-8")
    code, out, _ = _cli("cache", "clear")
    assert code == 0
    assert "removed" in out
    assert _entries(cache) == [keep]
    assert "entries: 0" in _cli("cache", "info")[1]
    assert _cli("cache", "clear")[0] == 0
    assert "Examples:" in CliRunner().invoke(app, ["cache", "--help"]).stdout


def test_the_cache_stays_under_its_bound(qom: Path) -> None:
    env = {"EGOV_AUDIT_CACHE_MAX_MB": "0.05"}
    expected = _cli("report", str(qom), "-f", "json", "--no-cache")
    assert _cli("report", str(qom), "-f", "json", env=env) == expected
    assert _cli("report", str(qom), "-f", "json", env=env) == expected
    assert 0 < _size(_cache_dir()) <= 0.05 * 1024 * 1024
    assert _cli("report", str(qom), "-f", "json", env={"EGOV_AUDIT_CACHE_MAX_MB": "0"}) == expected
    assert _size(_cache_dir()) == 0


def test_least_recently_used_entries_go_first(mini: Path, qom: Path, tmp_path: Path) -> None:
    cache = _cache_dir()
    _report(mini)
    recent = set(_entries(cache))
    _age(recent, 86400)
    _cli("report", str(qom), "-f", "json")
    old = set(_entries(cache)) - recent
    _age(old, 2 * 86400)
    _report(mini)  # read again: now the most recently used
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    bound = 2.5 * _size_of(recent)
    _cli(
        "report",
        str(copy),
        "-f",
        "json",
        env={"EGOV_AUDIT_CACHE_MAX_MB": f"{bound / (1024 * 1024):.6f}"},
    )
    left = set(_entries(cache))
    assert recent <= left
    assert len(left - recent - old) == len(recent)  # the copy's own entries
    assert old - left
    assert _size(cache) <= bound


def _age(paths: set[Path], seconds: float) -> None:
    past = time.time() - seconds
    for path in paths:
        os.utime(path, (past, past))


def _size_of(paths: set[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


def test_a_bad_bound_is_a_usage_error(mini: Path) -> None:
    for value in ("lots", "-1", "nan"):
        code, _out, err = _cli("validate", str(mini), env={"EGOV_AUDIT_CACHE_MAX_MB": value})
        assert code == 2
        assert "EGOV_AUDIT_CACHE_MAX_MB" in err


# --- a cache folder that cannot be used is not used


def test_a_file_in_place_of_the_cache_folder(mini: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    for folder in (blocker, blocker / "below"):
        env = {"EGOV_AUDIT_CACHE_DIR": str(folder)}
        code, out, err = _cli("validate", str(mini), env=env)
        assert code == 0
        assert "ok" in out
        assert "Traceback" not in err
        assert _cli("cache", "info", env=env)[0] == 0
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_no_home_and_no_passwd_entry(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def nobody(uid: int) -> pwd.struct_passwd:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", nobody)
    env = {"HOME": None, "XDG_CACHE_HOME": None, "EGOV_AUDIT_CACHE_DIR": None}
    code, out, _err = _cli("validate", str(mini), env=env)
    assert code == 0
    assert "4 files checked" in out
    assert _cli("report", str(mini), "-f", "json", env=env)[0] == 0
    assert _cli("cache", "info", env=env)[0] == 0


def _without_dac(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run as root without the capabilities that ignore file permissions."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to drop the permission-override capabilities")
    return subprocess.run(
        [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_a_read_only_cache_folder(mini: Path, tmp_path: Path) -> None:
    cache = tmp_path / "ro-cache"
    cache.mkdir()
    cache.chmod(0o555)
    env = {**os.environ, "EGOV_AUDIT_CACHE_DIR": str(cache)}
    done = _without_dac([sys.executable, "-m", "egov_audit", "validate", str(mini)], env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    unreadable = tmp_path / "locked"
    unreadable.mkdir(mode=0o000)
    env["EGOV_AUDIT_CACHE_DIR"] = str(unreadable / "cache")
    done = _without_dac([sys.executable, "-m", "egov_audit", "report", str(mini)], env=env)
    assert done.returncode == 0, done.stderr


def _leaves(node: object, path: tuple[int, ...] = ()) -> list[tuple[tuple[int, ...], object]]:
    if isinstance(node, list):
        found: list[tuple[tuple[int, ...], object]] = [(path, node)]
        for index, item in enumerate(node):
            found.extend(_leaves(item, (*path, index)))
        return found
    return [(path, node)]


def _replace(node: object, path: tuple[int, ...], value: object) -> object:
    if not path:
        return value
    assert isinstance(node, list)
    copy = list(node)
    copy[path[0]] = _replace(node[path[0]], path[1:], value)
    return copy


def test_every_mistyped_value_is_refused(qom: Path) -> None:
    """Each value of real entries, made the wrong type or out of range, fails to decode."""
    import json

    from egov_audit.runner.codec import Damaged, frame, loads, unframe

    _cli("report", str(qom), "-f", "json")
    checked = 0
    for entry in _entries(_cache_dir())[:12]:
        data = entry.read_bytes()
        kind = data.split(b" ", 2)[1].decode()
        if kind == "index":
            continue
        tree = json.loads(unframe(kind, data))
        for path, value in _leaves(tree):
            if isinstance(value, bool):
                wrong: list[object] = [1, None]
            elif isinstance(value, int):
                wrong = [-1, True, 1.5, 2**70]
            elif isinstance(value, str):
                wrong = [5, []]
            elif isinstance(value, list):
                wrong = [[*value, None], {}]
            else:
                wrong = [[]]
            for bad in wrong:
                payload = json.dumps(_replace(tree, path, bad)).encode()
                with pytest.raises(Damaged):
                    loads(kind, frame(kind, payload))
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    "pairs",
    [
        [139913, 5],  # month 13
        [139900, 5],  # month 0
        [139901, -5],  # a negative count
        [139902, 1, 139901, 1],  # out of order
        [139901, 1, 139901, 1],  # a month twice
        [99901, 1],  # year 999 is fine, year 0 is not:
        [1, 1],
    ],
)
def test_impossible_months_and_counts_are_refused(mini: Path, pairs: list[int]) -> None:
    import dataclasses
    from array import array

    from egov_audit.model.inventory import _monthly_counts_from_array
    from egov_audit.runner import load_collection
    from egov_audit.runner.codec import Damaged, dumps, loads

    declaration = next(iter(load_collection(mini).declarations))
    service = dataclasses.replace(
        declaration.services[0], transactions=_monthly_counts_from_array(array("q", pairs))
    )
    changed = dataclasses.replace(declaration, services=(service, *declaration.services[1:]))
    if pairs == [99901, 1]:
        assert loads("declaration", dumps("declaration", changed)) == changed
        return
    with pytest.raises(Damaged):
        loads("declaration", dumps("declaration", changed))


def test_an_exchange_reads_the_same_from_the_cache() -> None:
    """Exchange services, their inquiries and their splits by consumer round-trip: the
    report from cached declarations is the report from the files."""
    exchange = ROOT / "tests" / "data" / "collections" / "exchange"
    args = ("report", str(exchange), "--format", "json", "-p", "1399-Q1", "-c", "1398")
    cold = _cli(*args)
    kinds = {p.suffix for p in _entries(_cache_dir())}
    assert ".declaration" in kinds or ".result" in kinds, kinds
    warm = _cli(*args)
    assert warm == cold
    assert '"split_inquiries": {\n      "count": 95,' in warm[1]


def test_code_fingerprint_covers_the_compiled_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuilt compiled module is new code: cached results of the old one are not read."""
    from egov_audit.runner import cache as cache_module

    package = tmp_path / "egov_audit"
    (package / "runner").mkdir(parents=True)
    (package / "io").mkdir()
    (package / "runner" / "cache.py").write_text("# code\n", "utf-8")
    module = package / "io" / "_fastyaml.cpython-311-x86_64-linux-gnu.so"
    module.write_bytes(b"\x7fELF one")
    monkeypatch.setattr(cache_module, "__file__", str(package / "runner" / "cache.py"))

    def fingerprint() -> str:
        cache_module.code_fingerprint.cache_clear()
        return cache_module.code_fingerprint()

    try:
        first = fingerprint()
        module.write_bytes(b"\x7fELF two")
        assert fingerprint() != first
        (package / "io" / "notes.txt").write_text("not code", "utf-8")
        module.write_bytes(b"\x7fELF one")
        assert fingerprint() == first
    finally:
        cache_module.code_fingerprint.cache_clear()
