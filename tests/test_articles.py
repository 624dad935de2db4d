"""The source articles reproduced: each sample's figures, exactly, through the real command
line and its JSON (docs/samples.md lists every figure and the command that prints it).

Printed figures are checked in the Markdown report, whose lines never wrap."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == code, result.output
    return result.stdout


def report(sample: str, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(run("report", f"inventories/{sample}", "-f", "json", *args))
    return data


def changes(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in data["exchange"]["compare"]["figures"]}


def headline(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in data["compare"]["figures"]}


@pytest.mark.parametrize("sample", ["greece-national", "vietnam", "nix", "pgsb"])
def test_each_sample_validates_without_a_finding(sample: str) -> None:
    assert run("validate", f"inventories/{sample}", "--strict").endswith("0 errors, 0 warnings\n")


# -- Greece: electronic transactions 2018-2020 and the Interoperability Centre ---------------


def test_greece_electronic_transactions_of_each_year() -> None:
    together = {
        year: report("greece-national", "-p", year)["exchange"]["transactions_and_inquiries"]
        for year in ("2018", "2019", "2020")
    }
    assert together == {"2018": 8_780_889, "2019": 34_688_318, "2020": 91_248_630}
    assert together["2020"] > 90_000_000


def test_greece_2020_against_2018_and_2019() -> None:
    against_2018 = changes(report("greece-national", "-p", "2020", "-c", "2018"))
    assert round(against_2018["exchange.transactions_and_inquiries"]["ratio"], 1) == 10.4
    against_2019 = report("greece-national", "-p", "2020", "-c", "2019")
    together = changes(against_2019)["exchange.transactions_and_inquiries"]
    assert round(together["ratio"], 1) == 2.6  # the article's "almost three times"
    inquiries = changes(against_2019)["exchange.inquiries"]
    assert (inquiries["current"], inquiries["previous"]) == (37_000_000, 5_522_388)
    assert round(inquiries["percent"], 1) == 570.0
    assert inquiries["previous"] // 1_000_000 == 5  # "5.000.000": millions written truncated
    taxisnet = headline(against_2019)["transactions"]
    assert (taxisnet["current"], taxisnet["previous"]) == (54_248_630, 29_165_930)
    assert round(taxisnet["percent"], 1) == 86.0


def test_greece_services_and_data_exchanges_as_printed_in_greek() -> None:
    data = report("greece-national", "-p", "2020")
    assert data["services"]["total"] == 1_120
    assert [p["id"] for p in data["exchange"]["providers"]] == [
        "labour",
        "idika",
        "interior",
        "police",
        "aade",
    ]
    text = run(
        "report", "inventories/greece-national", "-p", "2020", "-c", "2019", "-f", "markdown"
    )
    assert "91.248.630" in text and "37.000.000" in text and "5.522.388" in text
    assert "+570,0%" in text and "6,7x" in text


# -- Vietnam: the National Public Service Portal ----------------------------------------------


def test_vietnam_online_public_services_by_audience() -> None:
    data = report("vietnam")
    assert data["services"]["total"] == 3_096
    assert data["audiences"]["citizens"]["count"] == 1_696
    assert data["audiences"]["businesses"]["count"] == 1_688
    assert (data["agencies"]["declared"], data["agencies"]["expected"]) == (86, 86)


def test_vietnam_prints_the_counts_in_vietnamese() -> None:
    text = run("report", "inventories/vietnam", "-f", "markdown")
    assert "báo cáo mức độ sẵn sàng chính phủ điện tử" in text
    assert "3.096" in text and "1.696" in text and "1.688" in text
    assert "86 trên 86 cơ quan" in text


# -- NIX: the National Information Exchange ---------------------------------------------------


def test_nix_1399_against_1396() -> None:
    data = report("nix", "-p", "1399", "-c", "1396")
    found = data["exchange"]
    assert (found["inquiries"], found["services"], len(found["providers"])) == (
        1_310_000_000,
        961,
        56,
    )
    figures = changes(data)
    assert figures["exchange.inquiries"]["previous"] == 103_000_000
    assert figures["exchange.services"]["previous"] == 282
    assert figures["exchange.providers"]["previous"] == 25
    top = [(p["id"], p["inquiries"]["share"]) for p in found["providers"][:3]]
    assert top == [("civil-registration", 0.57), ("cra", 0.2), ("post", 0.06)]


def test_nix_demand_waiting_on_the_judiciary_and_the_police() -> None:
    waiting = report("nix", "-p", "1399")["exchange"]["waiting"]
    shares = [(p["id"], p["transactions"]["share"]) for p in waiting["providers"]]
    assert shares == [("judiciary", 0.46), ("police", 0.27)]
    assert waiting["transactions"]["share"] == 0.65  # each waiting service once: "nearly 65%"
    text = run("report", "inventories/nix", "-p", "1399", "-f", "markdown")
    assert "۴۶٫۰٪" in text and "۲۷٫۰٪" in text and "۶۵٫۰٪" in text and "۵۷٫۰٪" in text


def test_nix_did_not_exist_in_1392() -> None:
    run("report", "inventories/nix", "-p", "1392", code=2)


# -- PGSB: the Public Government Service Bus --------------------------------------------------


@pytest.mark.parametrize(
    ("year", "providers", "consumers", "inquiries"),
    [("1398", 4, 68, 1_534_612), ("1399", 16, 272, 193_000_000), ("1401", 46, 684, 4_505_269_244)],
)
def test_pgsb_providers_consumers_and_transactions_of_a_year(
    year: str, providers: int, consumers: int, inquiries: int
) -> None:
    found = report("pgsb", "-p", year)["exchange"]
    assert (len(found["providers"]), found["consumers"], found["inquiries"]) == (
        providers,
        consumers,
        inquiries,
    )


def test_pgsb_1401_busiest_and_quietest_months_and_leaders() -> None:
    found = report("pgsb", "-p", "1401")["exchange"]
    busiest, quietest = found["busiest_month"], found["quietest_month"]
    assert busiest == [
        {
            "month": "1401-11",
            "inquiries": 694_731_406,
            "services": 346,
            "providers": 45,
            "consumers": 677,
        }
    ]
    assert [(m["month"], m["inquiries"]) for m in quietest] == [("1401-03", 63_048_215)]
    assert [p["id"] for p in found["providers"][:3]] == [
        "interior",
        "ito",
        "administrative-recruitment",
    ]
    assert [c["id"] for c in found["by_consumer"][:3]] == ["education", "snapp", "tapsi"]
    text = run("report", "inventories/pgsb", "-p", "1401", "--lang", "en", "-f", "markdown")
    assert "1401-11 Bahman" in text and "1401-03 Khordad" in text and "694,731,406" in text


def test_pgsb_the_two_years_before_1401() -> None:
    assert report("pgsb", "-p", "1399-01..1400-12")["exchange"]["inquiries"] == 394_000_000


# -- Every sample comes from its generator ----------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("sample", "tool"),
    [
        ("greece-national", "generate_greece_national"),
        ("vietnam", "generate_vietnam"),
        ("nix", "generate_nix"),
        ("pgsb", "generate_pgsb"),
    ],
)
def test_the_generator_reproduces_the_committed_sample(
    tmp_path: Path, sample: str, tool: str
) -> None:
    out = tmp_path / sample
    result = subprocess.run(
        [sys.executable, "-m", f"tools.{tool}", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    committed, generated = _files(ROOT / "inventories" / sample), _files(out)
    assert sorted(generated) == sorted(committed)
    assert [name for name in committed if generated[name] != committed[name]] == []
