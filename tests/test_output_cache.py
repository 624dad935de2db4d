"""The output cache through the real entry point: a replay is byte for byte what the
command printed, every input of the output is in the key, damage is a miss, and nothing
is kept where it must not be."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import egov_audit.cli
from egov_audit.cli import replay
from egov_audit.runner import output_cache
from egov_audit.runner.frames import frame

ROOT = Path(__file__).resolve().parent.parent
OLD_NS = time.time_ns() - 3600 * 10**9


def _age(*paths: Path) -> None:
    """Set modification times an hour back, as files not edited while the test runs."""
    for top in paths:
        for path in [top, *top.rglob("*")] if top.is_dir() else [top]:
            os.utime(path, ns=(OLD_NS, OLD_NS), follow_symlinks=False)


@dataclasses.dataclass
class Cli:
    """Runs ``main()`` in this process, counting the runs that were not replayed."""

    capsys: pytest.CaptureFixture[str]
    ran: int = 0

    def __call__(self, *args: str) -> tuple[int, str, str]:
        sys.argv = ["egov-audit", *args]
        try:
            egov_audit.cli.main()
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        finally:
            gc.enable()  # the command line turns collection off for its short life
        out, err = self.capsys.readouterr()
        return code, out, err


@pytest.fixture
def fake_install(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the parts of egov-audit the key reads, and a site-packages folder holding
    its metadata, so that edits elsewhere in this tree do not make a run's inputs new."""
    package = tmp_path / "install" / "egov_audit"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("# the package\n", encoding="utf-8")
    (package / "report.py").write_text("# a module\n", encoding="utf-8")
    site = tmp_path / "install" / "site-packages"
    metadata = site / "egov_audit-0.1.0.dist-info"
    metadata.mkdir(parents=True)
    (metadata / "METADATA").write_text("Name: egov-audit\nVersion: 0.1.0\n", encoding="utf-8")
    _age(tmp_path / "install")
    return package, site


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_install: tuple[Path, Path],
) -> Iterator[Cli]:
    runner = Cli(capsys)
    real_run = egov_audit.cli._run_app
    real_invocation = output_cache.invocation
    package, site = fake_install

    def counted() -> None:
        runner.ran += 1
        real_run()

    def invocation(argv: list[str] | None = None) -> output_cache.Invocation | None:
        found = real_invocation(argv)
        if found is None:
            return None
        return found._replace(package=package, sys_path=(str(site),))

    monkeypatch.setattr(egov_audit.cli, "_run_app", counted)
    monkeypatch.setattr(output_cache, "invocation", invocation)
    for name in ("COLUMNS", "NO_COLOR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(output_cache.DISABLE_ENV, raising=False)
    argv = sys.argv
    yield runner
    sys.argv = argv


@pytest.fixture
def collection(tmp_path: Path, mini: Path) -> Path:
    """The mini collection, its files an hour old."""
    root = tmp_path / "mini"
    shutil.copytree(mini, root)
    _age(root)
    return root


def _outputs() -> list[Path]:
    return sorted(Path(os.environ["EGOV_AUDIT_CACHE_DIR"]).rglob("*.output"))


def _fresh(cli: Cli, *args: str) -> tuple[int, str, str]:
    """The output of a run that does not use the output cache."""
    os.environ[output_cache.DISABLE_ENV] = "1"
    try:
        return cli(*args)
    finally:
        del os.environ[output_cache.DISABLE_ENV]


COMMANDS = [
    ("validate", "{root}"),
    ("validate", "{root}", "--format", "json", "--strict"),
    ("report", "{root}", "--format", "json", "--period", "1399"),
    ("report", "{root}", "--period", "1399", "--lang", "en"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_a_second_run_is_replayed_byte_for_byte(
    cli: Cli, collection: Path, command: tuple[str, ...]
) -> None:
    args = [a.format(root=collection) for a in command]
    first = cli(*args)
    assert cli.ran == 1 and len(_outputs()) == 1
    assert cli(*args) == first
    assert cli.ran == 1  # answered from the cache
    assert _fresh(cli, *args) == first


def test_errors_warnings_and_exit_1_are_replayed(cli: Cli, collection: Path) -> None:
    broken = collection / "agencies" / "beta.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    _age(broken)
    validated = cli("validate", str(collection))
    reported = cli("report", str(collection), "--format", "json", "--period", "1399")
    assert validated[0] == 1 and "surprise" in validated[1]
    assert reported[0] == 0 and "not counted" in reported[2]
    assert cli("validate", str(collection)) == validated
    assert cli("report", str(collection), "--format", "json", "--period", "1399") == reported
    assert cli.ran == 2


def _edit_count(root: Path) -> None:
    """Change one transaction count (200 to 300), keeping the file's size and modification
    time: only its change time tells."""
    path = root / "agencies" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("1399-03: 200") == 1
    path.write_text(text.replace("1399-03: 200", "1399-03: 300"), encoding="utf-8")
    _age(path)


def _touch(root: Path) -> None:
    path = root / "agencies" / "gamma.yaml"
    os.utime(path, ns=(OLD_NS - 10**9, OLD_NS - 10**9))


def _edit_registry(root: Path) -> None:
    path = root / "collection.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Delta", "Dalta"), "utf-8")
    _age(path)


def _add_file(root: Path) -> None:
    shutil.copy(root / "agencies" / "gamma.yaml", root / "agencies" / "delta.yaml")
    _age(root)


def _remove_file(root: Path) -> None:
    (root / "agencies" / "gamma.yaml").unlink()
    _age(root)


def _new_version(install: tuple[Path, Path]) -> None:
    site = install[1]
    (site / "egov_audit-0.1.0.dist-info").rename(site / "egov_audit-0.2.0.dist-info")
    _age(site)


def _edit_package(install: tuple[Path, Path]) -> None:
    module = install[0] / "report.py"
    module.write_text("# a module, edited\n", encoding="utf-8")
    _age(module)


def _install_dependency(install: tuple[Path, Path]) -> None:
    (install[1] / "rich-99.0.dist-info").mkdir()
    os.utime(install[1], ns=(OLD_NS + 10**9, OLD_NS + 10**9))


FILE_CHANGES: dict[str, Callable[[Path], None]] = {
    "a declaration's bytes": _edit_count,
    "a declaration's modification time": _touch,
    "collection.yaml": _edit_registry,
    "a declaration added": _add_file,
    "a declaration removed": _remove_file,
}
INSTALL_CHANGES: dict[str, Callable[[tuple[Path, Path]], None]] = {
    "the package version": _new_version,
    "a file of the package": _edit_package,
    "a package installed beside it": _install_dependency,
}


@pytest.mark.parametrize("change", [*FILE_CHANGES, *INSTALL_CHANGES])
@pytest.mark.parametrize("command", ["validate", "report"])
def test_every_input_changes_the_key(
    cli: Cli, collection: Path, fake_install: tuple[Path, Path], change: str, command: str
) -> None:
    args = [command, str(collection)]
    if command == "report":
        args += ["--format", "json", "--period", "1399"]
    cli(*args)
    if change in FILE_CHANGES:
        FILE_CHANGES[change](collection)
    else:
        INSTALL_CHANGES[change](fake_install)
    changed = cli(*args)
    assert cli.ran == 2, f"{change}: replayed an output whose input changed"
    assert changed == _fresh(cli, *args)
    assert cli(*args) == changed and cli.ran == 3


def test_a_changed_count_is_not_replayed(cli: Cli, collection: Path) -> None:
    args = ["report", str(collection), "--format", "json", "--period", "1399"]
    before = json.loads(cli(*args)[1])["transactions"]["total"]
    _edit_count(collection)
    after = json.loads(cli(*args)[1])["transactions"]["total"]
    assert after == before + 100


OPTIONS = [
    ["--strict"],
    ["--format", "json"],
    ["--format", "github"],
]
ENVIRONMENTS = [
    {"COLUMNS": "60"},
    {"NO_COLOR": "1"},
    {"GITHUB_ACTIONS": "true"},
    {"LANG": "fa_IR.UTF-8"},
    {"LC_ALL": "el_GR.UTF-8"},
    {"TERM": "dumb"},
    {"EGOV_AUDIT_CACHE_MAX_MB": "400"},
]


@pytest.mark.parametrize("extra", OPTIONS, ids=" ".join)
def test_an_option_changes_the_key(cli: Cli, collection: Path, extra: list[str]) -> None:
    cli("validate", str(collection))
    assert cli("validate", str(collection), *extra) == _fresh(
        cli, "validate", str(collection), *extra
    )
    assert cli.ran == 3


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=lambda e: next(iter(e)))
def test_the_environment_changes_the_key(
    cli: Cli, collection: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    args = ["report", str(collection), "--period", "1399"]
    cli(*args)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    changed = cli(*args)
    assert cli.ran == 2
    assert changed == _fresh(cli, *args)


def test_the_language_changes_the_key(cli: Cli, collection: Path) -> None:
    english = cli("report", str(collection), "--period", "1399", "--lang", "en")
    persian = cli("report", str(collection), "--period", "1399", "--lang", "fa")
    assert cli.ran == 2 and english[1] != persian[1]


def test_the_working_folder_changes_the_key(
    cli: Cli, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(collection)
    here = cli("validate", ".")
    monkeypatch.chdir(collection / "agencies")
    there = cli("validate", ".")
    assert cli.ran == 2 and here != there


def test_every_part_of_an_invocation_is_in_the_key(tmp_path: Path) -> None:
    found = output_cache.invocation()
    assert found is not None
    assert found.package == Path(egov_audit.cli.__file__).resolve().parents[1]
    assert found.sys_path == tuple(sys.path)
    base = output_cache.probe(found, tmp_path).path
    changes: dict[str, object] = {
        "argv": ("validate", "x"),
        "program": "other",
        "env": {"COLUMNS": "1"},
        "cwd": "/",
        "terminal": ((True, True, (80, 24), ("utf-8", "strict")),),
        "python": ("3.99",),
        "sys_path": ("/elsewhere",),
        "today": "2999-01-01",
    }
    for field, value in changes.items():
        changed = found._replace(**{field: value})  # type: ignore[arg-type]
        assert output_cache.probe(changed, tmp_path).path != base, field
    irrelevant = found._replace(env={**found.env, "OLDPWD": "/tmp"})
    assert output_cache.probe(irrelevant, tmp_path).path == base


def test_files_changed_just_before_the_run_are_not_kept(cli: Cli, collection: Path) -> None:
    (collection / "agencies" / "alpha.yaml").touch()  # now: within the racy window
    first = cli("validate", str(collection))
    assert cli("validate", str(collection)) == first
    assert cli.ran == 2 and not _outputs()


def test_a_change_while_the_command_runs_is_not_kept(
    cli: Cli, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = egov_audit.cli._run_app

    def edits_meanwhile() -> None:
        try:
            real()
        finally:
            _edit_count(collection)  # same size and time: only the change time tells

    monkeypatch.setattr(egov_audit.cli, "_run_app", edits_meanwhile)
    cli("validate", str(collection))
    assert not _outputs()


def _replace(path: Path, make: Callable[[Path], object]) -> None:
    path.unlink()
    make(path)


def _damages(data: bytes, path: Path) -> Iterator[tuple[str, Callable[[], object]]]:
    frame_header, _, payload = data.partition(b"\n")
    header, _, text = payload.partition(b"\n")
    value = json.loads(header)
    (stream, size), *_ = value["chunks"]

    def writes(content: bytes) -> Callable[[], object]:
        return lambda: path.write_bytes(content)

    def framed(changed: object, body: bytes = text) -> Callable[[], object]:
        return writes(frame("output", json.dumps(changed).encode() + b"\n" + body))

    yield "truncated", writes(data[: len(data) // 2])
    yield "a byte changed", writes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])
    yield "empty", writes(b"")
    yield "another kind", writes(data.replace(b" output ", b" result ", 1))
    yield "not JSON", writes(frame("output", b"{not json\n"))
    yield "no text", writes(frame("output", header))
    yield "exit 3", framed({**value, "exit": 3})
    yield "exit true", framed({**value, "exit": True})
    yield "a stream 7", framed({**value, "chunks": [[7, len(text)]]})
    yield "a length as text", framed({**value, "chunks": [[1, str(len(text))]]})
    yield "an empty chunk", framed({**value, "chunks": [[1, 0], *value["chunks"]]})
    yield "past the end", framed({**value, "chunks": [[1, len(text) + 1]]})
    yield "text left over", framed(value, text + b"more")
    yield "not UTF-8", framed({**value, "chunks": [[1, len(text) + 1]]}, text + b"\xff")
    yield "other inputs", framed({**value, "inputs": "0" * 64})
    yield "an extra field", framed({**value, "extra": 1})
    yield "a list", framed([value])
    yield "a folder", lambda: _replace(path, Path.mkdir)
    yield "a FIFO", lambda: _replace(path, os.mkfifo)
    yield "a link", lambda: _replace(path, lambda p: p.symlink_to(p.parent.parent))
    assert frame_header.startswith(b"egov-audit-cache/1 output ") and stream == 1 and size > 0


def test_a_damaged_entry_is_a_miss(cli: Cli, collection: Path) -> None:
    args = ["report", str(collection), "--format", "json", "--period", "1399"]
    first = cli(*args)
    (entry,) = _outputs()
    pristine = entry.read_bytes()
    for runs, (name, damage) in enumerate(_damages(pristine, entry), start=2):
        if entry.is_dir():
            entry.rmdir()
        elif entry.exists() or entry.is_symlink():
            entry.unlink()
        entry.write_bytes(pristine)
        damage()
        assert cli(*args) == first, name
        assert cli.ran == runs, f"{name}: replayed"


def _cache_folder_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "not-a-folder"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv("EGOV_AUDIT_CACHE_DIR", str(path))


NEVER = {
    "--no-cache": (["validate", "{root}", "--no-cache"], {}),
    "the variable": (["validate", "{root}"], {output_cache.DISABLE_ENV: "1"}),
    "a step summary": (["validate", "{root}"], {"GITHUB_STEP_SUMMARY": "{tmp}/summary.md"}),
    "--output": (["report", "{root}", "--period", "1399", "-o", "{tmp}/r{n}.md"], {}),
    "--output=": (["report", "{root}", "--period", "1399", "--output={tmp}/r{n}.json"], {}),
    "--help": (["validate", "--help"], {}),
    "cache info": (["cache", "info"], {}),
    "init": (["init", "delta", "--collection", "{root}", "-o", "{tmp}/d{n}.yaml"], {}),
    "rules": (["rules"], {}),
}


@pytest.mark.parametrize("case", NEVER)
def test_never_kept(
    cli: Cli, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    args, env = NEVER[case]
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    for n in range(2):
        code, _out, err = cli(*(a.format(root=collection, tmp=tmp_path, n=n) for a in args))
        assert code == 0, err
    assert cli.ran == 2 and not _outputs()


def test_an_unusable_cache_folder_is_not_used(
    cli: Cli, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _cache_folder_file(tmp_path, monkeypatch)
    first = cli("validate", str(collection))
    assert "cannot be used" in first[2]
    assert cli("validate", str(collection)) == first
    assert cli.ran == 2


def test_a_progress_bar_or_raw_bytes_are_not_kept(
    cli: Cli, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = egov_audit.cli._run_app

    def also_bytes() -> None:
        sys.stdout.buffer  # noqa: B018 - reaching past the recorder
        real()

    monkeypatch.setattr(egov_audit.cli, "_run_app", also_bytes)
    cli("validate", str(collection))
    assert not _outputs()


def test_the_recorder_keeps_the_order_of_both_streams(capsys: pytest.CaptureFixture[str]) -> None:
    chunks: list[tuple[int, str]] = []
    out = replay._Recorder(sys.stdout, 1, chunks)
    err = replay._Recorder(sys.stderr, 2, chunks)
    for stream, text in ((out, "a"), (out, "b"), (err, "c"), (out, "d"), (err, "")):
        stream.write(text)
    assert chunks == [(1, "ab"), (2, "c"), (1, "d")]
    assert capsys.readouterr() == ("abd", "c")


HEAVY = ("typer", "rich", "egov_audit.checks", "egov_audit.model", "dataclasses", "tempfile")
"""What a replay does not import: the command line, the checks, and the standard modules
that cost a warm run most."""


def _subprocess(args: list[str], record: Path, env: dict[str, str]) -> tuple[int, str, str, str]:
    code = (
        "import sys, egov_audit.cli as cli\n"
        f"sys.argv = ['egov-audit', *{args!r}]\n"
        "try:\n    cli.main()\n"
        "finally:\n"
        f"    open({str(record)!r}, 'w').write(' '.join(sorted(\n"
        f"        m for m in {HEAVY!r} if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    return done.returncode, done.stdout, done.stderr, record.read_text(encoding="utf-8")


def test_a_hit_imports_neither_typer_nor_rich_nor_the_checks(
    collection: Path, tmp_path: Path
) -> None:
    """Through a new interpreter, with the real package and sys.path. Files of this tree
    edited by someone else within the racy window make a run not kept: a few tries."""
    env = {**os.environ, "COLUMNS": "80"}
    bare = subprocess.run(
        [sys.executable, "-c", f"import sys; print(*[m for m in {HEAVY!r} if m in sys.modules])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    args = ["validate", str(collection), "--format", "json"]
    first = _subprocess(args, tmp_path / "first", env)
    assert first[0] == 0 and "typer" in first[3]
    for _attempt in range(5):
        again = _subprocess(args, tmp_path / "again", env)
        assert again[:3] == first[:3]
        if "typer" not in again[3]:
            break
        time.sleep(2.5)
    assert set(again[3].split()) <= set(bare), "not answered from the output cache, or heavy"
