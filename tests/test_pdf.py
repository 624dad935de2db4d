"""The PDF report: A4 pages made by WeasyPrint, read back with poppler (pdfinfo, pdftotext,
pdftoppm). Skipped when either is missing here; CI installs both (``.ci/run``). The first
pages are kept as PNG in ``test-artifacts/`` to look at."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egov_audit.cli.app import app
from egov_audit.model.calendars import Calendar, today
from egov_audit.render.i18n import translator
from egov_audit.render.report.pdf import css_string, generated_on

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
TOOLS = ("pdfinfo", "pdftotext", "pdftoppm")
#: Direction marks and embeddings pdftotext writes around right-to-left runs.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _needs_pdf_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if importlib.util.find_spec("weasyprint") is None:
        missing.append("weasyprint")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install {', '.join(missing)} (.ci/run)")
        pytest.skip(f"not installed here: {', '.join(missing)}")


def _make(lang: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    target = folder / f"qom-1399-H1-{lang}.pdf"
    args = ["report", "inventories/qom", "-p", "1399-H1", "-l", lang, "-o", str(target)]
    result = CliRunner().invoke(app, args)  # no --format: the .pdf name chooses it
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    return target


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))  # type: ignore[union-attr]
    assert "A4" in info.stdout or "595.2" in info.stdout, info.stdout
    texts = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        texts.append(_MARKS.sub("", text))
    return texts


def _keep_pictures(pdf: Path, name: str, pages: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            str(pages),
            str(pdf),
            str(ARTIFACTS / name),
        ],
        check=True,
    )
    # pdftoppm numbers the pages with as many digits as the last page number has
    pictures = sorted(ARTIFACTS.glob(f"{name}-*.png"))
    assert pictures and pictures[0].stat().st_size > 10_000


def test_the_english_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs_pdf_tools()
    pages = _pages(_make("en", tmp_path, monkeypatch))
    assert 6 <= len(pages) <= 20, len(pages)
    made = generated_on(today(Calendar.JALALI), Calendar.JALALI, translator("en"))
    for number, text in enumerate(pages, start=1):
        # every page: the collection, the period, the date it was made, page N of M
        assert f"Page {number} of {len(pages)}" in text, text[-300:]
        assert "Qom Province" in text and "1399-H1" in text and made in text
        # no section title is the last line of a page, cut off from what it introduces
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if "Page " not in line and made not in line]
        assert body[-1] not in TITLES, (number, body[-1])
    everything = "\n".join(pages)
    assert "48.8%" in everything and "23,000,000" in everything
    assert "Leading agencies (top 10)" in everything
    _keep_pictures(tmp_path / "qom-1399-H1-en.pdf", "qom-1399-H1-en-pdf", 2)


def test_the_persian_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs_pdf_tools()
    pages = _pages(_make("fa", tmp_path, monkeypatch))
    assert 6 <= len(pages) <= 20, len(pages)
    last = str(len(pages)).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    for text in pages:
        assert "صفحه" in text and last in text  # page N of M, in Persian digits
        assert "استان قم" in text and "۱۳۹۹" in text
    everything = "\n".join(pages)
    assert "۴۸٫۸٪" in everything  # Persian digits, decimal separator and percent sign
    assert "48.8" not in everything
    _keep_pictures(tmp_path / "qom-1399-H1-fa.pdf", "qom-1399-H1-fa-pdf", 2)


TITLES = {
    "Services by status",
    "New services in 1399",
    "Audiences",
    "Delivery channels",
    "Digital take-up",
    "Transactions by month",
    "Busiest and quietest months",
    "Leading agencies (top 10)",
    "Needing follow-up",
    "Services not yet fully electronic, by agency",
    "In-person steps cited most often",
    "Interoperability: provider agencies",
    "Interoperability: consumer agencies",
    "Interoperability: blocked services",
    "Benchmark coverage",
    "Benchmark items not covered",
    "Notes",
}


def test_names_in_the_page_margins_cannot_break_out_of_their_css_string() -> None:
    assert css_string('Qom "A" \\ </style>') == '"Qom \\22 A\\22  \\5c  \\3c /style\\3e "'
    assert css_string("استان قم") == '"استان قم"'


def test_without_weasyprint_the_pdf_format_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)  # import fails
    monkeypatch.chdir(ROOT)
    target = tmp_path / "r.pdf"
    result = CliRunner().invoke(app, ["report", "inventories/qom", "-o", str(target)])
    assert result.exit_code == 2
    assert "pip install 'egov-audit[pdf]'" in result.output
    assert not target.exists()


def test_the_summary_is_one_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs_pdf_tools()
    monkeypatch.chdir(ROOT)
    target = tmp_path / "summary.pdf"
    args = ["report", "inventories/qom", "-p", "1399-H1", "-l", "en", "--summary"]
    result = CliRunner().invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    pages = _pages(target)
    assert len(pages) == 1
    assert "Leading agencies (top 5)" in pages[0] and "Needing follow-up" in pages[0]
