"""``egov-audit init``: a new declaration from the registry, validating, never overwriting."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from egov_audit.cli import app as egov_audit_app
from egov_audit.cli import init as init_command
from egov_audit.importer.template import schema_reference
from egov_audit.io.yamlload import load_file
from egov_audit.io.yamlwrite import yaml_str
from egov_audit.model import Severity
from egov_audit.model.calendars import Calendar, today
from egov_audit.runner.collection import validate_paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app() -> typer.Typer:
    return egov_audit_app


@pytest.fixture
def collection(tmp_path: Path, mini: Path) -> Path:
    """A copy of the mini collection, where 'delta' is registered but has not declared."""
    target = tmp_path / "mini"
    shutil.copytree(mini, target)
    return target


def errors(path: Path) -> list[str]:
    result = validate_paths([path])
    return [f"{f.location} {f.rule}" for f in result.findings if f.severity is Severity.ERROR]


def only_the_placeholder(path: Path) -> bool:
    """The untouched template fails validation on its example service, and on nothing else."""
    found = errors(path)
    return len(found) == 1 and found[0].endswith(" placeholder-service")


def replace_the_example(path: Path) -> None:
    """What an agency does next: describe a real service in place of the example."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: example-service", "id: water-bill")
    text = text.replace("name: Example service (replace with a real one)", "name: Water bill")
    path.write_text(text, encoding="utf-8")


def test_init_writes_a_declaration_that_validates(app: typer.Typer, collection: Path) -> None:
    result = CliRunner().invoke(
        app, ["init", "delta", "--collection", str(collection), "--declared-on", "1399-07-12"]
    )
    assert result.exit_code == 0, result.output
    written = collection / "agencies" / "delta.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = load_file(written).data
    assert data["agency"] == {"id": "delta", "name": "Delta Agency"}
    assert data["declared_on"] == "1399-07-12"
    assert [s["id"] for s in data["services"]] == ["example-service"]
    assert data["services"][0]["transactions"] == {"1399-07": 0}
    # a comment above every field (the months under transactions excepted)
    lines = text.splitlines()
    fields = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?[a-z_]+:", line)]
    assert len(fields) == 15
    for index in fields:
        assert lines[index - 1].lstrip().startswith("#"), lines[index]
    comments = "\n".join(line for line in lines if line.lstrip().startswith("#"))
    for words in ("full", "in_person", "portal, kiosk, mobile", "citizens, businesses"):
        assert words in comments
    assert "YYYY-MM-DD in the jalali calendar" in comments
    assert only_the_placeholder(collection)
    replace_the_example(written)
    assert errors(collection) == []
    assert validate_paths([collection]).count(Severity.WARNING) == 0


def test_declared_on_defaults_to_today_in_the_collections_calendar(
    app: typer.Typer, collection: Path
) -> None:
    result = CliRunner().invoke(app, ["init", "delta", "-c", str(collection)], input="")
    assert result.exit_code == 0, result.output
    year, month, day = today(Calendar.JALALI)
    data = load_file(collection / "agencies" / "delta.yaml").data
    assert data["declared_on"] == f"{year:04d}-{month:02d}-{day:02d}"
    assert only_the_placeholder(collection)


def test_persian_digits_and_slashes_in_declared_on(app: typer.Typer, collection: Path) -> None:
    result = CliRunner().invoke(
        app, ["init", "delta", "-c", str(collection), "--declared-on", "۱۳۹۹/۷/۱۲"]
    )
    assert result.exit_code == 0, result.output
    assert load_file(collection / "agencies" / "delta.yaml").data["declared_on"] == "1399-07-12"


def test_invalid_declared_on_is_a_usage_error(app: typer.Typer, collection: Path) -> None:
    result = CliRunner().invoke(
        app, ["init", "delta", "-c", str(collection), "--declared-on", "1398-12-30"]
    )
    assert result.exit_code == 2
    assert "not a date of the jalali calendar" in result.stderr
    assert not (collection / "agencies" / "delta.yaml").exists()


