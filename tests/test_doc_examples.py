"""The examples in README.md and docs/*.md run as documented.

Each page runs top to bottom in a temporary folder holding a copy of ``inventories/``:

* a code block whose info string is ``<language> file=PATH`` is written to PATH;
* in a ``sh`` block, each line starting with ``egov-audit`` is run through the real
  command line; it must exit 0, or the code a trailing ``# exit N`` names; ``> FILE``
  sends standard output to a file;
* in a ``console`` block, each ``$ egov-audit ...`` line is run the same way, and the
  lines up to the next ``$`` line are its expected output (trailing spaces ignored, a
  line ``...`` stands for any number of lines).

No example may change ``inventories/``, name a path outside the folder, or write a file
outside it. The Python example of docs/api.md runs too, and its figures are checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ENV = {
    "COLUMNS": "80",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "FORCE_COLOR": None,
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
}
_FENCE = re.compile(r"^ {0,3}(`{3,})(.*)$")
_EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block: where it starts, its language, attributes and text."""

    line: int
    language: str
    attributes: dict[str, str]
    text: str


@dataclass(frozen=True)
class WriteFile:
    """A ``file=PATH`` block: write its text to PATH."""

    where: str
    path: str
    text: str


@dataclass(frozen=True)
class Command:
    """An ``egov-audit`` line: its arguments, expected exit code, redirection and output."""

    where: str
    args: list[str]
    exit_code: int
    redirect: tuple[str, bool] | None = None
    """(file, append) when standard output goes to a file."""
    output: list[str] | None = None
    """The expected output of a ``console`` command."""


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        fence, info = opening.groups()
        words = info.split()
        language = words[0] if words else ""
        attributes = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        start = index
        while index < len(lines) and not lines[index].lstrip(" ").startswith(fence):
            index += 1
        found.append(Block(start, language, attributes, "\n".join(lines[start:index]) + "\n"))
        index += 1
    return found


def _command(line: str, where: str, output: list[str] | None = None) -> Command:
    expected = _EXIT.search(line)
    exit_code = int(expected.group(1)) if expected else 0
    line = _EXIT.sub("", line)
    words = shlex.split(line, comments=True)
    assert words[0] == "egov-audit", where
    args, redirect = words[1:], None
    for operator, append in ((">>", True), (">", False)):
        if operator in args:
            at = args.index(operator)
            assert at == len(args) - 2, f"{where}: {operator} FILE must end the line"
            redirect = (args[at + 1], append)
            args = args[:at]
    for arg in args:
        assert not arg.startswith(("/", "~")) and ".." not in Path(arg).parts, (
            f"{where}: {arg!r} points outside the example folder; use a relative path"
        )
    return Command(where, args, exit_code, redirect, output)


def steps(page: Path) -> list[WriteFile | Command]:
    """What a page's examples do, in order."""
    found: list[WriteFile | Command] = []
    name = page.relative_to(ROOT).as_posix()
    for block in blocks(page):
        where = f"{name}:{block.line}"
        if "file" in block.attributes:
            found.append(WriteFile(where, block.attributes["file"], block.text))
        elif block.language == "sh":
            lines = [line.strip() for line in block.text.splitlines()]
            commands = [line for line in lines if line.startswith("egov-audit")]
            others = [line for line in lines if line and not line.startswith(("egov-audit", "#"))]
            if commands:
                assert not others, f"{where}: a block of egov-audit examples runs only egov-audit"
            found.extend(
                _command(line, f"{name}:{block.line + number}")
                for number, line in enumerate(block.text.splitlines(), start=1)
                if line.strip().startswith("egov-audit")
            )
        elif block.language == "console":
            found.extend(_console(block, name))
    return found


