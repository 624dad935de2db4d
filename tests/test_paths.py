"""Paths that are not what they seem: links out of the collection, unreadable folders, names
that are not UTF-8, two files for one agency, entries named like declarations that are not
files, the same path twice, and a file named from inside agencies/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app

SECRET = "s3cr3t-t0ken-value"


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code != 3, result.stderr
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def collection(tmp_path: Path, mini: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(mini, root)
    return root


def _rules(output: str) -> dict[str, list[str]]:
    """Rule id -> files, from validate's JSON output."""
    found: dict[str, list[str]] = {}
    for finding in json.loads(output)["findings"]:
        found.setdefault(finding["rule"], []).append(finding["file"])
    return found


def _validate_json(*paths: Path) -> tuple[int, dict[str, list[str]], str]:
    code, out, err = _cli("validate", *map(str, paths), "-f", "json")
    return code, _rules(out), out + err


# --- symbolic links out of the collection


@pytest.mark.parametrize("absolute", [True, False])
def test_a_declaration_linked_out_of_the_collection_is_not_read(
    collection: Path, tmp_path: Path, absolute: bool
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"token: {SECRET}\nagency: [{SECRET}]\n", encoding="utf-8")
    link = collection / "agencies" / "delta.yaml"
    link.symlink_to(secret if absolute else Path("..") / ".." / "secret.yaml")
    for fmt in ("text", "json", "github", "sarif", "junit"):
        code, out, err = _cli("validate", str(collection), "-f", fmt)
        assert code == 1
        assert "file-outside-collection" in out
        assert SECRET not in out + err
        assert "token" not in out + err
    code, rules, _ = _validate_json(collection)
    assert rules["file-outside-collection"] == [str(link)]
    assert _cli("validate", str(link), "-f", "json")[0] == 1
    code, out, err = _cli("report", str(collection), "-f", "json", "-p", "1399")
    assert code == 0
    assert SECRET not in out + err


def test_a_link_inside_the_collection_is_read(collection: Path) -> None:
    shared = collection / "shared"
    shared.mkdir()
    (collection / "agencies" / "beta.yaml").rename(shared / "beta.yaml")
    (collection / "agencies" / "beta.yaml").symlink_to(Path("..") / "shared" / "beta.yaml")
    code, rules, _ = _validate_json(collection)
    assert code == 0
    assert "file-outside-collection" not in rules


