"""The published schemas of the JSON outputs (schemas/output/), checked against real output.

Every JSON that ``validate``, ``report`` and ``diff`` print on the samples, the test
collections, the invalid and hostile files and small generated collections must validate
against its schema. The schemas close every object (``additionalProperties: false``), so a
key added to an output fails here until it is added to the schema, with a description;
and every property of a schema must occur in some real output here, so the schemas never
describe keys that no longer exist.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from test_history_command import hand_written_conflict, make_repository
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.io.schemas import (
    OUTPUT_SCHEMA_NAMES,
    PUBLISHED_SCHEMAS,
    SCHEMA_NAMES,
    schema_file,
    schema_text,
)
from tools import synth

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("tests") / "data"
MINI = DATA / "collections" / "mini"
MINI_EDITED = DATA / "collections" / "mini-edited"
TINY = DATA / "collections" / "tiny"
FLAWED = DATA / "collections" / "flawed"
LANGUAGES = ("en", "fa", "el", "vi")
VERSION_KEY = {
    "validate-output": "findings_version",
    "report-output": "report_version",
    "diff-output": "diff_version",
    "history-output": "history_version",
}
OPTIONAL_KEYS = {
    ("report-output", "/properties/compare"),
    ("report-output", "/properties/exchange"),
    ("report-output", "/properties/exchange/properties/compare"),
}
"""Properties of a closed object that an output may leave out (everything else is required)."""
CONDITIONS = ("if", "then", "else", "not")
"""Keywords whose subschemas constrain values already described, and add no properties."""


def schema(name: str) -> dict[str, Any]:
    """A published schema as data."""
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


def cli_json(*args: str, exit_codes: tuple[int, ...] = (0,)) -> Any:
    """Run the CLI in this process from the project root; its standard output as JSON."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in exit_codes, (args, result.exit_code, result.output)
    return json.loads(result.stdout)


