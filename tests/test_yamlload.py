"""The strict loader: YAML 1.2 core scalars, positions, and every refusal of hostile input."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov_audit.io.yamlload import load_bytes, load_file, load_text
from egov_audit.model.errors import Position, YamlLoadError
from egov_audit.runner.collection import validate_paths

HOSTILE = Path(__file__).parent / "data" / "hostile"


def _expected() -> list[tuple[str, str, str]]:
    lines = (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line]  # type: ignore[misc]


def test_every_hostile_file_has_an_expectation() -> None:
    assert sorted(name for name, _, _ in _expected()) == sorted(
        p.name for p in HOSTILE.glob("*.yaml")
    )


@pytest.mark.parametrize(("name", "where", "rule_id"), _expected())
def test_hostile_file_is_refused_at_the_right_place(name: str, where: str, rule_id: str) -> None:
    result = validate_paths([HOSTILE / name])
    found = {(f"{f.line}:{f.column}", f.rule) for f in result.findings}
    assert (where, rule_id) in found
    assert not any(r.ok for r in result.files)


def test_yaml_1_2_core_scalars_only() -> None:
    doc = load_text(
        "a: no\nb: on\nc: 010\nd: 1399-02-31\ne: 1.5\nf: true\ng: ~\nh:\ni: '12'\n"
        "j: -7\nk: 0x10\nl: FALSE\nm: .inf\n"
    )
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": 10,
        "d": "1399-02-31",
        "e": "1.5",
        "f": True,
        "g": None,
        "h": None,
        "i": "12",
        "j": -7,
        "k": "0x10",
        "l": False,
        "m": ".inf",
    }


def test_keys_stay_the_text_written() -> None:
    doc = load_text("1399-01: 5\ntrue: x\n12: y\n")
    assert doc.data == {"1399-01": 5, "true": "x", "12": "y"}


def test_positions_map_paths_back_to_lines_and_columns() -> None:
    doc = load_text("services:\n  - id: a\n    channels: [portal, kiosk]\n")
    assert doc.position(["services", 0, "channels", 1]) == Position(3, 24)
    assert doc.key_position(["services", 0, "channels"]) == Position(3, 5)
    assert doc.position(["services", 0, "missing"]) == Position(2, 5)  # the enclosing mapping
    assert doc.position(["services", 5]) == Position(2, 3)


def test_duplicate_key_names_both_lines() -> None:
    with pytest.raises(YamlLoadError) as caught:
        load_text("a: 1\nb: 2\na: 3\n")
    assert caught.value.rule == "yaml-duplicate-key"
    assert caught.value.position == Position(3, 1)
    assert caught.value.related == Position(1, 1)
    assert "lines 1 and 3" in caught.value.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_byte_order_marks_are_accepted(encoding: str) -> None:
    text = "name: اداره کل\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert load_bytes(data).data == {"name": "اداره کل"}


def test_size_limit() -> None:
    with pytest.raises(YamlLoadError) as caught:
        load_bytes(b"a: 1\n" * 100, max_bytes=64)
    assert caught.value.rule == "yaml-too-large"


def test_size_limit_reads_no_more_than_needed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" + b"# padding\n" * 200_000)
    with pytest.raises(YamlLoadError) as caught:
        load_file(big, max_bytes=1024)
    assert caught.value.rule == "yaml-too-large"


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "a: " + "{b: " * 50_000 + "}" * 50_000,
        "".join(" " * i + "- \n" for i in range(3000)),
        "- " * 60_000 + "x\n",
    ],
)
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    with pytest.raises(YamlLoadError) as caught:
        load_text(text)
    assert caught.value.rule in ("yaml-too-deep", "yaml-syntax")


def test_depth_limit_is_configurable() -> None:
    assert load_text("a:\n  b:\n    c: 1\n", max_depth=3).data == {"a": {"b": {"c": 1}}}
    with pytest.raises(YamlLoadError) as caught:
        load_text("a:\n  b:\n    c: 1\n", max_depth=2)
    assert caught.value.rule == "yaml-too-deep"
    assert caught.value.position == Position(3, 5)  # the third mapping


def test_anchor_in_text_but_not_yaml_is_fine() -> None:
    assert load_text("name: Roads & Urban *Development*\nnote: 'a &b *c !d'\n").data == {
        "name": "Roads & Urban *Development*",
        "note": "a &b *c !d",
    }


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(YamlLoadError) as missing:
        load_file(tmp_path / "nope.yaml")
    assert missing.value.rule == "file-unreadable"
    with pytest.raises(YamlLoadError) as folder:
        load_file(tmp_path)
    assert folder.value.rule == "file-unreadable"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(YamlLoadError) as caught:
        load_file(pipe)
    assert caught.value.rule == "file-unreadable"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_load_or_raise_a_located_load_error(data: bytes) -> None:
    try:
        load_bytes(data)
    except YamlLoadError as error:
        assert error.rule.startswith(("yaml-", "file-"))
        assert error.position is not None
        assert error.position.line >= 1 and error.position.column >= 1


_YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n[]{}&*!#'\"?|>,%@`\t0۱")), max_size=200)


@settings(max_examples=500, deadline=None)
@given(_YAMLISH)
def test_any_yaml_like_text_loads_or_raises_a_located_load_error(text: str) -> None:
    try:
        load_text(text)
    except YamlLoadError as error:
        assert error.position is not None


_NODE_PROPERTY_CASES = [
    (name, where, rule_id)
    for name, where, rule_id in _expected()
    if rule_id in ("yaml-alias", "yaml-tag")
]


@pytest.mark.parametrize(("name", "where", "rule_id"), _NODE_PROPERTY_CASES)
def test_the_loader_refuses_node_properties_the_pre_scan_misses(
    name: str, where: str, rule_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the cheap text scan misses, the node tree itself is checked."""
    from egov_audit.io import yamlscan

    monkeypatch.setattr(yamlscan, "needs_event_scan", lambda text: False)
    with pytest.raises(YamlLoadError) as caught:
        load_file(HOSTILE / name)
    assert caught.value.rule == rule_id
    assert str(caught.value.position) == where