def test_a_collection_file_linked_out_is_not_read(collection: Path, tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere.yaml"
    secret.write_text(f"id: {SECRET}\n", encoding="utf-8")
    (collection / "collection.yaml").unlink()
    (collection / "collection.yaml").symlink_to(secret)
    code, out, err = _cli("validate", str(collection))
    assert code == 1
    assert "file-outside-collection" in out
    assert SECRET not in out + err
    code, out, err = _cli("report", str(collection))
    assert code == 2
    assert SECRET not in out + err


def test_an_agencies_folder_linked_out_is_not_read(collection: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (collection / "agencies").rename(elsewhere)
    (collection / "agencies").symlink_to(elsewhere)
    code, rules, _ = _validate_json(collection)
    assert code == 1
    assert rules["file-outside-collection"] == [str(collection / "agencies")]


# --- entries named like declarations that are not declaration files


def test_two_files_for_one_agency(collection: Path) -> None:
    agencies = collection / "agencies"
    shutil.copy(agencies / "beta.yaml", agencies / "beta.yml")
    code, out, _err = _cli("validate", str(collection))
    assert code == 1
    lines = [line for line in out.splitlines() if "agency-file-duplicate" in line]
    assert len(lines) == 2
    assert all("beta.yaml" in line and "beta.yml" in line for line in lines)
    code, out, _err = _cli("report", str(collection), "-f", "json", "-p", "1399")
    assert code == 0
    report = json.loads(out)
    assert report["services"]["total"] == 8 - 3  # beta's 3 services: neither twice nor once
    assert report["exclusions"]["files"] == 2


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling", "uppercase", "device"])
def test_entries_that_are_not_declarations_are_named(collection: Path, kind: str) -> None:
    agencies = collection / "agencies"
    name = "delta.YAML" if kind == "uppercase" else "delta.yaml"
    entry = agencies / name
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    elif kind == "dangling":
        entry.symlink_to("nowhere.yaml")
    elif kind == "uppercase":
        shutil.copy(agencies / "beta.yaml", entry)
    else:
        try:
            os.mknod(entry, 0o600 | 0o020000, os.makedev(1, 3))
        except OSError:
            pytest.skip("cannot make a device node here")
    code, rules, text = _validate_json(collection)
    assert code == 1
    named = [rule for rule, files in rules.items() if str(entry) in files]
    assert named, text
    assert "agency-not-declared" not in rules  # delta has a file, just not a usable one


def test_a_file_name_that_is_not_utf8(collection: Path) -> None:
    agencies = os.fsencode(collection / "agencies")
    bad = os.path.join(agencies, b"d\xffelta.yaml")
    shutil.copy(os.path.join(agencies, b"beta.yaml"), bad)
    for fmt in ("text", "json", "sarif", "junit", "github"):
        code, out, _err = _cli("validate", str(collection), "-f", fmt)
        assert code == 1
        assert "file-name-encoding" in out
    done = subprocess.run(
        [sys.executable, "-m", "egov_audit", "validate", str(collection)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert b"d\\xffelta.yaml" in done.stdout
    assert _cli("report", str(collection), "-f", "json", "-p", "1399")[0] == 0


# --- unreadable folders and files (as a user without the permission-override capability)


def _without_dac(*args: str) -> subprocess.CompletedProcess[str]:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to drop the permission-override capabilities")
    return subprocess.run(
        [
            setpriv,
            "--bounding-set=-dac_override,-dac_read_search",
            sys.executable,
            "-m",
            "egov_audit",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_unreadable_agencies_folder(collection: Path) -> None:
    agencies = collection / "agencies"
    agencies.chmod(0o000)
    try:
        done = _without_dac("validate", str(collection))
        assert done.returncode == 1, done.stderr
        assert "file-unreadable" in done.stdout
        assert str(agencies) in done.stdout
        done = _without_dac("report", str(collection))
        assert done.returncode == 2, done.stderr
        assert "error:" in done.stderr
        done = _without_dac("validate", str(agencies / "beta.yaml"))
        assert done.returncode in (1, 2), done.stderr
        assert "internal error" not in done.stderr
    finally:
        agencies.chmod(0o755)


def test_an_unreadable_declaration(collection: Path) -> None:
    beta = collection / "agencies" / "beta.yaml"
    beta.chmod(0o000)
    done = _without_dac("validate", str(collection))
    assert done.returncode == 1, done.stderr
    assert "file-unreadable" in done.stdout
    done = _without_dac("report", str(collection), "-f", "json")
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr


# --- the same file twice, and relative paths from inside agencies/


def test_each_finding_once_however_often_a_path_is_given(collection: Path) -> None:
    beta = collection / "agencies" / "beta.yaml"
    beta.write_text(
        beta.read_text(encoding="utf-8").replace("status: full", "status: fast"), encoding="utf-8"
    )
    once = _cli("validate", str(collection), "-f", "json")[1]
    expected = json.loads(once)["findings"]
    for args in (
        [collection, collection],
        [collection, beta],
        [beta, collection, collection / "collection.yaml"],
        [collection / "agencies", collection],
    ):
        code, out, _err = _cli("validate", *map(str, args), "-f", "json")
        assert code == 1
        findings = json.loads(out)["findings"]
        keys = [(f["file"], f["line"], f["column"], f["rule"]) for f in findings]
        assert len(keys) == len(set(keys)), args
        assert len(findings) == len(expected), args
    code, out, _err = _cli("validate", str(beta), str(beta), "-f", "json")
    assert len(json.loads(out)["findings"]) == 1


def test_a_declaration_named_from_inside_agencies(
    collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(collection / "agencies")
    code, out, err = _cli("validate", "beta.yaml")
    assert code == 0, err
    assert "collection-missing" not in out
    assert "beta.yaml: ok" in out
    code, out, err = _cli("validate", "./beta.yaml", "alpha.yaml")
    assert code == 0, err


# --- the GitHub step summary


def test_a_step_summary_that_cannot_be_written(collection: Path, tmp_path: Path) -> None:
    code, out, err = _cli("validate", str(collection), env={"GITHUB_STEP_SUMMARY": str(tmp_path)})
    assert code == 2
    assert "GITHUB_STEP_SUMMARY" in err
    assert "4 files checked" in out
    summary = tmp_path / "summary.md"
    code, _out, _err = _cli("validate", str(collection), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 0
    assert summary.read_text(encoding="utf-8")