def _console(block: Block, name: str) -> list[Command]:
    found: list[Command] = []
    pending: tuple[str, str] | None = None
    output: list[str] = []
    for number, line in enumerate(block.text.splitlines(), start=1):
        if line.startswith("$ "):
            if pending is not None:
                found.append(_command(pending[0], pending[1], output))
            assert line[2:].startswith("egov-audit"), f"{name}:{block.line + number}"
            pending, output = (line[2:], f"{name}:{block.line + number}"), []
        else:
            output.append(line)
    if pending is not None:
        found.append(_command(pending[0], pending[1], output))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines match ``expected``, where a line ``...`` is any lines."""
    expected = [line.rstrip() for line in expected]
    actual = [line.rstrip() for line in actual]
    while actual and not actual[-1]:
        actual.pop()
    while expected and not expected[-1]:
        expected.pop()
    # can[i][j]: expected[i:] matches actual[j:]
    can = [[False] * (len(actual) + 1) for _ in range(len(expected) + 1)]
    can[len(expected)][len(actual)] = True
    for i in range(len(expected) - 1, -1, -1):
        for j in range(len(actual), -1, -1):
            if expected[i] == "...":
                can[i][j] = can[i + 1][j] or (j < len(actual) and can[i][j + 1])
            else:
                can[i][j] = j < len(actual) and expected[i] == actual[j] and can[i + 1][j + 1]
    return can[0][0]


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _inside(folder: Path, name: str, where: str) -> Path:
    target = (folder / name).resolve()
    assert target.is_relative_to(folder.resolve()), f"{where}: {name} is outside the folder"
    assert not target.is_relative_to((folder / "inventories").resolve()), (
        f"{where}: examples must not write into inventories/"
    )
    return target


def run_page(page: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Run a page's examples in ``folder``; the number of commands run."""
    shutil.copytree(ROOT / "inventories", folder / "inventories")
    monkeypatch.chdir(folder)
    original = _snapshot(folder / "inventories")
    ran = 0
    for step in steps(page):
        if isinstance(step, WriteFile):
            target = _inside(folder, step.path, step.where)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.text, encoding="utf-8")
            continue
        result = CliRunner(env=ENV).invoke(app, step.args)
        shown = f"{step.where}: egov-audit {shlex.join(step.args)}\n{result.output}"
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert result.exit_code == step.exit_code, shown
        if step.redirect is not None:
            name, append = step.redirect
            with _inside(folder, name, step.where).open("a" if append else "w") as handle:
                handle.write(result.stdout)
        if step.output is not None:
            assert matches(step.output, result.output.splitlines()), (
                f"{shown}\n--- the page shows:\n" + "\n".join(step.output)
            )
        assert _snapshot(folder / "inventories") == original, (
            f"{step.where}: egov-audit {shlex.join(step.args)} wrote into inventories/"
        )
        ran += 1
    return ran


RUNNABLE = [page for page in PAGES if any(isinstance(s, Command) for s in steps(page))]


@pytest.mark.parametrize("page", RUNNABLE, ids=[p.relative_to(ROOT).as_posix() for p in RUNNABLE])
def test_the_examples_of_a_page_run_as_documented(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_page(page, tmp_path, monkeypatch) > 0


def test_the_readme_and_the_reference_pages_have_runnable_examples() -> None:
    names = {page.relative_to(ROOT).as_posix() for page in RUNNABLE}
    assert {"README.md", "docs/format.md", "docs/ci.md", "docs/import.md"} <= names
    readme = steps(ROOT / "README.md")
    assert any(isinstance(s, Command) and s.output and s.args[0] == "report" for s in readme)
    assert any(isinstance(s, Command) and s.output and s.args[0] == "validate" for s in readme)


def test_the_python_example_runs_and_prints_the_three_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = blocks(ROOT / "docs" / "api.md")
    (code,) = [b for b in page if b.language == "python"]
    shown = page[page.index(code) + 1]
    assert shown.language == "text", "the example's output follows it in a text block"
    shutil.copytree(ROOT / "inventories", tmp_path / "inventories")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.text, "docs/api.md", "exec"), {"__name__": "docs_api_example"})
    assert printed.getvalue() == shown.text
    assert printed.getvalue().split() == ["54", "651", "23000000"]


def test_the_output_matcher() -> None:
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"])
    assert matches(["a", "...", "b"], ["a", "b"])
    assert matches(["a  "], ["a", ""])
    assert not matches(["a", "d"], ["a", "b", "d"])
    assert not matches(["a", "...", "e"], ["a", "b", "d"])
    assert not matches(["a"], ["a", "b"])
