"""The report as one self-contained HTML5 page: headline figures, inline SVG charts, tables.

The page needs nothing else: no stylesheet, font, image or script is fetched, so it can be
mailed, archived or opened offline, and it prints on A4. It is written in the report's
language (``dir="rtl"`` for Persian) with the same tables as the Markdown report.

Every text that reaches the page passes through :func:`html.escape`, translated messages
included, because agency and collection names come from the agencies' own files.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from egov_audit._version import __version__
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.model import Status
from egov_audit.render.i18n import Translator, translator
from egov_audit.render.report.labels import (
    agency_name,
    collection_name,
    coverage,
    month_row_label,
    period_label,
    title,
)
from egov_audit.render.report.sections import (
    Table,
    agencies_line,
    audience_table,
    benchmark_tables,
    channel_table,
    comparison_table,
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

_FONTS = (
    'system-ui, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Vazirmatn, Tahoma, '
    '"DejaVu Sans", Arial, sans-serif'
)

_CSS = f"""
:root {{ --ink: #1b1f24; --muted: #57606a; --accent: #0b6e4f; --bar: #2f7d9c;
  --line: #d0d7de; --soft: #f6f8fa; }}
* {{ box-sizing: border-box; }}
html {{ color-scheme: light; }}
body {{ margin: 0 auto; max-width: 1000px; padding: 24px 28px 40px;
  font: 15px/1.5 {_FONTS}; color: var(--ink); background: #fff; }}
h1 {{ font-size: 1.55rem; line-height: 1.3; margin: 0 0 .75rem; }}
h2 {{ font-size: 1.2rem; margin: 2rem 0 .5rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--line); break-after: avoid; page-break-after: avoid; }}
p {{ margin: .4rem 0; }}
.headline {{ display: flex; flex-wrap: wrap; gap: 16px; margin: 1rem 0; }}
.hero {{ flex: 1 1 260px; padding: 16px 20px; border-radius: 8px; background: #e8f4ef;
  border: 1px solid #b7dccb; }}
.hero .big {{ display: block; font-size: 4.2rem; font-weight: 700; line-height: 1.1;
  color: var(--accent); font-variant-numeric: tabular-nums; }}
.hero .caption {{ display: block; font-size: 1rem; }}
.figures {{ flex: 2 1 420px; display: grid; grid-template-columns: repeat(2, minmax(0, 1fr));
  gap: 12px; margin: 0; }}
.figures div {{ padding: 10px 14px; border: 1px solid var(--line); border-radius: 8px; }}
.figures dt {{ color: var(--muted); font-size: .85rem; }}
.figures dd {{ margin: 0; font-size: 1.45rem; font-weight: 600; }}
.summary {{ color: var(--muted); }}
.note, .rule {{ color: var(--muted); }}
.rule strong {{ color: var(--ink); }}
figure {{ margin: .75rem 0; }}
svg.chart {{ display: block; max-width: 100%; height: auto; }}
svg.chart text {{ font: 13px {_FONTS}; fill: var(--ink); }}
svg.chart .value {{ fill: var(--muted); }}
svg.chart .bar {{ fill: var(--bar); }}
svg.chart .track {{ fill: var(--soft); }}
svg.chart .busiest {{ fill: #b3541e; }}
svg.chart .quietest {{ fill: #8c959f; }}
table {{ width: 100%; margin: .5rem 0 1rem; border-collapse: collapse; font-size: .9rem; }}
th, td {{ padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: start;
  vertical-align: top; }}
th {{ background: var(--soft); font-weight: 600; }}
.num {{ text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; }}
ul.notes li {{ margin: .25rem 0; }}
footer {{ margin-top: 2.5rem; color: var(--muted); font-size: .8rem; }}
@page {{ size: A4; margin: 15mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  h2 {{ margin-top: 1.2rem; }}
  .hero {{ background: none; }}
  table, figure, svg, tr, .headline {{ break-inside: avoid; page-break-inside: avoid; }}
  thead {{ display: table-header-group; }}
}}
""".strip()


def _e(text: str) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class _Bar:
    label: str
    fraction: float
    value: str
    mark: str = ""
    """An extra class of the bar (``busiest``, ``quietest``) that colours it apart."""


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def _heading(report: ReadinessReport, tr: Translator) -> str:
    """The title as markup, the collection's name isolated so that it keeps its own direction."""
    message = tr.gettext("{collection}: e-government readiness report, {period}")
    return _e(message).format(
        collection=f"<bdi>{_e(collection_name(report, tr))}</bdi>",
        period=f"<bdi>{_e(period_label(report.period, tr))}</bdi>",
    )


def _bar_chart(
    caption: str, bars: list[_Bar], tr: Translator, *, label_width: int = 220, width: int = 760
) -> str:
    """A horizontal bar chart as inline SVG (mirrored for right-to-left languages)."""
    rtl = tr.direction == "rtl"
    row, top, gap, value_width = 28, 6, 10, 170
    height = 2 * top + row * max(1, len(bars))
    area = width - label_width - value_width - 2 * gap
    limit = max(8, label_width // 7)
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{_e(caption)}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" direction="{tr.direction}">',
        f"<title>{_e(caption)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = top + index * row
        length = round(area * min(1.0, max(0.0, bar.fraction)), 1)
        middle = y + row / 2
        if rtl:
            label_x = width - 4
            track_x = width - label_width - gap - area
            bar_x = width - label_width - gap - length
            value_x = bar_x - 6
        else:
            label_x = label_width
            track_x = label_width + gap
            bar_x = track_x
            value_x = bar_x + length + 6
        label_anchor = "start" if rtl else "end"
        bar_class = _e(f"bar {bar.mark}" if bar.mark else "bar")
        parts.append(
            f"<g><title>{_e(bar.label)}: {_e(bar.value)}</title>"
            f'<text x="{label_x}" y="{middle}" dominant-baseline="central" '
            f'text-anchor="{label_anchor}">{_e(_shorten(bar.label, limit))}</text>'
            f'<rect class="track" x="{track_x}" y="{y + 5}" width="{area}" height="{row - 10}"/>'
            f'<rect class="{bar_class}" x="{bar_x}" y="{y + 5}" width="{length}" '
            f'height="{row - 10}"/>'
            f'<text class="value" x="{value_x}" y="{middle}" dominant-baseline="central" '
            f'text-anchor="start">{_e(bar.value)}</text></g>'
        )
    parts.append("</svg>")
    return f"<figure>{''.join(parts)}</figure>"


def _share_bars(table: Table) -> list[_Bar]:
    """Bars of a label / count / share table: the share as the bar, count and share beside."""
    return [
        _Bar(cells[0], count / total if total else 0.0, f"{cells[1]} ({cells[2]})")
        for cells, (count, total) in zip(table.rows, table.shares, strict=True)
    ]


def _html_table(table: Table, tr: Translator) -> str:
    if not table.rows:
        none = tr.gettext("None.")
        return f'<p class="note"><em>{_e(none)}</em></p>'

    def cls(index: int) -> str:
        return "" if index in table.text_columns else ' class="num"'

    head = "".join(
        f'<th scope="col"{cls(i)}>{_e(header)}</th>' for i, header in enumerate(table.headers)
    )
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{_e(cell)}</td>" for i, cell in enumerate(cells)) + "</tr>"
        for cells in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(ident: str, table: Table, tr: Translator, chart: str = "", extra: str = "") -> str:
    if table.no_data:
        return (
            f'<section id="{ident}"><h2>{_e(table.title)}</h2>'
            f'<p class="note no-data">{_e(table.note)}</p></section>'
        )
    return (
        f'<section id="{ident}"><h2>{_e(table.title)}</h2>'
        f'<p class="note">{_e(table.note)}</p>{extra}{chart}{_html_table(table, tr)}</section>'
    )


def _headline(report: ReadinessReport, tr: Translator) -> str:
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
    region = tr.gettext("Headline figures")
    transactions = tr.gettext("Transactions")
    cards = "".join(
        f"<div><dt>{_e(term)}</dt><dd>{_e(value)}</dd></div>" for term, value in figures
    )
    return (
        f'<section class="headline" aria-label="{_e(region)}">'
        f'<p class="hero"><span class="big" id="fully-electronic-share">'
        f"{_e(tr.percent(full, total))}</span>"
        f'<span class="caption">{_e(caption)}</span></p>'
        f'<dl class="figures">{cards}</dl></section>'
        f'<p class="summary">{_e(agencies_line(report, tr))}</p>'
        f'<p class="summary">{_e(transactions)}: '
        f"{_e(tr.number(report.transactions_total))} ({_e(coverage(report, tr))})</p>"
    )


def _month_bars(report: ReadinessReport, tr: Translator) -> list[_Bar]:
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
            _Bar(month_row_label(calendar, month, tr), count / peak if peak else 0.0, value, mark)
        )
    return bars


def _table_chart(table: Table, tr: Translator, column: int, label_width: int = 220) -> str:
    """Bars of a table's shares, each labelled with its first cell and the cell ``column``."""
    if table.no_data or not table.rows:
        return ""
    bars = [
        _Bar(cells[0], count / total if total else 0.0, cells[column])
        for cells, (count, total) in zip(table.rows, table.shares, strict=True)
    ]
    return _bar_chart(table.title, bars, tr, label_width=label_width)


def _interoperability(report: ReadinessReport, tr: Translator) -> list[str]:
    found = interoperability_tables(report, tr)
    if len(found) == 1:
        return [_section("interoperability", found[0], tr)]
    providers, consumers, blocked = found
    return [
        _section("providers", providers, tr, _table_chart(providers, tr, 3, 330)),
        _section("consumers", consumers, tr),
        _section("blocked", blocked, tr),
    ]


def _benchmarks(report: ReadinessReport, tr: Translator) -> list[str]:
    found = benchmark_tables(report, tr)
    if len(found) == 1:
        return [_section("benchmarks", found[0], tr)]
    coverage, missing = found
    return [
        _section("benchmarks", coverage, tr, _table_chart(coverage, tr, 4, 330)),
        _section("benchmarks-missing", missing, tr),
    ]


def render(
    report: ReadinessReport, lang: str = "en", *, previous: ReadinessReport | None = None
) -> str:
    """The whole report as a self-contained HTML5 page in language ``lang``.

    With ``previous`` (the same declarations for another period), the headline figures of
    both periods are compared in a section after the headline.
    """
    tr = translator(lang)
    heading = title(report, tr)

    status = status_table(report, tr)
    new = new_services_table(report, tr)
    audiences = audience_table(report, tr)
    channels = channel_table(report, tr)
    take_up = take_up_table(report, tr)
    monthly = monthly_table(report, tr)
    peaks = peak_months_table(report, tr)
    leaders = leaders_table(report, tr)
    follow_up = follow_up_table(report, tr)

    month_bars = _month_bars(report, tr)
    leader_bars = [
        _Bar(agency_name(row, report, tr), row.full_share, tr.percent(row.full, row.services))
        for row in report.leaders
    ]
    rule_label = tr.gettext("Ranking rule")
    rule = f'<p class="rule"><strong>{_e(rule_label)}:</strong> {_e(leaders.note)}</p>'
    leaders_section = (
        f'<section id="leaders"><h2>{_e(leaders.title)}</h2>{rule}'
        + (_bar_chart(leaders.title, leader_bars, tr, label_width=330) if leader_bars else "")
        + f"{_html_table(leaders, tr)}</section>"
    )
    sections = []
    if previous is not None:
        sections.append(_section("compare", comparison_table(report, previous, tr), tr))
    sections += [
        _section("status", status, tr, _bar_chart(status.title, _share_bars(status), tr)),
        _section("new-services", new, tr, _bar_chart(new.title, _share_bars(new), tr)),
        _section(
            "audiences", audiences, tr, _bar_chart(audiences.title, _share_bars(audiences), tr)
        ),
        _section("channels", channels, tr, _bar_chart(channels.title, _share_bars(channels), tr)),
        _section("take-up", take_up, tr, _table_chart(take_up, tr, 5, 330)),
        _section(
            "months", monthly, tr, _bar_chart(monthly.title, month_bars, tr) if month_bars else ""
        ),
        _section("peak-months", peaks, tr),
        leaders_section,
        _section("follow-up", follow_up, tr),
        _section("open-services", open_services_table(report, tr), tr),
        _section("in-person-steps", in_person_steps_table(report, tr), tr),
        *_interoperability(report, tr),
        *_benchmarks(report, tr),
    ]
    extra = notes(report, tr)
    if extra:
        items = "".join(f"<li>{_e(line)}</li>" for line in extra)
        heading_notes = tr.gettext("Notes")
        sections.append(
            f'<section id="notes"><h2>{_e(heading_notes)}</h2>'
            f'<ul class="notes">{items}</ul></section>'
        )
    footer = tr.gettext("Generated by egov-audit {version}.").format(version=tr.digits(__version__))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(tr.language)}" dir="{tr.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="egov-audit {_e(__version__)}">\n'
        f"<title>{_e(heading)}</title>\n"
        f"<style>\n{_CSS}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"<header><h1>{_heading(report, tr)}</h1></header>\n"
        f"<main>\n{_headline(report, tr)}\n" + "\n".join(sections) + "\n</main>\n"
        f"<footer><p>{_e(footer)}</p></footer>\n"
        "</body>\n"
        "</html>\n"
    )