def assert_valid(name: str, document: Any, what: object = "") -> None:
    """Fail with every schema error, and where to fix them, unless ``document`` validates."""
    errors = sorted(
        Draft202012Validator(schema(name)).iter_errors(document),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        lines = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
        pytest.fail(
            f"{what}: the output does not match schemas/{schema_file(name)} "
            f"({len(errors)} error(s)); if the output changed on purpose, change the schema "
            "(a new key needs a description), else the renderer:\n  " + "\n  ".join(lines[:20])
        )


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the outputs are relative to the project root, as users type them."""
    monkeypatch.chdir(ROOT)


# -- The real outputs --------------------------------------------------------------------

VALIDATED: dict[str, list[str]] = {
    "qom": ["inventories/qom"],
    "greece": ["inventories/greece"],
    "mini": [str(MINI)],
    "tiny": [str(TINY)],
    "mini-edited": [str(MINI_EDITED)],
    **{
        f"invalid-{case.name}": [str(DATA / "invalid" / case.name)]
        for case in sorted((ROOT / DATA / "invalid").iterdir())
        if case.is_dir()
    },
    "hostile-files": [
        str(DATA / "hostile" / p.name) for p in sorted((ROOT / DATA / "hostile").glob("*.yaml"))
    ],
    "one-agency-file": [str(MINI / "agencies" / "alpha.yaml")],
    "two-collections": [str(MINI), str(TINY)],
}

REPORTS: dict[str, list[str]] = {}
for _lang in LANGUAGES:
    REPORTS[f"qom-{_lang}"] = ["inventories/qom", "--lang", _lang]
    REPORTS[f"greece-{_lang}"] = ["inventories/greece", "--lang", _lang]
    REPORTS[f"qom-compare-{_lang}"] = [
        "inventories/qom",
        "-p",
        "1399-H1",
        "-c",
        "1398-H1",
        "-l",
        _lang,
    ]
for _period in ("1399", "1399-Q2", "1399-05", "1398-01..1399-06", "1398-03"):
    REPORTS[f"qom-{_period}"] = ["inventories/qom", "-p", _period]
for _period, _other in (("1399", "1398"), ("1399-05", "1398-12"), ("1398-Q4", "1399-Q1")):
    REPORTS[f"qom-{_period}-compare-{_other}"] = ["inventories/qom", "-p", _period, "-c", _other]
for _period in ("2020", "2019-H1", "2020-Q4", "2020-03", "2019-11..2020-02"):
    REPORTS[f"greece-{_period}"] = ["inventories/greece", "-p", _period]
for _period, _other in (("2020", "2019"), ("2020-H1", "2019-H1"), ("2019", "2020-12")):
    REPORTS[f"greece-{_period}-compare-{_other}"] = [
        "inventories/greece",
        "-p",
        _period,
        "-c",
        _other,
    ]
REPORTS["qom-all-unranked"] = ["inventories/qom", "--min-services", "1000", "--top", "1"]
REPORTS["qom-top-1"] = ["inventories/qom", "--min-services", "1", "--top", "1"]
for _name, _path, _other in (
    ("mini", MINI, "1398"),
    ("mini-edited", MINI_EDITED, "1398"),
    ("tiny", TINY, "2019"),
    ("flawed", FLAWED, "2019"),
):
    REPORTS[_name] = [str(_path)]
    REPORTS[f"{_name}-compare"] = [str(_path), "-c", _other]
    for _lang in LANGUAGES:
        REPORTS[f"{_name}-{_lang}"] = [str(_path), "--lang", _lang]
REPORTS["tiny-2020-h1-compare-2019-h1"] = [str(TINY), "-p", "2020-H1", "-c", "2019-H1"]
EXCHANGE = DATA / "collections" / "exchange"
REPORTS["exchange-1399-q1-compare-1398"] = [str(EXCHANGE), "-p", "1399-Q1", "-c", "1398"]
REPORTS["exchange-1399-03"] = [str(EXCHANGE), "-p", "1399-03"]
EXCHANGE_EDITED = DATA / "collections" / "exchange-edited"

ALPHA, ALPHA_EDITED = MINI / "agencies" / "alpha.yaml", MINI_EDITED / "agencies" / "alpha.yaml"
DIFFS: dict[str, tuple[Path, Path]] = {
    "folders": (MINI, MINI_EDITED),
    "folders-reversed": (MINI_EDITED, MINI),
    "files": (ALPHA, ALPHA_EDITED),
    "files-reversed": (ALPHA_EDITED, ALPHA),
    "folder-itself": (MINI, MINI),
    "file-itself": (ALPHA, ALPHA),
    "sample-itself": (Path("inventories/qom"), Path("inventories/qom")),
    # exchange services added, removed, renamed, with other consumers and inquiries
    "exchange": (EXCHANGE, EXCHANGE_EDITED),
    "exchange-reversed": (EXCHANGE_EDITED, EXCHANGE),
    "exchange-files": (
        EXCHANGE / "agencies" / "civil.yaml",
        EXCHANGE_EDITED / "agencies" / "civil.yaml",
    ),
}

EVERY_CHANGE: list[tuple[str, str]] = [
    # agency_changes
    ('declared_on: "1399-07-10"', 'declared_on: "1399-07-20"'),
    ("verified: true", "verified: false"),
    # bill-inquiry: became_unverified, channel_changes
    (
        "status: full\n    type: interactive\n    audience: [citizens, businesses]\n"
        "    channels: [portal, mobile]\n",
        "status: unknown\n    type: interactive\n    audience: [citizens, businesses]\n"
        "    channels: [portal, kiosk]\n",
    ),
    # permit: regression, type_changes, audience_changes
    (
        "status: full\n    type: transactional\n    audience: [businesses]\n",
        "status: partial\n    in_person_steps: Signed at the office\n"
        "    type: interactive\n    audience: [citizens, businesses]\n",
    ),
    # inspection: improvement
    ("status: partial\n    in_person_steps: The inspector visits the site\n", "status: full\n"),
    # news: newly_assessed
    (
        "status: unknown\n    type: informational\n",
        "status: in_person\n    in_person_steps: Collected at the office\n"
        "    type: informational\n",
    ),
]
"""Edits of mini's alpha.yaml that make every kind of change the diff reports."""

DELTA = """schema_version: 1
agency:
  id: delta
  name: Delta Agency
declared_on: "1399-07-01"
verified: true
services:
  - id: licence
    name: Licence
    status: full
    type: transactional
    audience: [businesses]
    channels: [portal]
    transactions:
      1399-05: 12
"""


def every_change(root: Path) -> tuple[Path, Path]:
    """mini, and a copy of it with every kind of change: statuses each way, channels,
    audiences, type, verified and declared_on, an agency removed (gamma) and one added."""
    new = root / "mini-changed"
    shutil.copytree(ROOT / MINI, new)
    alpha = new / "agencies" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    for before, after in EVERY_CHANGE:
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    alpha.write_text(text, encoding="utf-8")
    (new / "agencies" / "gamma.yaml").unlink()
    (new / "agencies" / "delta.yaml").write_text(DELTA, encoding="utf-8")
    return MINI, new


def validate_output(name: str) -> Any:
    return cli_json("validate", *VALIDATED[name], "--format", "json", exit_codes=(0, 1))


def report_output(name: str) -> Any:
    return cli_json("report", *REPORTS[name], "--format", "json")


def diff_output(name: str) -> Any:
    old, new = DIFFS[name]
    return cli_json("diff", str(old), str(new), "--format", "json")


@pytest.mark.parametrize("name", sorted(VALIDATED))
def test_validate_json_matches_its_schema(name: str) -> None:
    assert_valid("validate-output", validate_output(name), VALIDATED[name])


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_json_matches_its_schema(name: str) -> None:
    assert_valid("report-output", report_output(name), REPORTS[name])


@pytest.mark.parametrize("name", sorted(DIFFS))
def test_diff_json_matches_its_schema(name: str) -> None:
    assert_valid("diff-output", diff_output(name), DIFFS[name])


def test_diff_json_of_every_kind_of_change_matches_its_schema(tmp_path: Path) -> None:
    old, new = every_change(tmp_path)
    exchange = diff_output("exchange")
    for first, second in ((old, new), (new, old)):
        found = cli_json("diff", str(first), str(second), "--format", "json")
        assert_valid("diff-output", found, (first, second))
        # Every count is non-zero here, or (exchange services) in the exchange diff.
        counts = {k: v or exchange["summary"][k] for k, v in found["summary"].items()}
        assert all(counts.values()), counts
        assert found["agencies"]["added"] and found["agencies"]["removed"]
    files = cli_json(
        "diff",
        str(old / "agencies" / "alpha.yaml"),
        str(new / "agencies" / "alpha.yaml"),
        "-f",
        "json",
    )
    assert_valid("diff-output", files, "alpha.yaml, every kind of change")


# -- Generated collections ---------------------------------------------------------------


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    agencies=st.integers(min_value=1, max_value=8),
    per_agency=st.integers(min_value=1, max_value=8),
    seed=st.integers(min_value=0, max_value=10_000),
    # At most half: tools/synth.py only breaks files of agencies that provide no service
    # to others, and among the first eight agencies three are providers.
    invalid_share=st.sampled_from([0.0, 0.25, 0.5]),
    calendar=st.sampled_from(["jalali", "gregorian"]),
    min_services=st.integers(min_value=1, max_value=6),
    compare_back=st.integers(min_value=0, max_value=1),
)
def test_generated_collections_validate_and_report_to_their_schemas(
    agencies: int,
    per_agency: int,
    seed: int,
    invalid_share: float,
    calendar: str,
    min_services: int,
    compare_back: int,
) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "generated"
        synth.write(
            root,
            agencies=agencies,
            services=agencies * per_agency,
            seed=seed,
            calendar=calendar,
            invalid_share=invalid_share,
        )
        found = cli_json("validate", str(root), "--format", "json", exit_codes=(0, 1))
        assert_valid("validate-output", found, root)
        if all(not entry["ok"] for entry in found["files"] if "/agencies/" in entry["file"]):
            return  # nothing to report on (the report exits 2 and prints no JSON)
        report = cli_json("report", str(root), "--format", "json")
        assert_valid("report-output", report, root)
        year = int(report["period"]["label"])
        asked = ["-p", str(year), "-c", str(year - compare_back)]
        options = [*asked, "--min-services", str(min_services), "--format", "json"]
        result = CliRunner().invoke(app, ["report", str(root), *options])
        if result.exit_code == 2:  # a year with no transactions (see test_figures.py)
            assert f"--compare {year - compare_back}: no transactions" in result.output
        else:
            assert result.exit_code == 0, result.output
            assert_valid("report-output", json.loads(result.stdout), root)
        if all(entry["ok"] for entry in found["files"]):  # diff needs files without errors
            itself = cli_json("diff", str(root), str(root), "--format", "json")
            assert_valid("diff-output", itself, root)


