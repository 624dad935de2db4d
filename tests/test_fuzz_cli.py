"""The whole command line against mutated collections: never a crash, never a stray write.

Each example copies the mini collection and a few agencies of the Qom sample into a
temporary folder, fills a private cache, then mutates what it copied: the bytes of a
file, the structure of its YAML, names (with markup, control characters, separators,
right-to-left overrides), file types (a FIFO, a folder named ``x.yaml``, symbolic links
in and out of the collection) and the cache's entries (treated as opaque files). Then
``validate`` (in every format), ``report`` and ``diff`` run through the real CLI, and:

* the exit code is never 3 and no traceback is printed;
* ``validate -f json`` is JSON whose every finding has a file, a line >= 1 and a
  column >= 1; ``junit`` is well-formed XML and ``sarif`` is JSON;
* nothing outside the temporary folder changes (the sources copied, a file the links
  point at).

It runs 30 examples by default (a few seconds); ``EGOV_AUDIT_FUZZ_EXAMPLES=2000`` runs more.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "collections" / "mini"
QOM = ROOT / "inventories" / "qom"
QOM_AGENCIES = ("abfa", "civil-registration", "gas")
EXAMPLES = int(os.environ.get("EGOV_AUDIT_FUZZ_EXAMPLES", "30"))

_ODD_TEXT = st.lists(
    st.sampled_from(
        [
            *"ab c-_./:,",
            *"[]|`!#*<>&%\\'\"{}",
            "[/x]",
            "[red]",
            "[link=https://evil.example]",
            "![i](u)",
            "%20",
            "\n",
            "\r",
            "\t",
            "\x1b[31m",
            "\x00",
            "\x7f",
            "\x85",
            "\u2028",
            "\u202e",
            "\ufeff",
            "اداره",
            "Ελλάδα",
            "😀",
            "long" * 50,
        ]
    ),
    max_size=12,
).map("".join)
_ODD_VALUE = st.one_of(
    _ODD_TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([2**63, 10**12, 10**12 + 1, -1, 0, 10**200]),
    st.none(),
    st.booleans(),
    st.lists(_ODD_TEXT, max_size=3),
    st.dictionaries(_ODD_TEXT, st.integers(-5, 10**13), max_size=3),
)
_HOSTILE = sorted((ROOT / "tests" / "data" / "hostile").glob("*.yaml"))
_INTERESTING_BYTES = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xfe\xff",
    b"\t",
    b"&a ",
    b"*a",
    b"!!python/object ",
    b"\xef\xbb\xbf&b\n",
    b"[",
    b"{",
    b": ",
    b"- ",
    b"\n",
    b'"',
    b"'",
    b"\\",
    b"9" * 30,
    b"---\n",
    b"<<: ",
]


def _snapshot(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` (links not followed) with a hash of its bytes."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _files(collection: Path) -> list[Path]:
    agencies = collection / "agencies"
    found = [collection / "collection.yaml"]
    if agencies.is_dir() and not agencies.is_symlink():
        found += sorted(p for p in agencies.iterdir() if p.is_file() and not p.is_symlink())
    return [p for p in found if p.is_file() and not p.is_symlink()]


def _mutate_bytes(data: st.DataObject, collection: Path) -> None:
    files = _files(collection)
    if not files:
        return
    path = data.draw(st.sampled_from(files))
    raw = bytearray(path.read_bytes())
    where = data.draw(st.integers(0, len(raw)))
    operation = data.draw(
        st.sampled_from(["flip", "insert", "delete", "truncate", "repeat", "splice", "replace"])
    )
    hostile = data.draw(st.sampled_from(_HOSTILE))
    if operation in ("splice", "replace"):
        corpus = hostile.read_bytes()
        if operation == "replace":
            raw = bytearray(corpus)
        else:
            cut = data.draw(st.integers(0, len(corpus)))
            raw[where:where] = corpus[cut : cut + data.draw(st.integers(1, 400))]
    elif operation == "flip" and raw:
        index = min(where, len(raw) - 1)
        raw[index] ^= data.draw(st.integers(1, 255))
    elif operation == "insert":
        raw[where:where] = data.draw(st.sampled_from(_INTERESTING_BYTES))
    elif operation == "delete":
        del raw[where : where + data.draw(st.integers(1, 40))]
    elif operation == "truncate":
        del raw[where:]
    else:
        raw[where:where] = raw[where : where + 200] * data.draw(st.integers(1, 5))
    path.write_bytes(bytes(raw))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


_NAME_KEYS = frozenset({"name", "name_local", "in_person_steps", "id"})


def _load_tree(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError):
        return None


def _dump_tree(path: Path, tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.write_text(text, encoding="utf-8")


def _mutate_structure(data: st.DataObject, collection: Path) -> None:
    files = _files(collection)
    if not files:
        return
    path = data.draw(st.sampled_from(files))
    tree = _load_tree(path)
    paths = _paths(tree)
    counts = [p for p in paths if p and isinstance(_at(tree, p), int)]
    numeric: bool = data.draw(st.booleans())
    if counts and numeric:  # half the time: a number, most often a count
        where = data.draw(st.sampled_from(counts))
        numbers: list[object] = [2**63, 2**64, 10**12 + 1, 10**30, -1, 10**12, True, 1.5]
        _at(tree, where[:-1])[where[-1]] = data.draw(st.sampled_from(numbers))
        _dump_tree(path, tree)
        return
    where = data.draw(st.sampled_from(paths))
    if not where:
        tree = data.draw(_ODD_VALUE)
    else:
        parent = _at(tree, where[:-1])
        operation = data.draw(st.sampled_from(["replace", "delete", "duplicate", "rename"]))
        last = where[-1]
        if operation == "replace":
            parent[last] = data.draw(_ODD_VALUE)
        elif operation == "delete":
            del parent[last]
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        elif operation == "rename" and isinstance(parent, dict):
            parent[data.draw(_ODD_TEXT)] = parent.pop(last)
    _dump_tree(path, tree)


def _at(tree: Any, where: tuple[Any, ...]) -> Any:
    for step in where:
        tree = tree[step]
    return tree


def _mutate_names(data: st.DataObject, collection: Path) -> None:
    """Odd names (agencies in the registry and declarations, services, steps, ids), or an
    odd file name for a declaration."""
    agencies = collection / "agencies"
    files = _files(collection)
    if not files:
        return
    path = data.draw(st.sampled_from(files))
    if path.parent == agencies and data.draw(st.booleans()):
        stem = data.draw(_ODD_TEXT.map(lambda t: t.replace("/", "").replace("\x00", "")))
        suffix = data.draw(st.sampled_from([".yaml", ".yml", ".YAML", ""]))
        if stem and len(os.fsencode(stem)) <= 200:
            with contextlib.suppress(OSError):
                path.rename(agencies / f"{stem}{suffix}")
        return
    tree = _load_tree(path)
    named = [p for p in _paths(tree) if p and p[-1] in _NAME_KEYS]
    for where in data.draw(st.lists(st.sampled_from(named), max_size=4)) if named else ():
        _at(tree, where[:-1])[where[-1]] = data.draw(_ODD_TEXT.filter(bool))
    _dump_tree(path, tree)


def _mutate_file_type(data: st.DataObject, collection: Path, outside: Path) -> None:
    agencies = collection / "agencies"
    if not agencies.is_dir() or agencies.is_symlink():
        return
    name = data.draw(st.sampled_from(["alpha.yaml", "beta.yaml", "x.yaml", "new.yaml"]))
    target = agencies / name
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)
    kind = data.draw(st.sampled_from(["fifo", "folder", "out", "in", "dangling", "loop", "self"]))
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
        (target / "inner.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    elif kind == "out":
        target.symlink_to(outside / "secret.yaml")
    elif kind == "in":
        target.symlink_to(collection / "collection.yaml")
    elif kind == "dangling":
        target.symlink_to(collection / "nowhere.yaml")
    elif kind == "loop":
        target.symlink_to(target)
    else:
        target.symlink_to(agencies)


def _mutate_cache(data: st.DataObject, cache: Path) -> None:
    # The cache's entries (names, sizes) may differ from one run to the next: every draw
    # is made independent of them (an index or offset modulo what is there), as
    # hypothesis needs to replay an example.
    entries = sorted(p for p in cache.rglob("*") if p.is_file() and not p.is_symlink())
    for pick in data.draw(st.lists(st.integers(0, 1000), min_size=1, max_size=4)):
        operation = data.draw(
            st.sampled_from(["flip", "truncate", "garbage", "empty", "folder", "json"])
        )
        offset, flip = data.draw(st.integers(0, 2**20)), data.draw(st.integers(1, 255))
        garbage = data.draw(st.binary(max_size=200))
        if not entries or not entries[pick % len(entries)].is_file():
            continue
        path = entries[pick % len(entries)]
        raw = bytearray(path.read_bytes())
        if operation == "flip" and raw:
            raw[offset % len(raw)] ^= flip
            path.write_bytes(bytes(raw))
        elif operation == "truncate":
            path.write_bytes(bytes(raw[: offset % (len(raw) + 1)]))
        elif operation == "garbage":
            path.write_bytes(garbage)
        elif operation == "empty":
            path.write_bytes(b"")
        elif operation == "folder":
            path.unlink()
            path.mkdir()
        else:
            path.write_text(json.dumps({"version": 1, "data": [1e308, 2**70]}), "utf-8")


def _check_result(result: Result, command: list[str]) -> None:
    where = f"{command}: {result.output[-3000:]}"
    assert result.exit_code != 3, where
    assert "Traceback" not in result.output, where
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        where,
        repr(result.exception),
    )


def _run(runner: CliRunner, env: dict[str, str], *args: str) -> Result:
    result = runner.invoke(app, list(args), env=env)
    _check_result(result, list(args))
    return result


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@given(st.data())
def test_the_cli_survives_mutated_collections(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="egov-audit-fuzz-") as temp:
        base = Path(temp)
        work, outside = base / "work", base / "outside"
        outside.mkdir()
        (outside / "secret.yaml").write_text(
            "[core]\n\ttoken = ghp_SECRETSECRETSECRET\nname: secret\n", encoding="utf-8"
        )
        mini = work / "mini"
        shutil.copytree(MINI, mini)
        pristine = work / "pristine"
        shutil.copytree(MINI, pristine)
        qom = work / "qom"
        (qom / "agencies").mkdir(parents=True)
        shutil.copy(QOM / "collection.yaml", qom / "collection.yaml")
        for agency in QOM_AGENCIES:
            shutil.copy(QOM / "agencies" / f"{agency}.yaml", qom / "agencies")
        cache = work / "cache"
        env = {
            "EGOV_AUDIT_CACHE_DIR": str(cache),
            "NO_COLOR": "1",
            "COLUMNS": "120",
            "GITHUB_ACTIONS": "",
            "GITHUB_STEP_SUMMARY": "",
        }
        sources = (MINI, QOM, outside)
        before = _snapshot(*sources)
        runner = CliRunner()
        mutations: dict[str, Callable[[Path], None]] = {
            "bytes": lambda c: _mutate_bytes(data, c),
            "structure": lambda c: _mutate_structure(data, c),
            "names": lambda c: _mutate_names(data, c),
            "file type": lambda c: _mutate_file_type(data, c, outside),
            "cache": lambda _c: _mutate_cache(data, cache),
        }
        kinds = data.draw(
            st.lists(st.sampled_from(sorted(mutations)), min_size=1, max_size=6), label="mutations"
        )
        if "cache" in kinds:  # entries to corrupt
            _run(runner, env, "validate", str(mini), str(qom), "-j", "1")
        for kind in kinds:
            collection = data.draw(st.sampled_from([mini, qom]), label="collection")
            mutations[kind](collection)

        found = _run(runner, env, "validate", str(mini), str(qom), "-f", "json", "-j", "1")
        if found.exit_code in (0, 1):
            for finding in json.loads(found.stdout)["findings"]:
                assert finding["file"], finding
                assert finding["line"] >= 1 and finding["column"] >= 1, finding
        output = data.draw(st.sampled_from(["text", "github", "sarif", "junit"]), label="format")
        if output == "github" and data.draw(st.booleans(), label="summary"):
            env = {**env, "GITHUB_STEP_SUMMARY": str(work / "summary.md")}
        shown = _run(runner, env, "validate", str(mini), str(qom), "-f", output, "-j", "1")
        if shown.exit_code in (0, 1) and output == "junit":
            ET.fromstring(shown.stdout)
        if shown.exit_code in (0, 1) and output == "sarif":
            json.loads(shown.stdout)
        report_format = data.draw(st.sampled_from(["terminal", "markdown", "json", "csv"]))
        reported = data.draw(st.sampled_from([mini, qom]), label="report on")
        _run(runner, env, "report", str(reported), "-f", report_format, "-j", "1")
        _run(runner, env, "diff", str(pristine), str(mini))
        _run(
            runner,
            env,
            "diff",
            str(pristine / "agencies" / "alpha.yaml"),
            str(mini / "agencies" / "alpha.yaml"),
        )
        assert _snapshot(*sources) == before
