"""The HTML report can carry no markup of its users: every text they write is escaped.

Agency and collection names, service names and in-person steps come from the agencies'
own files. Here they hold markup, in every language and with a comparison, and the page
must have exactly the elements of the same report with plain names, each one written by
the templates, and show the markup as text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from egov_audit.aggregate.report import ReadinessReport, build_report
from egov_audit.model import Collection, Declaration
from egov_audit.model.period import parse_period
from egov_audit.render.report import html as report_html
from egov_audit.runner.collection import load_collection

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "egov_audit" / "render" / "report" / "templates"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
ENTITY = "&amp;"
HOSTILE = f"{SCRIPT} {IMAGE} {ENTITY} &#39;q&#34; 'q'"
LANGUAGES = ("en", "fa", "el", "vi")


class Elements(HTMLParser):
    """The elements of a page, in order, with their attributes; and its text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def shape(self) -> list[tuple[str, list[str]]]:
        """Each element's name and the names of its attributes."""
        return [(tag, sorted(attrs)) for tag, attrs in self.tags]


def _hostile(
    collection: Collection, declarations: list[Declaration]
) -> tuple[Collection, list[Declaration]]:
    """The collection and declarations with markup in every name and in-person step."""

    agencies = tuple(
        replace(ref, name=f"{HOSTILE} {ref.name}", name_local=f"{HOSTILE} {ref.id}")
        for ref in collection.agencies
    )
    by_id = {ref.id: ref for ref in agencies}
    hostile = replace(collection, name=HOSTILE, name_local=HOSTILE, agencies=agencies)
    changed = [
        replace(
            declaration,
            agency=by_id.get(declaration.agency.id, declaration.agency),
            services=tuple(
                replace(
                    service,
                    name=f"{HOSTILE} {service.name}",
                    name_local=f"{HOSTILE} {service.id}",
                    in_person_steps=(
                        f"{HOSTILE} {service.in_person_steps}" if service.in_person_steps else None
                    ),
                    history=tuple(
                        replace(
                            entry,
                            in_person_steps=(
                                f"{HOSTILE} {entry.in_person_steps}"
                                if entry.in_person_steps
                                else None
                            ),
                        )
                        for entry in service.history
                    ),
                )
                for service in declaration.services
            ),
        )
        for declaration in declarations
    ]
    return hostile, changed


@cache
def _reports(hostile: bool) -> tuple[ReadinessReport, ReadinessReport]:
    """The Qom sample's report of 1399-H1 and of 1398-H1, with or without markup in it."""
    loaded = load_collection(ROOT / "inventories" / "qom")
    collection, declarations = loaded.collection, list(loaded.declarations)
    if hostile:
        collection, declarations = _hostile(collection, declarations)
    return (
        build_report(collection, declarations, parse_period("1399-H1")),
        build_report(collection, declarations, parse_period("1398-H1")),
    )


def _template_tags() -> set[str]:
    """The elements the templates write."""
    opening = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")
    sources = [path.read_text(encoding="utf-8") for path in TEMPLATES.glob("*.j2")]
    return {name.lower() for source in sources for name in opening.findall(source)}


@pytest.mark.parametrize("compare", [False, True], ids=["alone", "compared"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_user_text_never_becomes_markup(lang: str, compare: bool) -> None:
    report, previous = _reports(hostile=True)
    page = report_html.render(report, lang, previous=previous if compare else None)
    plain, plain_previous = _reports(hostile=False)
    expected = Elements(
        report_html.render(plain, lang, previous=plain_previous if compare else None)
    )

    found = Elements(page)
    assert found.shape == expected.shape
    assert {tag for tag, _attrs in found.tags} <= _template_tags()
    assert not {"script", "img"} & {tag for tag, _attrs in found.tags}
    for _tag, attrs in found.tags:
        assert not [name for name in attrs if name.startswith("on")]
        assert "src" not in attrs

    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # the text "&amp;" is shown as written, not as "&"
    # the markup is on the page as text: in the title, headings, cells and chart labels
    text = "".join(found.text)
    assert HOSTILE in text
    assert text.count(SCRIPT) > 10


def test_in_person_steps_and_every_agency_name_are_text() -> None:
    report, _previous = _reports(hostile=True)
    text = "".join(Elements(report_html.render(report, "en")).text)
    for step, _count in report.in_person_steps[: report.ranking_rule.top]:
        assert step.startswith(HOSTILE)
        assert step in text
    for row in report.leaders:
        assert row.agency.name in text


def test_escaping_is_autoescaping_not_opt_in() -> None:
    """The templates escape on their own: no value is marked safe, no autoescape is off."""
    for path in TEMPLATES.glob("*.j2"):
        source = path.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", ""), path.name
        assert "autoescape" not in source, path.name
        assert "Markup" not in source, path.name
        # html.render respells escaped quotes; it relies on the templates writing none
        assert "&#39;" not in source and "&#34;" not in source, path.name
