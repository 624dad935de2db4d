"""``egov-audit history``: the entries a collection's git history implies, and --write.

A real git repository is built with three versions of a collection; what the command
proposes and what --write writes are checked line for line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli import app
from egov_audit.io.history_edit import HistoryEditError, add_history
from egov_audit.model import HistoryEntry, Status

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

COLLECTION = """\
schema_version: 1
id: c
name: C
calendar: jalali
agencies:
  - {id: tax, name: Tax Office}
"""


def _declaration(declared_on: str, status: str, steps: str, channels: str, extra: str = "") -> str:
    return f"""\
schema_version: 1
agency:
  id: tax
  name: Tax Office
declared_on: "{declared_on}"
services:
  - id: return
    name: Tax return
    status: {status}
{steps}    type: transactional  # a comment that stays
    audience: [citizens]
    channels: [{channels}]
{extra}    transactions:
      "1397-05": 10
  - id: info
    name: Tax information
    status: full
    type: informational
    audience: [citizens]
    channels: [portal]
"""


STEPS = "    in_person_steps: Sign at the office\n"


def _git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=root, check=True, capture_output=True)


def _commit(root: Path, text: str, message: str) -> None:
    (root / "c" / "agencies" / "tax.yaml").write_text(text, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", message)


def make_repository(root: Path) -> Path:
    """A git repository in ``root`` whose collection ``c`` has three versions of one file:
    1397 partial on the portal; 1398 partial on portal and kiosk; 1399 fully electronic,
    with a mobile app. Returns ``root``."""
    (root / "c" / "agencies").mkdir(parents=True)
    (root / "c" / "collection.yaml").write_text(COLLECTION, encoding="utf-8")
    _git(root, "init", "-q")
    _commit(root, _declaration("1397-07-01", "partial", STEPS, "portal"), "1397")
    _commit(root, _declaration("1398-07-01", "partial", STEPS, "portal, kiosk"), "1398")
    _commit(root, _declaration("1399-07-01", "full", "", "portal, kiosk, mobile"), "1399")
    return root


def hand_written_conflict(root: Path) -> Path:
    """Give the file of :func:`make_repository` a hand-written entry that one of the
    proposals contradicts; returns the collection."""
    own = (
        "    history:\n"
        '      - {on: "1398-07-01", status: full, channels: [portal]}  # written by hand\n'
    )
    path = root / "c" / "agencies" / "tax.yaml"
    path.write_text(_declaration("1399-07-01", "full", "", "portal, kiosk, mobile", own))
    return root / "c"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """See :func:`make_repository`."""
    return make_repository(tmp_path)


def _run(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["history", *arguments])
    return result.exit_code, result.output


def test_history_proposes_then_writes_the_entries_git_implies(repository: Path) -> None:
    collection = repository / "c"
    path = collection / "agencies" / "tax.yaml"
    before = path.read_text(encoding="utf-8")
    code, output = _run(str(collection))
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0] == str(path)
    assert [line.split("  (version")[0] for line in lines[1:4]] == [
        '  return: + {on: "1397-07-01", status: partial, channels: [portal], '
        'in_person_steps: "Sign at the office"}',
        '  return: + {on: "1398-07-01", status: partial, channels: [portal, kiosk], '
        'in_person_steps: "Sign at the office"}',
        '  info: + {on: "1397-07-01", status: full, channels: [portal]}',
    ]
    assert lines[-1] == (
        "3 entries proposed; 0 conflicts with hand-written entries; run with --write to add them"
    )
    assert path.read_text(encoding="utf-8") == before  # nothing written without --write

    code, output = _run(str(collection), "--write")
    assert code == 0, output
    assert output.splitlines()[-1] == (
        "wrote 3 entries to 1 file; 0 conflicts with hand-written entries"
    )
    assert path.read_text(encoding="utf-8") == _declaration(
        "1399-07-01",
        "full",
        "",
        "portal, kiosk, mobile",
        "    history:\n"
        '      - {on: "1397-07-01", status: partial, channels: [portal], '
        'in_person_steps: "Sign at the office"}\n'
        '      - {on: "1398-07-01", status: partial, channels: [portal, kiosk], '
        'in_person_steps: "Sign at the office"}\n',
    ).replace(
        "    channels: [portal]\n",
        '    channels: [portal]\n    history:\n      - {on: "1397-07-01", status: full, '
        "channels: [portal]}\n",
    )
    # the result validates, and a second run finds nothing more to add
    assert CliRunner().invoke(app, ["validate", str(collection)]).exit_code == 0
    code, output = _run(str(collection))
    assert output.splitlines() == ["0 entries proposed; 0 conflicts with hand-written entries"]


def test_hand_written_entries_are_kept_and_conflicts_named(repository: Path) -> None:
    collection = hand_written_conflict(repository)
    path = collection / "agencies" / "tax.yaml"
    code, output = _run(str(collection), "--write")
    assert code == 0, output
    assert "conflict: version" in output and 'kept {on: "1398-07-01", status: full' in output
    assert output.splitlines()[-1] == (
        "wrote 2 entries to 1 file; 1 conflict with hand-written entries"
    )
    text = path.read_text(encoding="utf-8")
    assert (
        "    history:\n"
        '      - {on: "1397-07-01", status: partial, channels: [portal], '
        'in_person_steps: "Sign at the office"}\n'
        '      - {on: "1398-07-01", status: full, channels: [portal]}  # written by hand\n'
    ) in text


def test_a_file_with_errors_and_a_folder_outside_git(repository: Path, tmp_path: Path) -> None:
    collection = repository / "c"
    (collection / "agencies" / "tax.yaml").write_text("schema_version: 2\n", encoding="utf-8")
    code, output = _run(str(collection))
    assert code == 0 and "skipped: it has errors" in output
    outside = tmp_path / "elsewhere"
    shutil.copytree(collection, outside)
    shutil.rmtree(repository / ".git")
    code, output = _run(str(outside))
    assert code == 2 and "not in a git repository" in output


def _entry(day: tuple[int, int, int], status: Status = Status.FULL) -> HistoryEntry:
    return HistoryEntry(day, status, (), None)


def test_entries_go_in_date_order_among_the_existing_ones() -> None:
    text = (
        "\ufeffservices:\r\n"
        "  - id: a\r\n"
        "    status: full\r\n"
        "    history:\r\n"
        '    - {on: "1398-01-01", status: unknown}\r\n'
        '    - on: "1399-01-01"\r\n'
        "      status: unknown\r\n"
    )
    found = add_history(
        text, {0: ("a", [_entry((1397, 1, 1)), _entry((1398, 6, 1)), _entry((1399, 6, 1))])}
    )
    assert found == (
        "\ufeffservices:\r\n"
        "  - id: a\r\n"
        "    status: full\r\n"
        "    history:\r\n"
        '    - {on: "1397-01-01", status: full}\r\n'
        '    - {on: "1398-01-01", status: unknown}\r\n'
        '    - {on: "1398-06-01", status: full}\r\n'
        '    - on: "1399-01-01"\r\n'
        "      status: unknown\r\n"
        '    - {on: "1399-06-01", status: full}\r\n'
    )
    with pytest.raises(HistoryEditError, match="not a block list"):
        add_history("services:\n  - id: a\n    history: []\n", {0: ("a", [_entry((1397, 1, 1))])})


def test_diff_shows_the_entries_the_newer_version_should_carry(
    repository: Path, tmp_path: Path
) -> None:
    import json

    from jsonschema import Draft202012Validator

    from egov_audit.io.schemas import schema_text

    old = tmp_path / "old.yaml"
    old.write_text(_declaration("1398-07-01", "partial", STEPS, "portal, kiosk"))
    new = repository / "c" / "agencies" / "tax.yaml"
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    Draft202012Validator(json.loads(schema_text("diff-output"))).validate(data)
    assert data["history"] == [
        {
            "id": "tax/return",
            "on": "1398-07-01",
            "status": "partial",
            "channels": ["portal", "kiosk"],
            "in_person_steps": "Sign at the office",
            "conflict": False,
        },
        {
            "id": "tax/info",
            "on": "1398-07-01",
            "status": "full",
            "channels": ["portal"],
            "in_person_steps": None,
            "conflict": False,
        },
    ]
    text = CliRunner().invoke(app, ["diff", str(old), str(new)]).output
    assert "History entries the new version should carry:" in text
    assert "tax/return  1398-07-01  partial   portal, kiosk  add" in text


def test_history_json_lists_each_file_and_its_proposals(repository: Path) -> None:
    import json

    from jsonschema import Draft202012Validator

    from egov_audit.io.schemas import schema_text

    collection = hand_written_conflict(repository)
    (collection / "agencies" / "broken.yaml").write_text("schema_version: 2\n", "utf-8")
    result = CliRunner().invoke(app, ["history", str(collection), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    Draft202012Validator(json.loads(schema_text("history-output"))).validate(data)
    versions = [p.pop("version") for f in data["files"] for p in f["proposals"]]
    assert len(versions) == 3 and all(len(v) == 12 for v in versions)
    steps = "Sign at the office"
    assert data == {
        "history_version": 1,
        "collection": str(collection),
        "write": False,
        "files": [
            {
                "file": str(collection / "agencies" / "broken.yaml"),
                "skipped": "it has errors (egov-audit validate names them)",
                "versions_skipped": 0,
                "proposals": [],
                "written": 0,
                "not_written": None,
            },
            {
                "file": str(collection / "agencies" / "tax.yaml"),
                "skipped": None,
                "versions_skipped": 0,
                "proposals": [
                    {
                        "service": "return",
                        "entry": {
                            "on": "1397-07-01",
                            "status": "partial",
                            "channels": ["portal"],
                            "in_person_steps": steps,
                        },
                        "conflict": None,
                    },
                    {
                        "service": "return",
                        "entry": {
                            "on": "1398-07-01",
                            "status": "partial",
                            "channels": ["portal", "kiosk"],
                            "in_person_steps": steps,
                        },
                        "conflict": {
                            "on": "1398-07-01",
                            "status": "full",
                            "channels": ["portal"],
                            "in_person_steps": None,
                        },
                    },
                    {
                        "service": "info",
                        "entry": {
                            "on": "1397-07-01",
                            "status": "full",
                            "channels": ["portal"],
                            "in_person_steps": None,
                        },
                        "conflict": None,
                    },
                ],
                "written": 0,
                "not_written": None,
            },
        ],
        "proposed": 2,
        "conflicts": 1,
        "written": 0,
    }
    written = CliRunner().invoke(app, ["history", str(collection), "-f", "json", "--write"])
    assert written.exit_code == 0, written.output
    after = json.loads(written.stdout)
    assert (after["write"], after["written"], after["files"][1]["written"]) == (True, 2, 2)


def test_write_leaves_a_flow_style_file_as_it_was(repository: Path) -> None:
    """A service written as one flow mapping cannot take a block of entries: the file is
    named and left as it was (other files would still be written), and the command exits 1."""
    collection = repository / "c"
    path = collection / "agencies" / "tax.yaml"
    flow = path.read_text("utf-8").replace(
        "  - id: info\n    name: Tax information\n    status: full\n"
        "    type: informational\n    audience: [citizens]\n    channels: [portal]\n",
        "  - {id: info, name: Tax information, status: full, type: informational, "
        "audience: [citizens], channels: [portal]}\n",
    )
    assert flow != path.read_text("utf-8")
    _commit(repository, flow.replace('"1399-07-01"', '"1398-12-01"'), "flow")
    path.write_text(flow, "utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["history", str(collection), "--write", "-f", "json"])
    assert result.exit_code == 1, result.output
    assert path.read_bytes() == before
    assert result.stderr == (
        f"{path}: entries not written: service 'info' (line 15) is written in flow style "
        "('{...}'); write its fields one per line, or add the entries by hand\n"
    )
    import json

    data = json.loads(result.stdout)
    assert data["files"][0]["not_written"] == result.stderr.split(": entries not written: ")[1][:-1]
    assert (data["written"], data["files"][0]["written"]) == (0, 0)


def test_write_leaves_a_read_only_file_as_it_was(repository: Path) -> None:
    """A file without write permission is not replaced (a rename would succeed where a
    write could not): it is named, and the command exits 1."""
    path = repository / "c" / "agencies" / "tax.yaml"
    path.chmod(0o444)
    before, inode = path.read_bytes(), path.stat().st_ino
    code, output = _run(str(repository / "c"), "--write")
    assert code == 1, output
    assert f"{path}: entries not written: the file is read-only" in output
    assert (path.read_bytes(), path.stat().st_ino, path.stat().st_mode & 0o777) == (
        before,
        inode,
        0o444,
    )