# -- The schemas themselves --------------------------------------------------------------


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every object schema with ``properties`` (outside conditions): (location, node, name)."""
    if isinstance(node, dict):
        for name in node.get("properties", {}):
            yield where, node, name
        for key, sub in node.items():
            if key not in CONDITIONS:
                yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


def _objects(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema of type object (outside conditions), with its location."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, sub in node.items():
            if key not in CONDITIONS:
                yield from _objects(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _objects(sub, f"{where}/{index}")


def test_the_output_schemas_are_published_beside_the_inventory_schemas() -> None:
    assert SCHEMA_NAMES == ("agency", "collection")
    assert set(OUTPUT_SCHEMA_NAMES) <= set(PUBLISHED_SCHEMAS)
    on_disk = {p.relative_to(ROOT / "schemas").as_posix() for p in ROOT.glob("schemas/**/*.json")}
    assert on_disk == {schema_file(name) for name in PUBLISHED_SCHEMAS}
    for name in PUBLISHED_SCHEMAS:
        assert schema_text(name) == (ROOT / "schemas" / schema_file(name)).read_text(
            encoding="utf-8"
        )
    with pytest.raises(KeyError):
        schema_text("report")


@pytest.mark.parametrize("name", OUTPUT_SCHEMA_NAMES)
def test_schema_command_prints_each_output_schema(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert result.stdout == schema_text(name)


def test_schema_command_lists_every_name_on_a_wrong_one() -> None:
    result = CliRunner().invoke(app, ["schema", "report"])
    assert result.exit_code == 2
    for name in PUBLISHED_SCHEMAS:
        assert name in result.output


@pytest.mark.parametrize("name", OUTPUT_SCHEMA_NAMES)
def test_output_schema_is_valid_draft_2020_12_with_a_versioned_id(name: str) -> None:
    loaded = schema(name)
    Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    version = loaded["properties"][VERSION_KEY[name]]["const"]
    assert loaded["$id"] == f"urn:egov-audit:schema:{name}:{version}"
    assert (
        f"Always {version} for this schema"
        in loaded["properties"][VERSION_KEY[name]]["description"]
    )
    assert loaded["title"] and loaded["description"]


@pytest.mark.parametrize("name", OUTPUT_SCHEMA_NAMES)
def test_every_property_and_definition_has_a_description(name: str) -> None:
    loaded = schema(name)
    missing = [
        f"{where}/properties/{prop}"
        for where, node, prop in _properties(loaded)
        if "description" not in node["properties"][prop]
    ]
    missing += [f"/$defs/{d}" for d, sub in loaded["$defs"].items() if "description" not in sub]
    assert missing == []


@pytest.mark.parametrize("name", OUTPUT_SCHEMA_NAMES)
def test_every_object_is_closed_and_requires_its_keys(name: str) -> None:
    """A new key must be added to the schema on purpose; a listed key is always there."""
    problems = []
    for where, node in _objects(schema(name)):
        if "additionalProperties" not in node:
            problems.append(f"{where}: neither closed nor a map")
        elif node["additionalProperties"] is False:
            optional = {
                p for p in node["properties"] if (name, f"{where}/properties/{p}") in OPTIONAL_KEYS
            }
            if set(node.get("required", [])) != set(node["properties"]) - optional:
                problems.append(f"{where}: required differs from properties")
    assert problems == []


# -- The schemas are tight: each property is needed by some real output ------------------


def _corpus(name: str, tmp_path: Path) -> tuple[Any, ...]:
    """Real outputs that between them hold every key (and null) the schemas describe."""
    if name == "validate-output":
        return tuple(validate_output(case) for case in ("invalid-schema", "mini", "hostile-files"))
    if name == "report-output":
        return tuple(
            report_output(case)
            for case in (
                "tiny-compare",
                "mini-compare",
                "flawed-compare",
                "qom-1398-Q4-compare-1399-Q1",
                "qom-compare-en",  # 1399-H1, with services that regressed
                "exchange-1399-q1-compare-1398",  # a government exchange
            )
        )
    if name == "history-output":
        collection = hand_written_conflict(make_repository(tmp_path))
        (collection / "agencies" / "broken.yaml").write_text("schema_version: 2\n", "utf-8")
        return (
            cli_json("history", str(collection), "--format", "json"),
            cli_json("history", str(collection), "--format", "json", "--write"),
        )
    if name == "history-output":
        collection = hand_written_conflict(make_repository(tmp_path))
        (collection / "agencies" / "broken.yaml").write_text("schema_version: 2\n", "utf-8")
        return (
            cli_json("history", str(collection), "--format", "json"),
            cli_json("history", str(collection), "--format", "json", "--write"),
        )
    old, new = every_change(tmp_path)
    changed = cli_json("diff", str(old), str(new), "--format", "json")
    return (changed, *(diff_output(case) for case in ("folders", "files", "exchange")))


@pytest.mark.parametrize("name", OUTPUT_SCHEMA_NAMES)
def test_dropping_any_property_from_a_schema_fails_a_real_output(name: str, tmp_path: Path) -> None:
    """Drop each property in turn from a copy of the schema: some real output must fail.

    This is what makes the other tests worth trusting: additionalProperties false is in
    force everywhere, and no property is described that the outputs here never produce.
    """
    documents = _corpus(name, tmp_path)
    for document in documents:
        assert_valid(name, document)
    original = schema(name)
    unused = []
    for where, _node, prop in list(_properties(original)):
        broken = copy.deepcopy(original)
        target = broken
        for part in where.split("/")[1:]:
            target = target[int(part)] if isinstance(target, list) else target[part]
        del target["properties"][prop]
        validator = Draft202012Validator(broken)
        if all(validator.is_valid(document) for document in documents):
            unused.append(f"{where}/properties/{prop}")
    assert unused == []
