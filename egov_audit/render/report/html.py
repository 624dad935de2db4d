"""The report as one self-contained HTML5 page: headline figures, inline SVG charts, tables.

The page needs nothing else: no stylesheet, font, image or script is fetched, so it can be
mailed, archived or opened offline, and it prints on A4. It is written in the report's
language (``dir="rtl"`` for Persian) with the same tables as the Markdown report.

The markup lives in Jinja2 templates (``templates/report.html.j2`` and its partials), with
autoescaping on: every text that reaches the page is escaped there, translated messages
included, because agency, service and collection names and in-person steps come from the
agencies' own files. This module only prepares plain data for the templates (texts,
numbers, lists of them) and builds no markup; messages stay marked for translation here.
"""

from __future__ import annotations

import string
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from egov_audit._version import __version__
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Status
from egov_audit.render.i18n import Translator, translator
from egov_audit.render.report.channels import SPLIT_LABELS, monthly_channel_table
from egov_audit.render.report.charts import Bar, Chart, bar_chart
from egov_audit.render.report.exchange import exchange_sections
from egov_audit.render.report.labels import (
    agency_name,
    collection_name,
    coverage,
    month_row_label,
    period_label,
    title,
)
from egov_audit.render.report.page import (
    Headline,
    PageMargins,
    Piece,
    Section,
    section,
    table_view,
)
from egov_audit.render.report.progress import (
    progress_table,
    regressions_table,
    series_table,
)
from egov_audit.render.report.sections import (
    Table,
    agencies_line,
    audience_table,
    benchmark_tables,
    channel_table,
    comparison_table,
    exclusion_tables,
    follow_up_table,
    in_person_steps_table,
    interoperability_tables,
    leaders_table,
    monthly_table,
    new_services_table,
    notes,
    open_services_table,
    peak_months_table,
    status_table,
    take_up_table,
)


