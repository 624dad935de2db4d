"""The report as an A4 PDF: the HTML report, laid out for paper by WeasyPrint.

WeasyPrint is an optional extra (``pip install 'egov-audit[pdf]'``; it needs the Pango
library of the system). It shapes Persian and lays the page out right to left as the
HTML says. Every page carries the collection, the period, the date the PDF was made and
"page N of M" in its bottom margin; headings stay with what follows them, and a table
or chart is only split across pages when it is longer than a page.
"""

from __future__ import annotations

import re
import string

from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model.calendars import Calendar, Day
from egov_audit.model.errors import UsageError
from egov_audit.render.i18n import Translator, translator
from egov_audit.render.report import html
from egov_audit.render.report.labels import collection_name, period_label
from egov_audit.render.report.page import PageMargins

INSTALL = (
    "--format pdf needs WeasyPrint: pip install 'egov-audit[pdf]' (on Debian or Ubuntu "
    "it also needs: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)

#: Characters left as they are in a CSS string; any other is written as an escape.
_CSS_PLAIN = re.compile(r"[A-Za-z0-9 .,:;()/_+\-\u00a0-\U0010ffff]")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes, ``<`` ``&`` and controls are
    escapes (``\\22 ``), so that no name can end the string or the style sheet."""
    out = []
    for char in text:
        if _CSS_PLAIN.fullmatch(char) and not (0x7F <= ord(char) <= 0x9F):
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def _counter_style(tr: Translator) -> str:
    return "persian" if tr.digits("0") == "۰" else "decimal"


def page_count(tr: Translator) -> str:
    """The CSS ``content`` of "Page N of M" in the language, with the language's digits."""
    message = tr.gettext("Page {page} of {pages}")
    style = _counter_style(tr)
    parts = []
    for literal, field, _spec, _conversion in string.Formatter().parse(message):
        if literal:
            parts.append(css_string(literal))
        if field in ("page", "pages"):
            parts.append(f"counter({field}, {style})")
    return " ".join(parts)


def generated_on(day: Day, calendar: Calendar, tr: Translator) -> str:
    """``Generated on 5 Azar 1405`` in the language and the collection's calendar."""
    year, month, number = day
    written = tr.gettext("{day} {month} {year}").format(
        day=tr.integer(number), month=tr.month_name(calendar, month), year=tr.integer(year)
    )
    return tr.gettext("Generated on {date}").format(date=written)


def margins(report: ReadinessReport, tr: Translator, day: Day) -> PageMargins:
    """What the bottom margin of every page says."""
    where = tr.pgettext("list separator", ", ").join(
        [collection_name(report, tr), period_label(report.period, tr)]
    )
    made = generated_on(day, report.collection.calendar, tr)
    return PageMargins(
        start=css_string(f"{where} · {made}"),
        end=page_count(tr),
    )


def render(
    report: ReadinessReport,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
    summary: bool = False,
    day: Day | None = None,
) -> bytes:
    """The report as the bytes of an A4 PDF in language ``lang``; ``day`` is the date
    printed as the date it was made (default: today, in the collection's calendar)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):  # not installed, or the Pango library is missing
        raise UsageError(INSTALL) from None
    tr = translator(lang)
    if day is None:
        from egov_audit.model.calendars import today

        day = today(report.collection.calendar)
    page = html.render(
        report, lang, previous=previous, summary=summary, page=margins(report, tr, day)
    )
    data: bytes = HTML(string=page).write_pdf()
    return data