def test_refuses_to_overwrite_without_force(app: typer.Typer, collection: Path) -> None:
    existing = collection / "agencies" / "alpha.yaml"
    before = existing.read_bytes()
    result = CliRunner().invoke(app, ["init", "alpha", "-c", str(collection)])
    assert result.exit_code == 2
    assert "exists; pass --force" in result.stderr
    assert existing.read_bytes() == before
    assert [p.name for p in (collection / "agencies").iterdir() if p.name.startswith(".")] == []

    forced = CliRunner().invoke(
        app, ["init", "alpha", "-c", str(collection), "--declared-on", "1399-07-01", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    assert load_file(existing).data["services"][0]["id"] == "example-service"


def test_unknown_agency_suggests_close_ids(app: typer.Typer, collection: Path) -> None:
    result = CliRunner().invoke(app, ["init", "delt", "-c", str(collection)])
    assert result.exit_code == 2
    message = result.stderr
    assert "'delt' is not registered" in message
    assert "Did you mean 'delta'?" in message
    assert not (collection / "agencies" / "delt.yaml").exists()


def test_missing_collection_is_a_usage_error(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", "delta", "-c", str(tmp_path)])
    assert result.exit_code == 2
    assert "no collection.yaml" in result.stderr


def test_name_option_and_output_option(app: typer.Typer, collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "delta.yaml"
    result = CliRunner().invoke(
        app,
        ["init", "delta", "-c", str(collection), "-o", str(out), "--name", "Delta: the agency"],
    )
    assert result.exit_code == 0, result.output
    assert load_file(out).data["agency"]["name"] == "Delta: the agency"
    assert "agency-name-mismatch" in result.output
    assert not (collection / "agencies" / "delta.yaml").exists()


def test_creates_the_agencies_folder(app: typer.Typer, tmp_path: Path, mini: Path) -> None:
    shutil.copy(mini / "collection.yaml", tmp_path / "collection.yaml")
    result = CliRunner().invoke(app, ["init", "beta", "-c", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "agencies" / "beta.yaml").is_file()


def test_schema_reference() -> None:
    inside = ROOT / "inventories" / "new" / "agencies" / "x.yaml"
    assert schema_reference(inside) == "../../../schemas/agency.schema.json"


def test_schema_reference_outside_the_repository(tmp_path: Path) -> None:
    assert schema_reference(tmp_path / "x.yaml") == "urn:egov-audit:schema:agency:1"


def test_help_has_examples(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["init", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert "--declared-on" in result.output


def test_yaml_str_round_trips() -> None:
    import yaml

    for text in ("plain name", "yes", "010", "a: b", "# x", "استان قم", "x ", "1399-01-01"):
        assert yaml.safe_load(f"k: {yaml_str(text)}")["k"] == text


def test_asks_for_missing_values_at_a_terminal(
    app: typer.Typer, collection: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_command, "_interactive", lambda: True)
    answers = "Delta Agency\n1398-12-30\n1399-07-05\n"  # an impossible date is asked again
    result = CliRunner().invoke(app, ["init", "delta", "-c", str(collection)], input=answers)
    assert result.exit_code == 0, result.output
    assert "not a date of the jalali calendar" in result.output
    assert load_file(collection / "agencies" / "delta.yaml").data["declared_on"] == "1399-07-05"
    assert only_the_placeholder(collection)


def test_the_untouched_template_adds_nothing_to_a_report(
    app: typer.Typer, collection: Path
) -> None:
    """The example service must never count as a real fully electronic service, nor move
    the default period with its month."""
    before = CliRunner().invoke(egov_audit_app, ["report", str(collection), "-f", "json"])
    result = CliRunner().invoke(
        app, ["init", "delta", "-c", str(collection), "--declared-on", "1399-07-12"]
    )
    assert result.exit_code == 0, result.output
    after = CliRunner().invoke(egov_audit_app, ["report", str(collection), "-f", "json"])
    old, new = json.loads(before.stdout), json.loads(after.stdout)
    assert new["services"] == old["services"]
    assert new["period"] == old["period"]
    assert new["transactions"] == old["transactions"]