@cache
def _template() -> Template:
    """The page template, loaded from the package (so from an installed wheel, too)."""
    environment = Environment(
        loader=PackageLoader("egov_audit.render.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    return environment.get_template("report.html.j2")


def _isolated(text: str) -> str:
    """``text`` between the Unicode isolates FSI and PDI: ``<bdi>`` in running text."""
    return f"\u2068{text}\u2069"


def _quotes_as_before(page: str) -> str:
    """The page with escaped quotes spelt as :func:`html.escape` spelt them.

    Jinja2's escaping (markupsafe) writes ``'`` and ``"`` as ``&#39;`` and ``&#34;``;
    the page was written with ``&#x27;`` and ``&quot;`` before it had templates. They are
    the same characters; the old spelling keeps published pages byte-identical. Only the
    escaping writes these references: a ``&`` of any text reaches the page as ``&amp;``,
    and the templates hold none.
    """
    return page.replace("&#39;", "&#x27;").replace("&#34;", "&quot;")


def _heading(report: ReadinessReport, tr: Translator) -> list[Piece]:
    """The title in pieces, the collection's name and the period each keeping its direction."""
    message = tr.gettext("{collection}: e-government readiness report, {period}")
    names = {
        "collection": collection_name(report, tr),
        "period": period_label(report.period, tr),
    }
    pieces = []
    for literal, field, _spec, _conversion in string.Formatter().parse(message):
        if literal:
            pieces.append(Piece(literal, isolated=False))
        if field is not None:
            pieces.append(Piece(names[field], isolated=True))
    return pieces


def _share_bars(table: Table) -> list[Bar]:
    """Bars of a label / count / share table: the share as the bar, count and share beside."""
    return [
        Bar(cells[0], count / total if total else 0.0, f"{cells[1]} ({cells[2]})")
        for cells, (count, total) in zip(table.rows, table.shares, strict=True)
    ]


def _headline(report: ReadinessReport, tr: Translator) -> Headline:
    full = report.by_status[Status.FULL]
    total = report.services_total
    caption = tr.gettext("Fully electronic services: {count} of {total}").format(
        count=tr.number(full), total=tr.number(total)
    )
    figures = [
        (
            tr.gettext("Agencies"),
            tr.gettext("{count} of {total}").format(
                count=tr.number(report.agencies_declared),
                total=tr.number(report.agencies_expected),
            ),
        ),
        (tr.gettext("Services"), tr.number(total)),
        (tr.gettext("Transactions"), tr.number(report.transactions_total)),
        (
            tr.gettext("New services in {year}").format(year=tr.integer(report.period.year)),
            tr.number(report.new_services_total),
        ),
    ]
    return Headline(
        region=tr.gettext("Headline figures"),
        share=tr.percent(full, total),
        caption=caption,
        figures=figures,
        agencies=agencies_line(report, tr),
        transactions_label=tr.gettext("Transactions"),
        transactions=tr.number(report.transactions_total),
        coverage=coverage(report, tr),
    )


def _month_bars(report: ReadinessReport, tr: Translator) -> list[Bar]:
    """The monthly series, the busiest and the quietest month marked and named."""
    calendar = report.collection.calendar
    peak = max((n for _m, n in report.transactions_by_month), default=0)
    busiest, quietest = report.busiest_month, report.quietest_month
    busiest_label, quietest_label = tr.gettext("Busiest month"), tr.gettext("Quietest month")
    bars = []
    for month, count in report.transactions_by_month:
        value, mark = tr.number(count), ""
        if busiest is not None and (month, count) == busiest:
            value, mark = f"{value} ({busiest_label})", "busiest"
        elif quietest is not None and (month, count) == quietest:
            value, mark = f"{value} ({quietest_label})", "quietest"
        bars.append(
            Bar(month_row_label(calendar, month, tr), count / peak if peak else 0.0, value, mark)
        )
    return bars


def _table_chart(
    table: Table, tr: Translator, column: int, *, by_value: bool = True
) -> Chart | None:
    """Bars of a table's shares, each labelled with its first cell and the cell ``column``;
    longest first unless the table's own order is kept (``by_value=False``)."""
    if table.no_data or not table.rows:
        return None
    bars = [
        Bar(cells[0], count / total if total else 0.0, cells[column])
        for cells, (count, total) in zip(table.rows, table.shares, strict=True)
    ]
    return bar_chart(table.title, bars, tr.direction, by_value=by_value)


def _channel_months(report: ReadinessReport, tr: Translator) -> Section:
    """Transactions by month and channel: a stacked bar a month, on the busiest's scale."""
    table = monthly_channel_table(report, tr)
    if table.no_data:
        return section("channel-months", table, tr)
    totals = [sum(split.values()) for _month, split in report.take_up_by_month]
    peak = max(totals) or 1
    calendar = report.collection.calendar
    bars = [
        Bar(
            month_row_label(calendar, month, tr),
            total / peak,
            tr.number(total),
            segments=tuple((key, split[key] / peak) for key in SPLIT_LABELS),
        )
        for (month, split), total in zip(report.take_up_by_month, totals, strict=True)
    ]
    legend = tuple((key, tr.gettext(label)) for key, label in SPLIT_LABELS.items())
    return section(
        "channel-months", table, tr, bar_chart(table.title, bars, tr.direction, legend=legend)
    )


def _leaders(report: ReadinessReport, tr: Translator, *, charted: bool = True) -> Section:
    """The leading agencies: the ranking rule in place of a note, and always a table; the
    chart too unless ``charted`` is false (the summary, which fits one page)."""
    leaders = leaders_table(report, tr)
    bars = [
        Bar(agency_name(row, report, tr), row.full_share, tr.percent(row.full, row.services))
        for row in report.leaders
    ]
    chart = bar_chart(leaders.title, bars, tr.direction) if bars and charted else None
    return Section(
        "leaders",
        leaders.title,
        leaders.note,
        False,
        chart,
        table_view(leaders, tr),
        rule=tr.gettext("Ranking rule"),
    )


def _interoperability(report: ReadinessReport, tr: Translator) -> list[Section]:
    found = interoperability_tables(report, tr)
    if len(found) == 1:
        return [section("interoperability", found[0], tr)]
    providers, consumers, blocked = found
    return [
        section("providers", providers, tr, _table_chart(providers, tr, 3)),
        section("consumers", consumers, tr),
        section("blocked", blocked, tr),
    ]


def _exchange(
    report: ReadinessReport, tr: Translator, previous: ReadinessReport | None
) -> list[Section]:
    """The exchange section, the providers' and the consumers' shares charted."""
    charted = ("exchange-providers", "exchange-consumers")
    return [
        section(ident, table, tr, _table_chart(table, tr, 4) if ident in charted else None)
        for ident, table in exchange_sections(report, tr, previous)
    ]


def _benchmarks(report: ReadinessReport, tr: Translator) -> list[Section]:
    found = benchmark_tables(report, tr)
    if len(found) == 1:
        return [section("benchmarks", found[0], tr)]
    coverage, missing = found
    return [
        section("benchmarks", coverage, tr, _table_chart(coverage, tr, 4)),
        section("benchmarks-missing", missing, tr),
    ]


def _progress(report: ReadinessReport, tr: Translator) -> list[Section]:
    """What changed in the period, and the fully electronic share over time as a chart."""
    series = series_table(report, tr)
    bars = [
        Bar(cells[0], count / total if total else 0.0, f"{cells[4]} ({cells[3]}/{cells[2]})")
        for cells, (count, total) in zip(series.rows, series.shares, strict=True)
    ]
    regressions = regressions_table(report, tr)
    return [
        section("progress", progress_table(report, tr), tr),
        *([section("regressions", regressions, tr)] if regressions is not None else []),
        section(
            "series",
            series,
            tr,
            bar_chart(series.title, bars, tr.direction) if bars and not series.no_data else None,
        ),
    ]


def _share_section(ident: str, table: Table, tr: Translator, *, by_value: bool = True) -> Section:
    """A section charting a label / count / share table, longest bar first unless the
    labels are an ordered scale (``by_value=False``: the statuses)."""
    chart = bar_chart(table.title, _share_bars(table), tr.direction, by_value=by_value)
    return section(ident, table, tr, chart)


def _sections(
    report: ReadinessReport, tr: Translator, previous: ReadinessReport | None, summary: bool
) -> list[Section]:
    monthly = monthly_table(report, tr)
    month_bars = _month_bars(report, tr)
    take_up = take_up_table(report, tr)
    compared = (
        [section("compare", comparison_table(report, previous, tr), tr)]
        if previous is not None
        else []
    )
    idents = ("excluded", "broken-references") if report.excluded else ("broken-references",)
    left_out = [
        section(ident, table, tr)
        for ident, table in zip(idents, exclusion_tables(report, tr), strict=False)
    ]
    if summary:
        return [
            *left_out,
            *compared,
            _leaders(report, tr, charted=False),
            section("follow-up", follow_up_table(report, tr), tr),
        ]
    return [
        *left_out,
        *compared,
        _share_section("status", status_table(report, tr), tr, by_value=False),
        *_progress(report, tr),
        _share_section("new-services", new_services_table(report, tr), tr),
        _share_section("audiences", audience_table(report, tr), tr),
        _share_section("channels", channel_table(report, tr), tr),
        section("take-up", take_up, tr, _table_chart(take_up, tr, 5, by_value=False)),
        section(
            "months",
            monthly,
            tr,
            bar_chart(monthly.title, month_bars, tr.direction) if month_bars else None,
        ),
        _channel_months(report, tr),
        section("peak-months", peak_months_table(report, tr), tr),
        _leaders(report, tr),
        section("follow-up", follow_up_table(report, tr), tr),
        section("open-services", open_services_table(report, tr), tr),
        section("in-person-steps", in_person_steps_table(report, tr), tr),
        *_interoperability(report, tr),
        *_exchange(report, tr, previous),
        *_benchmarks(report, tr),
    ]


def render(
    report: ReadinessReport,
    lang: str = "en",
    *,
    previous: ReadinessReport | None = None,
    summary: bool = False,
    page: PageMargins | None = None,
) -> str:
    """The whole report as a self-contained HTML5 page in language ``lang``.

    With ``previous`` (the same declarations for another period), the headline figures of
    both periods are compared in a section after the headline. With ``summary``, only the
    headline, the leading agencies and those needing follow-up. ``page`` adds what the
    margins of every printed page say (for the PDF).
    """
    tr = translator(lang)
    text = _template().render(
        lang=tr.language,
        direction=tr.direction,
        version=__version__,
        title=title(report, tr),
        heading=_heading(report, tr),
        headline=_headline(report, tr),
        sections=_sections(report, tr, previous, summary),
        # the margins are CSS strings, escaped by pdf.css_string: markup-safe as they are
        page=None if page is None else PageMargins(Markup(page.start), Markup(page.end)),
        notes_title=tr.gettext("Notes"),
        notes=notes(report, tr, _isolated),
        footer=tr.gettext("Generated by egov-audit {version}.").format(
            version=tr.digits(__version__)
        ),
    )
    return _quotes_as_before(text)
