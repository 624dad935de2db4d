"""Take-up, peaks, follow-up, interoperability and benchmarks in every report format;
``--compare``; ``--format csv``.

The figures of tests/data/collections/tiny are worked out by hand in tests/test_insights.py;
the expected documents tests/expected/tiny-2020-01..2020-02.md/.json were checked against them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model.period import parse_period
from egov_audit.render import ReportFormat, report_renderer
from egov_audit.render.i18n import translator
from egov_audit.render.report import csv as report_csv
from egov_audit.render.report import html as report_html
from egov_audit.render.report import json as report_json
from egov_audit.render.report import markdown as report_markdown
from egov_audit.render.report import terminal as report_terminal
from egov_audit.render.report.sections import tables
from egov_audit.runner.collection import load_collection

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = Path(__file__).parent / "expected"
TINY = Path(__file__).parent / "data" / "collections" / "tiny"
PERIOD, EARLIER = "2020-01..2020-02", "2019-01..2019-02"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point, ``python -m egov_audit``."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    return subprocess.run(
        [sys.executable, "-m", "egov_audit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def _report(path: Path, period: str) -> ReadinessReport:
    loaded = load_collection(path)
    return build_report(loaded.collection, loaded.declarations, parse_period(period))


@pytest.fixture
def tiny() -> ReadinessReport:
    return _report(TINY, PERIOD)


@pytest.fixture
def earlier() -> ReadinessReport:
    return _report(TINY, EARLIER)


# (a) the whole tiny report, compared in full with documents checked by hand


def test_tiny_markdown_matches_the_expected_document() -> None:
    result = run("report", ".", "--period", PERIOD, "--format", "markdown", cwd=TINY)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (EXPECTED / f"tiny-{PERIOD}.md").read_text(encoding="utf-8")


def test_tiny_json_matches_the_expected_document() -> None:
    result = run("report", ".", "--period", PERIOD, "--format", "json", cwd=TINY)
    assert result.returncode == 0, result.stderr
    produced = json.loads(result.stdout)
    expected = json.loads((EXPECTED / f"tiny-{PERIOD}.json").read_text(encoding="utf-8"))
    produced["tool"]["version"] = expected["tool"]["version"]
    assert produced == expected
    assert produced["report_version"] == 2
    assert "compare" not in produced


def test_tiny_json_new_keys(tiny: ReadinessReport) -> None:
    data = report_json.to_dict(tiny)
    assert data["transactions"]["busiest_month"] == {"months": ["2020-02"], "count": 1490}
    assert data["transactions"]["quietest_month"] == {"months": ["2020-01"], "count": 1255}
    take_up = data["take_up"]
    assert (take_up["digital"], take_up["assisted"], take_up["in_person"]) == (110, 30, 10)
    assert (take_up["total"], take_up["share"]) == (150, round(110 / 150, 6))
    assert [(a["id"], a["digital"], a["total"]) for a in take_up["by_agency"]] == [
        ("civil", 30, 50),
        ("tax", 80, 100),
    ]
    interop = data["interoperability"]
    assert interop["dependent_transactions"] == 2205
    providers = interop["providers"]
    assert [(p["id"], p["dependent_services"], p["dependent_transactions"]) for p in providers] == [
        ("civil", 3, 2205),
        ("land", 1, 200),
        ("tax", 1, 5),
    ]
    assert sum(p["share"] for p in interop["providers"]) > 1  # several providers per service
    assert [(c["id"], c["services"], c["dependencies"]) for c in interop["consumers"]] == [
        ("tax", 2, 3),
        ("land", 1, 2),
    ]
    assert [
        (g["provider"]["id"], [b["service"] for b in g["blockers"]]) for g in interop["blocked"]
    ] == [("land", ["tax/tax-clearance"]), ("tax", ["land/title-transfer"])]
    sdg, un = data["benchmarks"]
    assert (sdg["catalogue"], sdg["items"], len(sdg["missing"])) == ("sdg", 21, 19)
    assert sdg["fully_electronic"] == ["sdg:income-tax-declaration"]
    assert (un["catalogue"], un["covered"]) == ("un", ["un:corporate-tax", "un:birth-certificate"])
    follow_up = data["follow_up"]
    assert [(r["id"], r["open"]) for r in follow_up["open_services"]] == [
        ("land", 2),
        ("civil", 1),
        ("tax", 1),
    ]
    assert follow_up["in_person_steps"][0] == {
        "step": "Collect the certificate at the counter.",
        "services": 2,
    }


def test_sections_without_data_say_so(mini: Path) -> None:
    # mini has no split month, no benchmark code and no blocked service
    text = report_markdown.render(_report(mini, "1399-H1"))
    assert (
        "## Digital take-up\n\nNo data: no transactions of the period are split by channel.\n"
        in (text)
    )
    assert "## Benchmark coverage\n\nNo data: no service carries a benchmark code" in text
    assert "## Interoperability: blocked services\n\nNone in the period. Blockers:" in text
    one_month = report_markdown.render(_report(mini, "1399-01"))
    assert "No data: fewer than two months of the period have transactions declared." in one_month


# (b) --compare


def test_compare_in_json(tiny: ReadinessReport, earlier: ReadinessReport) -> None:
    result = run("report", ".", "-p", PERIOD, "--compare", EARLIER, "-f", "json", cwd=TINY)
    assert result.returncode == 0, result.stderr
    compared = json.loads(result.stdout)["compare"]
    assert compared["period"] == {
        "label": EARLIER,
        "start": "2019-01",
        "end": "2019-02",
        "months_with_data": ["2019-01", "2019-02"],
        "as_of": "2019-02-28",
        "undated": 6,  # no service has a history; all were declared after 2019-02
    }
    assert compared["coverage_differs"] is False
    assert "takes every service's state at its own end" in compared["note"]
    figures = {f["key"]: f for f in compared["figures"]}
    assert figures["transactions"] == {
        "key": "transactions",
        "unit": "count",
        "current": 2745,
        "previous": 1000,
        "ratio": 2.745,
        "percent": 174.5,
        "points": None,
    }
    assert figures["services"]["ratio"] == 1.0 and figures["services"]["percent"] == 0.0
    assert figures["new_services"]["ratio"] is None  # none in either year
    # no split month in 2019: no take-up to compare with
    assert figures["digital_take_up"] == {
        "key": "digital_take_up",
        "unit": "share",
        "current": round(110 / 150, 6),
        "previous": None,
        "ratio": None,
        "percent": None,
        "points": None,
    }
    # the fully electronic share changes in percentage points: 2 of 6 services in both
    assert figures["full_share"]["unit"] == "share"
    assert figures["full_share"]["points"] == 0.0 and figures["full_share"]["ratio"] is None
    assert report_json.to_dict(tiny, earlier)["compare"] == compared


def _cells(text: str, first: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith(f"| {first} "))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_compare_in_markdown_terminal_and_html(
    tiny: ReadinessReport, earlier: ReadinessReport
) -> None:
    markdown = run("report", ".", "-p", PERIOD, "--compare", EARLIER, "-f", "markdown", cwd=TINY)
    assert markdown.returncode == 0, markdown.stderr
    text = markdown.stdout
    assert "## Compared with 2019-01..2019-02" in text
    assert "Each period takes every service's state at its own end" in text
    assert "6 services of 2019-01..2019-02 have no history reaching back to its end" in text
    assert _cells(text, "Figure") == ["Figure", PERIOD, EARLIER, "Change", "Change (%)"]
    assert _cells(text, "Transactions") == ["Transactions", "2,745", "1,000", "2.7x", "+174.5%"]
    assert _cells(text, "Digital take-up") == ["Digital take-up", "73.3%", "-", "-", "-"]
    # the comparison comes before the other sections, which are unchanged by it
    plain = report_markdown.render(tiny)
    assert text.index("## Compared with") < text.index("## Services by status")
    assert text.replace(text[text.index("## Compared") : text.index("## Services by")], "") == (
        plain
    )
    terminal = report_terminal.render(tiny, previous=earlier, width=200)
    assert "Compared with 2019-01..2019-02" in terminal
    assert "2.7x" in terminal and "+174.5%" in terminal
    html = report_html.render(tiny, previous=earlier)
    assert '<section id="compare">' in html and "+174.5%" in html
    assert "compare" not in report_html.render(tiny).split("<main>")[1].split("</main>")[0][:40]


@pytest.mark.parametrize("lang", ["fa", "el", "vi"])
def test_new_sections_are_translated(
    lang: str, tiny: ReadinessReport, earlier: ReadinessReport
) -> None:
    tr = translator(lang)
    english = [t.title for t in tables(tiny, previous=earlier)]
    translated = [t.title for t in tables(tiny, tr, earlier)]
    assert len(english) == len(translated) == 20  # with the transactions by channel
    for en, other in zip(english, translated, strict=True):
        assert en != other
    notes = [t.note for t in tables(tiny, tr, earlier)]
    assert not any("GOV.UK service manual defines" in note for note in notes)
    for render in (report_markdown.render, report_html.render):
        assert render(tiny, lang, previous=earlier)


def test_persian_figures_of_the_comparison(tiny: ReadinessReport, earlier: ReadinessReport) -> None:
    text = report_markdown.render(tiny, "fa", previous=earlier)
    assert "۲٫۷ برابر" in text and "+۱۷۴٫۵٪" in text


# (c) CSV


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_is_a_report_format() -> None:
    assert ReportFormat("csv") is ReportFormat.CSV
    report = _report(TINY, "2020-01..2020-02")
    assert report_renderer(ReportFormat.CSV)(report) == report_csv.render(report)


def test_csv_per_agency_table(tmp_path: Path) -> None:
    target = tmp_path / "agencies.csv"
    result = run("report", str(TINY), "-p", PERIOD, "-f", "csv", "-o", str(target))
    assert result.returncode == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        list(report_csv.HEADERS),
        ["civil", "Civil Registry", "", "true", "2", "1", "1", "0", "0", "0.500000",
         "2", "1", "0", "500", "0.600000"],
        ["land", "Land Registry", "", "false", "2", "0", "0", "1", "1", "0.000000",
         "1", "0", "0", "45", ""],
        ["tax", "Tax Office", "", "true", "2", "1", "1", "0", "0", "0.500000",
         "2", "1", "2", "2200", "0.800000"],
    ]  # fmt: skip
    stdout = run("report", str(TINY), "-p", PERIOD, "-f", "csv", "--min-services", "1")
    # civil and tax tie on share (1 of 2) and full services; tax has more transactions
    assert [(row[0], row[2]) for row in _csv_rows(stdout.stdout)[1:]] == [
        ("civil", "2"),
        ("land", "3"),
        ("tax", "1"),
    ]


def test_csv_local_names_in_the_collections_language(qom: Path, tmp_path: Path) -> None:
    copy = tmp_path / "qom"
    shutil.copytree(qom, copy)
    assert "language: fa\n" in (copy / "collection.yaml").read_text(encoding="utf-8")
    result = run("report", str(copy), "-p", "1399-H1", "-f", "csv")
    assert result.returncode == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert len(rows) == 55  # the header and 54 agencies
    assert {"abfa": "شرکت آب و فاضلاب استان قم"}.items() <= {r[0]: r[1] for r in rows}.items()


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_could_run_as_formulas_are_quoted(start: str) -> None:
    assert report_csv.safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert report_csv.safe_cell("Tax Office") == "Tax Office"


def test_csv_formula_injection_through_an_agency_name(tmp_path: Path) -> None:
    copy = tmp_path / "tiny"
    shutil.copytree(TINY, copy)
    hostile = '=HYPERLINK("http://evil.example","click")'
    for path in (copy / "collection.yaml", copy / "agencies" / "civil.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "name: Civil Registry\n" in text
        path.write_text(
            text.replace("name: Civil Registry\n", f"name: '{hostile}'\n"), encoding="utf-8"
        )
    result = run("report", str(copy), "-p", PERIOD, "-f", "csv")
    assert result.returncode == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert rows[1][:2] == ["civil", "'" + hostile]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# (d) HTML


def test_html_has_the_new_sections_and_marks_the_peaks(tiny: ReadinessReport) -> None:
    html = report_html.render(tiny)
    for ident in (
        "take-up",
        "months",
        "peak-months",
        "open-services",
        "in-person-steps",
        "providers",
        "consumers",
        "blocked",
        "benchmarks",
        "benchmarks-missing",
    ):
        assert f'<section id="{ident}">' in html, ident
    assert html.count('<tr class="busiest">') == 1 and html.count('<tr class="quietest">') == 1
    assert "1,490 (Busiest month)" in html and "1,255 (Quietest month)" in html
    assert "can sum past 100%" in html and "GOV.UK service manual" in html
    assert "<script" not in html.lower()


def test_html_says_when_a_section_has_no_data(mini: Path) -> None:
    html = report_html.render(_report(mini, "1399-H1"))
    # take-up and transactions by channel, the full share over time (no history), blocked
    # services, benchmarks
    assert html.count('class="note no-data"') == 5


# (e) the real entry point on the bundled sample


def test_qom_report_compared_with_the_year_before(qom: Path) -> None:
    loaded = load_collection(qom)
    current = build_report(loaded.collection, loaded.declarations, parse_period("1399-H1"))
    previous = build_report(loaded.collection, loaded.declarations, parse_period("1398-H1"))
    titles = [t.title for t in tables(current, previous=previous)]
    # with progress, the services that regressed, the series, transactions by channel
    assert len(titles) == 21
    markdown = run(
        "report",
        str(qom),
        "--period",
        "1399-H1",
        "--compare",
        "1398-H1",
        "-f",
        "markdown",
        "--lang",
        "en",
    )
    assert markdown.returncode == 0, markdown.stderr
    headings = [line[3:] for line in markdown.stdout.splitlines() if line.startswith("## ")]
    assert headings == [*titles, "Notes"]
    assert _cells(markdown.stdout, "Transactions")[3:] == ["2.0x", "+101.8%"]
    terminal = run(
        "report", str(qom), "--period", "1399-H1", "--compare", "1398-H1", "--lang", "en"
    )
    assert terminal.returncode == 0, terminal.stderr
    for title in titles:
        assert title in terminal.stdout, title


def test_compare_needs_a_valid_period() -> None:
    result = run("report", str(TINY), "-p", PERIOD, "--compare", "2019-H3")
    assert result.returncode == 2
    assert "invalid period '2019-H3'" in result.stderr


def test_report_help_names_compare_and_the_csv_bom() -> None:
    result = run("report", "--help")
    assert result.returncode == 0
    assert "--compare" in result.stdout and "byte order mark" in result.stdout
