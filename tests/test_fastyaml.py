"""The compiled YAML reader (egov_audit/io/_fastyaml.c) against the pure-Python loader.

Both paths read every YAML file of the repository's test data and samples, and fuzzed
text: the data (types included), every error (rule, message, hint, positions) and the
position of every path into the data must be identical. The tests of the compiled reader
skip where it was not built, and fail instead when ``EGOV_AUDIT_REQUIRE_FASTYAML=1`` (CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_audit.io import yamlload
from egov_audit.io.yamlload import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, Document, load_bytes
from egov_audit.model.errors import YamlLoadError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
REQUIRED = os.environ.get("EGOV_AUDIT_REQUIRE_FASTYAML", "") not in ("", "0")

_compiled: Callable[[str, int, int], Any] | None
_marks: Callable[[str], tuple[Any, ...] | None] | None
try:
    from egov_audit.io import _fastyaml
except ImportError:
    _compiled = _marks = None
else:
    _compiled, _marks = _fastyaml.load, _fastyaml.marks

needs_compiled = pytest.mark.skipif(
    _compiled is None and not REQUIRED,
    reason="the compiled YAML reader is not built (no C compiler or libyaml at install)",
)

CORPUS = sorted(
    path
    for folder in (DATA, ROOT / "inventories", ROOT / "tools" / "data")
    for path in folder.rglob("*")
    if path.suffix in (".yaml", ".yml") and path.is_file()
)


def test_the_compiled_reader_is_built_where_required() -> None:
    if _compiled is None:
        if REQUIRED:
            pytest.fail("EGOV_AUDIT_REQUIRE_FASTYAML=1 but egov_audit.io._fastyaml is not built")
        pytest.skip("the compiled YAML reader is not built")
    assert yamlload.loader_name() == (
        "pure-python" if os.environ.get("EGOV_AUDIT_PURE_YAML", "") not in ("", "0") else "compiled"
    )


@contextmanager
def _loader(compiled: bool) -> Iterator[None]:
    """Switch the loader in this process (what ``EGOV_AUDIT_PURE_YAML=1`` does at import)."""
    if compiled and _compiled is None:
        pytest.fail("the compiled YAML reader is not built")
    saved = yamlload._fast_load, yamlload._fast_marks
    yamlload._fast_load = _compiled if compiled else None
    yamlload._fast_marks = _marks if compiled else None
    try:
        yield
    finally:
        yamlload._fast_load, yamlload._fast_marks = saved


def _typed(value: Any) -> Any:
    """The value with every type spelled out: True == 1 and 1 == 1.0 in Python."""
    if isinstance(value, dict):
        return ("dict", [(type(k).__name__, k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, value)


def _paths(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(value, dict):
        yield (*path, "\0absent")
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        yield (*path, len(value))
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _outcome(
    data: bytes,
    *,
    compiled: bool,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
    positions: bool = True,
) -> tuple[Any, ...]:
    with _loader(compiled):
        try:
            doc = load_bytes(data, max_depth=max_depth, max_nodes=max_nodes)
        except YamlLoadError as error:
            return ("refused", error.rule, error.message, error.hint, error.position, error.related)
        except Exception as error:  # the same unexpected error from both, if any
            return ("raised", type(error).__name__, str(error))
        if not positions:
            return ("read", _typed(doc.data))
        where = [
            (path, doc.position(list(path)), doc.key_position(list(path)))
            for path in _paths(doc.data)
        ]
        if compiled:  # the marks of the compiled reader, and the node tree composed late
            composed = Document(doc.data, doc.root)
            assert where == [
                (path, composed.position(list(path)), composed.key_position(list(path)))
                for path in _paths(doc.data)
            ]
        return ("read", _typed(doc.data), where)


def _same(
    data: bytes, max_depth: int = DEFAULT_MAX_DEPTH, max_nodes: int = DEFAULT_MAX_NODES
) -> tuple[Any, ...]:
    pure = _outcome(data, compiled=False, max_depth=max_depth, max_nodes=max_nodes)
    fast = _outcome(data, compiled=True, max_depth=max_depth, max_nodes=max_nodes)
    assert fast == pure
    return pure


@needs_compiled
@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_reads_the_same(path: Path) -> None:
    _same(path.read_bytes())


@needs_compiled
def test_the_samples_are_read_by_the_compiled_reader_itself() -> None:
    """Not a fallback that hides it: every sample file is read in C, and identically."""
    assert _compiled is not None
    samples = [p for p in CORPUS if p.is_relative_to(ROOT / "inventories")]
    assert len(samples) > 100
    for path in samples:
        text = path.read_text(encoding="utf-8")
        data = _compiled(text, DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES)
        assert data is not None, path
        with _loader(False):
            assert _typed(data) == _typed(yamlload.load_text(text).data)


@needs_compiled
def test_the_hostile_files_fall_back_to_the_pure_loader() -> None:
    assert _compiled is not None
    hostile = sorted((DATA / "hostile").glob("*.yaml"))
    refused = 0
    for path in hostile:
        outcome = _same(path.read_bytes())
        refused += outcome[0] == "refused"
    assert refused >= 15


@needs_compiled
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [0x1F, 010, +5, -0, 1_000, .5, yes, NULL, ~, '12', \"7\", -12, +0]\n", None),
        (
            "k: |\n  block\n  text\nl: >-\n  folded\n  text\n",
            {"k": "block\ntext\n", "l": "folded text"},
        ),
        ("{a: 1, 'b': true, \"c\": False, ~: x, '': y, 1: z}\n", None),
        ("- \n- ~\n- null\n- Null\n- nULL\n- TRUE\n- tRUE\n- '~'\n", None),
        ("a: ۱۲\nb: 12\tc\nc: -\nd: --1\ne: +-1\nf: '+1'\n", None),
        ("x" * 10, None),
        ("'quoted root'", None),
        ("12", None),
        ("a:\t1\n", None),
        ("a: 1\n...\n", None),
        ("--- \na: 1\n", None),
        ("a: " + "1" * 101 + "\n", None),
        ("a: +" + "1" * 100 + "\n", None),
        ("a: -" + "1" * 101 + "\n", None),  # too many digits: refused
        ("%YAML 1.1\n---\na: 1\n", None),
        ("a: !!str 1\n", None),
        ("a: ! 1\n", None),
        ("a: &x 1\nb: *x\n", None),
        ("? [a]\n: b\n", None),
        ("{[a]: b}\n", None),
        ("a: 1\na: 2\n", None),
        ("a: 1\n'a': 2\n", None),
        ("--- 1\n--- 2\n", None),
        ("a: 1\n---\n", None),
        ("", None),
        ("# only a comment\n", None),
        ("~\n", None),
        ("null", None),
        ("''", None),
        ("[a, b", None),
        ("a: b: c\n", None),
        ("\ufeffa: 1\n", None),
        ("a: \ufeff1\n", None),
        ('a: "\\ud800"\n', None),
        ('a: "\\0"\n', None),
        ("a: \x07\n", None),
        ("\u00e9\u0634: \U0001f600\n", None),
    ],
)
def test_odd_scalars_and_refusals_read_the_same(text: str, expected: Any) -> None:
    outcome = _same(text.encode("utf-8"))
    if expected is not None:
        assert outcome[0] == "read" and outcome[1] == _typed(expected)


@needs_compiled
@pytest.mark.parametrize("depth", [1, 2, 3, 4])
def test_the_depth_and_node_limits_are_the_pure_loaders(depth: int) -> None:
    text = b"a:\n  b:\n    c: [1, {d: 2}]\n"
    _same(text, max_depth=depth)
    for nodes in (1, 5, 7, 8, 9, 100):
        _same(text, max_nodes=nodes)


@needs_compiled
def test_no_reference_is_leaked() -> None:
    """Read, refuse half-way (with a pending key, open collections) and fall back, often."""
    assert _compiled is not None
    load = _compiled
    texts = [
        "a: [1, x, {b: ~, c: 'd'}]\nz: |\n  t\n",
        "a: {b: [1, 2, {c: 3}]}\na: 2\n",  # duplicate key after building values
        "a: {b: [1, 2, &x {c: 3}]}\n",  # anchor deep inside
        "a: {b: [1, 2, *x]}\n",
        "a: {b: [1, 2, [[[[1]]]]]}\n",  # too deep at 4
        "a: {b: [1, 2}\n",  # syntax error with collections open
        "a: 1\n--- 2\n",
        "a: " + "9" * 102 + "\n",
        'a: "\\ud800"\n',
        "k: v\n" * 50,
    ]
    for text in texts:  # warm up caches and interned values
        load(text, 4, 120)
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(2000):
            for text in texts:
                load(text, 4, 120)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 64 * 1024, f"{after - before:,} bytes kept"


# --- fuzzing -----------------------------------------------------------------------------

_SMALL_FILES = [p for p in CORPUS if p.stat().st_size < 6000][:80]
_PIECES = [
    *(s.encode() for s in ["0x1F", "010", "+5", "-0", "1_000", ".5", "yes", "NULL", "~", "'12'"]),
    *(s.encode() for s in ['"12"', "|\n  x\n", ">-\n  y\n", "[", "]", "{", "}", ", ", ": "]),
    *(s.encode() for s in ["- ", "\n", "\t", " ", "#", "&a ", "*a", "!t ", "---\n", "...\n"]),
    *(s.encode() for s in ["? ", '"', "'", "%YAML 1.2\n", "\\", "\r\n", "ي", "۱", "\ufeff"]),
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x00",
    b"\x80",
    b"1" * 101,
    b"-" + b"1" * 101,
]


@needs_compiled
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_SMALL_FILES or [DATA / "hostile" / "norway.yaml"]),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 6),
            st.sampled_from(_PIECES) | st.binary(max_size=3),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_mutated_real_files_read_the_same(
    path: Path, mutations: list[tuple[float, int, bytes]]
) -> None:
    data = path.read_bytes()
    for where, cut, piece in mutations:
        at = int(where * len(data))
        data = data[:at] + piece + data[at + cut :]
    _same(data)


class _Block:
    """A block scalar (``|`` or ``>``): only in block style."""

    def __init__(self, text: str, indicator: str) -> None:
        self.text, self.indicator = text, indicator


_ODD = [
    *("0x1F", "010", "+5", "-0", "1_000", ".5", "yes", "no", "on", "NULL", "Null", "nULL"),
    *("null", "~", "", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "'12'"),
    *('"12"', '"-0"', "'~'", "''", '""', "12", "-7", "+0", "007", "1e3", "0o17", "1.0", "x"),
    *("سلام", "۱۲", "1399-02-31", "'a: b'", '"\\t\\u00e9"', "é", "日本", "-", "--1", "+-1"),
    *("1" * 101, "1" * 102, "-" + "1" * 101, "+" + "1" * 100, "a b", "a\tb", "'it''s'"),
]
_SCALAR = (
    st.sampled_from(_ODD)
    | st.from_regex(r"[-+]?[0-9]{1,25}", fullmatch=True)
    | st.builds(
        _Block,
        st.sampled_from(["x", "a\nb", "  lead", "end\n\n"]),
        st.sampled_from(["|", ">", "|-", ">+"]),
    )
)
_KEY = st.sampled_from(["a", "b", "id", "1", "true", "~", "'a'", '"b"', "é", "x y", "null", "''"])


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.tuples(
        st.just("map"), st.booleans(), st.lists(st.tuples(_KEY, children), max_size=4)
    ) | st.tuples(st.just("seq"), st.booleans(), st.lists(children, max_size=4))


_TREE = st.recursive(_SCALAR, _containers, max_leaves=24)


def _flow(node: Any) -> str:
    if isinstance(node, _Block):
        return '"' + node.text.replace("\\", "\\\\").replace("\n", "\\n") + '"'
    if isinstance(node, str):
        return node
    kind, _, items = node
    if kind == "map":
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in items) + "}"
    return "[" + ", ".join(_flow(v) for v in items) + "]"


def _block(node: Any, indent: int) -> str:
    """The node as the rest of a line (after ``key:`` or ``-``) and the lines below it."""
    pad = " " * indent
    if isinstance(node, _Block):
        body = "".join(f"{pad}  {line}\n" for line in node.text.split("\n"))
        return f" {node.indicator}\n{body}"
    if isinstance(node, str):
        return f" {node}\n"
    kind, flow, items = node
    if flow or not items:
        return f" {_flow(node)}\n"
    if kind == "map":
        return "\n" + "".join(f"{pad}{k}:{_block(v, indent + 2)}" for k, v in items)
    return "\n" + "".join(f"{pad}-{_block(v, indent + 2)}" for v in items)


@needs_compiled
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    _TREE,
    st.sampled_from(["", "\ufeff", "---\n", "--- ", "# c\n", "%YAML 1.2\n---\n"]),
    st.sampled_from(["", "...\n", "# end\n", "\n\n", "---\n"]),
    st.sampled_from(["utf-8", "utf-16", "crlf", "tabs"]),
    st.sampled_from([(DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES), (3, 1000), (32, 12), (2, 6)]),
)
def test_generated_documents_read_the_same(
    tree: Any, head: str, tail: str, encoding: str, limits: tuple[int, int]
) -> None:
    text = _block(tree, 0)
    text = text[1:] if text.startswith(("\n", " ")) else text
    text = head + text + tail
    if encoding == "crlf":
        text = text.replace("\n", "\r\n")
    elif encoding == "tabs":
        text = text.replace(": ", ":\t", 1)
    data = text.encode("utf-16" if encoding == "utf-16" else "utf-8")
    _same(data, max_depth=limits[0], max_nodes=limits[1])


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab:- \n[]{}&*!#'\"?|>,%@`\t0۱~+.x\ufeff\r")), max_size=99
    )
)
def test_yaml_like_text_reads_the_same(text: str) -> None:
    _same(text.encode("utf-8", errors="surrogatepass"))


@needs_compiled
@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_read_the_same(data: bytes) -> None:
    _same(data)


# --- the command line --------------------------------------------------------------------

_COMMANDS = [
    ["validate", "inventories/qom", "--format", "json"],
    ["validate", "inventories/greece", "tests/data/collections/mini"],
    ["validate", "tests/data/collections/flawed", "--format", "sarif"],
    ["validate", *(str(p.relative_to(ROOT)) for p in sorted((DATA / "hostile").glob("*.yaml")))],
    *(
        ["validate", str(case.relative_to(ROOT)), "--format", "json"]
        for case in sorted((DATA / "invalid").iterdir())
        if case.is_dir()
    ),
    ["report", "inventories/qom", "--format", "json"],
    ["report", "inventories/greece", "--format", "markdown", "--lang", "en"],
]


def _run(command: list[str], pure: bool, cache: Path) -> tuple[int, str, str]:
    env = {**os.environ, "EGOV_AUDIT_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("EGOV_AUDIT_PURE_YAML", None)
    if pure:
        env["EGOV_AUDIT_PURE_YAML"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "egov_audit", *command, "--no-cache"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


@needs_compiled
@pytest.mark.parametrize("command", _COMMANDS, ids=lambda c: "-".join(c[:2] + c[-1:]))
def test_validate_and_report_print_the_same_with_either_loader(
    command: list[str], tmp_path: Path
) -> None:
    pure = _run(command, True, tmp_path / "pure")
    fast = _run(command, False, tmp_path / "fast")
    assert fast == pure
    assert pure[1]
