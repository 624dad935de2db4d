"""The HTML report: structure (html.parser), escaping, and what a real browser renders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.numbers import format_percent

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model.period import parse_period
from egov_audit.render import ReportFormat, report_renderer
from egov_audit.render.i18n import translator
from egov_audit.render.report import html as report_html
from egov_audit.render.report.sections import tables
from egov_audit.runner.collection import load_collection

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
INJECTED = "<script>alert(1)</script>"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class Page(HTMLParser):
    """What the tests look at in a page: tags, attributes, headings, text, text by id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: dict[str, list[str]] = {"h1": [], "h2": []}
        self.by_id: dict[str, str] = {}
        self.text: list[str] = []
        self._open: list[tuple[str, str | None, list[str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in ("meta", "br", "img", "link", "input", "rect", "hr"):
            return
        self._open.append((tag, attributes.get("id"), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, ident, parts = self._open.pop()
            text = "".join(parts)
            if self._open:
                self._open[-1][2].append(text)
            if name in self.headings:
                self.headings[name].append(text)
            if ident:
                self.by_id[ident] = text
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            self._open[-1][2].append(data)

    def first(self, tag: str) -> dict[str, str | None]:
        return next(attrs for name, attrs in self.tags if name == tag)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def _report(path: Path, period: str = "1399-H1") -> ReadinessReport:
    loaded = load_collection(path)
    return build_report(loaded.collection, loaded.declarations, parse_period(period))


def _with_injected_name(source: Path, target: Path, agency: str) -> Path:
    """A copy of a collection where ``agency`` is named ``<script>alert(1)</script>``."""
    shutil.copytree(source, target)
    for path in (target / "collection.yaml", target / "agencies" / f"{agency}.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for index, line in enumerate(lines):
            if line.strip() == f"- id: {agency}" or line.strip() == f"id: {agency}":
                name = lines[index + 1]
                indent = name[: len(name) - len(name.lstrip())]
                assert name.lstrip().startswith("name: ")
                lines[index + 1] = f'{indent}name: "{INJECTED}"\n'
                if lines[index + 2].lstrip().startswith("name_local: "):
                    lines[index + 2] = f'{indent}name_local: "{INJECTED}"\n'
                break
        else:
            raise AssertionError(f"{agency} not found in {path}")
        path.write_text("".join(lines), encoding="utf-8")
    return target


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "egov_audit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_html_is_a_report_format(mini: Path) -> None:
    assert ReportFormat("html") is ReportFormat.HTML
    report = _report(mini)
    assert report_renderer(ReportFormat.HTML)(report, "fa") == report_html.render(report, "fa")


def test_english_page_structure(mini: Path) -> None:
    report = _report(mini)
    html = report_html.render(report)
    assert html.startswith("<!DOCTYPE html>\n")
    page = Page(html)
    assert page.first("html") == {"lang": "en", "dir": "ltr"}
    assert page.first("meta") == {"charset": "utf-8"}
    assert page.by_id["fully-electronic-share"] == "57.1%"  # 4 of 7 services
    assert page.headings["h1"] == ["Mini Province: e-government readiness report, 1399-H1"]
    wanted = [table.title for table in tables(report)] + ["Notes"]
    assert page.headings["h2"] == wanted
    # six charts, and the providers chart (beta provides alpha's inspection)
    charts = [attrs for name, attrs in page.tags if name == "figure"]
    assert len(charts) == 7 and all(attrs["class"] == "chart" for attrs in charts)
    # take-up, blocked services and benchmarks have no data; follow-up lists alpha, the
    # one ranked agency, though it also leads
    data_tables = [a for name, a in page.tags if name == "table" and a.get("role") is None]
    assert len(data_tables) == 13  # with progress; the charts' tables are presentation
    # names in running text are isolated (FSI ... PDI), so that each keeps its direction
    assert "Not declared (1): \u2068Delta Agency\u2069." in page.all_text
    assert "@page { size: A4; margin: 15mm; }" in html


@pytest.mark.parametrize("lang", ["en", "fa", "el", "vi"])
def test_pages_are_self_contained_and_script_free(qom: Path, lang: str) -> None:
    html = report_html.render(_report(qom), lang)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    page = Page(html)
    names = {name for name, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for _name, attrs in page.tags:
        assert not any(key.startswith("on") for key in attrs)
        assert "src" not in attrs and "href" not in attrs
    # no URL at all: the charts are HTML and CSS
    assert "http" not in lowered
    assert "url(" not in lowered and "@import" not in lowered
    assert page.first("html")["lang"] == lang


def test_persian_page_is_right_to_left_with_persian_figures(mini: Path) -> None:
    report = _report(mini)
    page = Page(report_html.render(report, "fa"))
    assert page.first("html") == {"lang": "fa", "dir": "rtl"}
    assert page.by_id["fully-electronic-share"] == "۵۷٫۱٪"  # the Persian percent sign
    fa = translator("fa")
    assert page.headings["h2"] == [t.title for t in tables(report, fa)] + [fa.gettext("Notes")]
    assert page.headings["h1"] == ["Mini Province: گزارش آمادگی دولت الکترونیک، نیمهٔ نخست ۱۳۹۹"]
    # the charts are laid out by the page's direction; names are isolated from it
    assert any(attrs.get("class") == "chart" for name, attrs in page.tags if name == "figure")
    assert sum(1 for name, _ in page.tags if name == "bdi") > 20


def test_inventory_values_are_escaped(mini: Path, tmp_path: Path) -> None:
    copy = _with_injected_name(mini, tmp_path / "mini", "alpha")
    target = tmp_path / "report.html"
    result = run("report", str(copy), "--period", "1399-H1", "--format", "html", "-o", str(target))
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert "script" not in {name for name, _ in page.tags}
    assert INJECTED in page.all_text  # shown as text: in the leaders chart and table


def test_cli_language_option_and_default(mini: Path, tmp_path: Path) -> None:
    bad = run("report", str(mini), "--format", "html", "--lang", "de")
    assert bad.returncode == 2
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    registry = copy / "collection.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace(
            "calendar: jalali\n", "calendar: jalali\nlanguage: fa\n"
        ),
        encoding="utf-8",
    )
    persian = run("report", str(copy), "--period", "1399-H1", "--format", "html")
    assert persian.returncode == 0, persian.stderr
    assert Page(persian.stdout).first("html") == {"lang": "fa", "dir": "rtl"}
    greek = run("report", str(copy), "-p", "1399-H1", "-f", "markdown", "-l", "el")
    assert greek.returncode == 0, greek.stderr
    assert "Υπηρεσίες ανά κατάσταση" in greek.stdout


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_persian_page_in_headless_chromium(qom: Path, tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no chromium binary found; CI must install chromium")
        pytest.skip("no chromium binary found (apt-get install chromium)")
    copy = _with_injected_name(qom, tmp_path / "qom", "abfa")
    page_path = tmp_path / "qom-1399-H1-fa.html"
    result = run(
        "report", str(copy), "--period", "1399-H1", "--format", "html", "--lang", "fa",
        "--output", str(page_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    common = [
        browser,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    url = page_path.as_uri()
    dumped = subprocess.run(
        [*common, "--dump-dom", url], capture_output=True, text=True, timeout=180, check=False
    )
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = Page(dumped.stdout)
    # 318 of 651 services are fully electronic: babel's Persian percentage, in Persian digits
    babel = format_percent(
        Decimal("48.8") / 100, format="#,##0.0%", locale="fa", numbering_system="default"
    )
    headline = str(babel).translate(PERSIAN_DIGITS).replace("%", "٪")
    assert headline == "۴۸٫۸٪"
    assert dom.by_id["fully-electronic-share"] == headline
    assert dom.first("html") == {"lang": "fa", "dir": "rtl"}
    # the injected name is text on the page, never an element
    assert INJECTED in dom.all_text
    assert "script" not in {name for name, _ in dom.tags}
    assert "<script" not in dumped.stdout.lower()
    ARTIFACTS.mkdir(exist_ok=True)
    # a phone (375 px wide) and a desktop; English beside Persian at the desktop width
    english = tmp_path / "qom-1399-H1-en.html"
    made = run("report", str(qom), "-p", "1399-H1", "-l", "en", "-o", str(english))
    assert made.returncode == 0, made.stderr
    # a window is never narrower than about 500 px: the phone is an iframe 375 px wide
    phones = {}
    for page in (page_path, english):
        phone = page.with_name(f"phone-{page.name}")
        phone.write_text(
            '<!DOCTYPE html><html><body style="margin:0"><iframe src="'
            + page.name
            + '" style="width:375px;height:2400px;border:0"></iframe></body></html>',
            encoding="utf-8",
        )
        phones[page] = phone.as_uri()
    for name, target, size in (
        ("qom-1399-H1-fa-375px.png", phones[page_path], "375,2400"),
        ("qom-1399-H1-fa-1280px.png", url, "1280,2400"),
        ("qom-1399-H1-en-375px.png", phones[english], "375,2400"),
        ("qom-1399-H1-en-1280px.png", english.as_uri(), "1280,2400"),
    ):
        shot = ARTIFACTS / name
        shot.unlink(missing_ok=True)
        taken = subprocess.run(
            [*common, "--hide-scrollbars", f"--screenshot={shot}", f"--window-size={size}", target],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert taken.returncode == 0, taken.stderr[-2000:]
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width = int.from_bytes(data[16:20], "big")  # the PNG header's width
        assert width == int(size.split(",")[0])