@pytest.mark.parametrize(
    "text",
    [
        "a:\n\ufeff&x\n  [1]\nb: \ufeff*x\n",
        "{a:\n\ufeff&x [1], b:\n\ufeff*x}\n",
        "{a:\n\ufeff!!str 1}\n",
        "{a:\n\ufeff! 1}\n",
        "{\n\ufeff&k a: 1}\n",
        "[\n\ufeff!<tag:yaml.org,2002:int> 1]\n",
    ],
)
def test_byte_order_marks_hide_no_anchor_alias_or_tag(text: str) -> None:
    # libyaml skips a byte-order mark at the start of a line; within a line it is text.
    assert load_text("{\ufeff&k a: 1}\n").data == {"\ufeff&k a": 1}
    with pytest.raises(YamlLoadError) as caught:
        load_text(text)
    assert caught.value.rule in ("yaml-alias", "yaml-tag")
    assert caught.value.position is not None and caught.value.position.line >= 1


def test_the_number_of_values_is_limited() -> None:
    assert len(load_text("- x\n" * 500, max_nodes=501).data) == 500
    with pytest.raises(YamlLoadError) as caught:
        load_text("- x\n" * 500, max_nodes=400)
    assert caught.value.rule == "yaml-too-large"
    assert caught.value.position == Position(400, 3)  # the 401st value: the sequence is one
    assert "more than 400 values" in caught.value.message


@pytest.mark.parametrize("item", ["- x\n", "  - [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"])
def test_a_file_of_small_items_is_refused_in_bounded_memory(item: str) -> None:
    """8 MiB of small list items composed to 1.6 GB of nodes; refused before composing."""
    import tracemalloc

    head = 'schema_version: 1\nagency: {id: a, name: A}\ndeclared_on: "1399-07-10"\nservices:\n'
    text = head + item * ((8 * 1024 * 1024 - len(head)) // len(item))
    tracemalloc.start()
    try:
        with pytest.raises(YamlLoadError) as caught:
            load_text(text)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.rule == "yaml-too-large"
    assert peak < 64 * 1024 * 1024, f"{peak:,} bytes"
