"""Words and number formats shared by the human-readable renderers, in the report's language.

Every label is an English msgid (marked with ``N_`` where it is defined, translated where
it is shown) so that ``egov_audit/locale/<lang>/LC_MESSAGES/egov_audit.po`` translates it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_decimal, format_percent

from egov_audit.aggregate.report import AgencyRow, RankingRule, ReadinessReport
from egov_audit.model import AgencyRef, Audience, Channel, ServiceType, Status
from egov_audit.model.calendars import Calendar, Month, format_month
from egov_audit.model.period import Period
from egov_audit.render.i18n import N_, Translator, round_half_up, translator

ENGLISH = translator("en")

STATUS_LABELS: dict[Status, str] = {
    Status.FULL: N_("Fully electronic"),
    Status.PARTIAL: N_("Partly electronic"),
    Status.IN_PERSON: N_("In person only"),
    Status.UNKNOWN: N_("Unverified (needs more information)"),
}
TYPE_LABELS: dict[ServiceType, str] = {
    ServiceType.TRANSACTIONAL: N_("Transactional"),
    ServiceType.INTERACTIVE: N_("Interactive"),
    ServiceType.INFORMATIONAL: N_("Informational"),
}
AUDIENCE_LABELS: dict[Audience, str] = {
    Audience.CITIZENS: N_("Citizens"),
    Audience.BUSINESSES: N_("Businesses"),
    Audience.GOVERNMENT: N_("Government bodies"),
}
CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PORTAL: N_("Agency portals"),
    Channel.KIOSK: N_("Kiosk / counter offices"),
    Channel.MOBILE: N_("Mobile apps"),
}

#: Halves and quarters of a year, as ``--period`` writes them (``1399-H1``).
PART_LABELS: dict[str, str] = {
    "H1": N_("{year}-H1"),
    "H2": N_("{year}-H2"),
    "Q1": N_("{year}-Q1"),
    "Q2": N_("{year}-Q2"),
    "Q3": N_("{year}-Q3"),
    "Q4": N_("{year}-Q4"),
}
_PART = re.compile(r"^([0-9]{4})-([HQ][1-4])\Z")


def period_label(period: Period, tr: Translator = ENGLISH) -> str:
    """The period's label in the language (``1399-H1``; Persian ``نیمهٔ نخست ۱۳۹۹``)."""
    match = _PART.match(period.label)
    if match and match.group(2) in PART_LABELS:
        return tr.gettext(PART_LABELS[match.group(2)]).format(year=tr.digits(match.group(1)))
    return tr.digits(period.label)


def number(value: int, tr: Translator = ENGLISH) -> str:
    """A count with the locale's thousands separators."""
    return tr.number(value)


def percent(count: int, total: int, tr: Translator = ENGLISH) -> str:
    """A share as a percentage with one decimal (``48.8%``); ``-`` when there is no total."""
    return tr.percent(count, total)


def month_label(calendar: Calendar, month: Month, tr: Translator = ENGLISH) -> str:
    """``1399-01 (Farvardin)``."""
    return f"{tr.digits(format_month(month))} ({tr.month_name(calendar, month[1])})"


def month_row_label(calendar: Calendar, month: Month, tr: Translator = ENGLISH) -> str:
    """``1399-01 Farvardin``, as the monthly table and chart show a month."""
    return f"{tr.digits(format_month(month))} {tr.month_name(calendar, month[1])}"


def shows_local_names(report: ReadinessReport, tr: Translator) -> bool:
    """Whether local names are shown: the report is in the collection's own language."""
    return report.collection.language is not None and report.collection.language == tr.language


def ref_name(ref: AgencyRef, report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """An agency's name: its local name in the collection's language, else its English name."""
    if ref.name_local and shows_local_names(report, tr):
        return ref.name_local
    return ref.name


def agency_name(row: AgencyRow, report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """The name of a ranked (or unranked) agency, as :func:`ref_name`."""
    return ref_name(row.agency, report, tr)


def collection_name(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """``Qom Province (استان قم)``; only the local name in the collection's language."""
    collection = report.collection
    if collection.name_local and shows_local_names(report, tr):
        return collection.name_local
    if collection.name_local:
        return f"{collection.name} ({collection.name_local})"
    return collection.name


def title(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """The report's title line."""
    return tr.gettext("{collection}: e-government readiness report, {period}").format(
        collection=collection_name(report, tr), period=period_label(report.period, tr)
    )


def month_span(calendar: Calendar, first: Month, last: Month, tr: Translator = ENGLISH) -> str:
    """Months in words, for running text: ``Farvardin 1399``, ``Farvardin to Shahrivar
    1399``, ``Esfand 1398 to Farvardin 1399`` (never a digit range, which a right-to-left
    language would read backwards)."""
    if first == last:
        return tr.gettext("{month} {year}").format(
            month=tr.month_name(calendar, first[1]), year=tr.integer(first[0])
        )
    if first[0] == last[0]:
        return tr.gettext("{first} to {last} {year}").format(
            first=tr.month_name(calendar, first[1]),
            last=tr.month_name(calendar, last[1]),
            year=tr.integer(last[0]),
        )
    return tr.gettext("{first} {first_year} to {last} {last_year}").format(
        first=tr.month_name(calendar, first[1]),
        first_year=tr.integer(first[0]),
        last=tr.month_name(calendar, last[1]),
        last_year=tr.integer(last[0]),
    )


def coverage(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """Which months the transaction figure covers, exactly, with the months named."""
    calendar = report.collection.calendar
    months = report.months_with_data
    label = period_label(report.period, tr)
    named = month_span(calendar, report.period.start, report.period.end, tr)
    period = tr.gettext("period {label}: {months}").format(label=label, months=named)
    if not months:
        return tr.clauses([period, tr.gettext("no transactions declared for these months")])
    clauses = [
        period,
        tr.ngettext(
            "counts declared for {count} month: {span}",
            "counts declared for {count} months: {span}",
            len(months),
        ).format(
            count=tr.integer(len(months)), span=month_span(calendar, months[0], months[-1], tr)
        ),
    ]
    gaps = len(report.period.months) - len(months)
    if gaps:
        clauses.append(
            tr.ngettext(
                "{count} month of the period has no data",
                "{count} months of the period have no data",
                gaps,
            ).format(count=tr.integer(gaps))
        )
    clauses.append(tr.gettext("not annualised"))
    return tr.clauses(clauses)


def ranking_rule(rule: RankingRule, tr: Translator = ENGLISH) -> str:
    """The ranking rule in one sentence (in English exactly :meth:`RankingRule.describe`)."""
    return tr.ngettext(
        "Agencies with at least {count} service in the period are ranked by share of fully "
        "electronic services; ties are broken by the number of fully electronic services, "
        "then by transactions in the period.",
        "Agencies with at least {count} services in the period are ranked by share of fully "
        "electronic services; ties are broken by the number of fully electronic services, "
        "then by transactions in the period.",
        rule.min_services,
    ).format(count=tr.integer(rule.min_services))


def bar(count: int, total: int, width: int = 30) -> str:
    """A horizontal bar proportional to ``count / total``."""
    if not total:
        return ""
    cells = round(width * count / total)
    return "█" * cells


#: The benchmark lists by catalogue id (their items' titles are shown as the list has them).
CATALOGUE_LABELS: dict[str, str] = {
    "sdg": N_("EU Single Digital Gateway Regulation, Annex II"),
    "un": N_("UN E-Government Survey, online services"),
}

#: The figures that ``--compare`` sets beside the other period's, by :class:`Change` key.
CHANGE_LABELS: dict[str, str] = {
    "agencies_declared": N_("Agencies that declared"),
    "services": N_("Services"),
    **{f"status.{status.value}": label for status, label in STATUS_LABELS.items()},
    "full_share": N_("Fully electronic share"),
    "transactions": N_("Transactions"),
    "new_services": N_("New services in the year"),
    **{f"channel.{channel.value}": label for channel, label in CHANNEL_LABELS.items()},
    "digital_take_up": N_("Digital take-up"),
}


def _one_decimal_pattern(tr: Translator) -> str:
    """The locale's percent pattern with one decimal (``#,##0%`` -> ``#,##0.0%``)."""
    pattern = str(tr.locale.percent_formats[None].pattern).partition(";")[0]
    last_zero = pattern.rfind("0")
    if last_zero < 0 or "." in pattern:
        return pattern
    return pattern[: last_zero + 1] + ".0" + pattern[last_zero + 1 :]


def fraction(value: float, tr: Translator = ENGLISH) -> str:
    """A share given as a fraction (0.733...) as a percentage with one decimal (``73.3%``)."""
    rounded = round_half_up(Decimal(repr(value)) * 100) / 100
    text = format_percent(
        rounded,
        format=_one_decimal_pattern(tr),
        locale=tr.locale,
        numbering_system=str(tr.locale.default_numbering_system),
    )
    return tr.figure(str(text))


def signed_percent(value: float | None, tr: Translator = ENGLISH) -> str:
    """A change in percent with its sign and one decimal (``+174.5%``); ``-`` when unknown."""
    if value is None:
        return "-"
    rounded = round_half_up(value) / 100
    pattern = _one_decimal_pattern(tr)
    text = format_percent(
        rounded,
        format=f"+{pattern};-{pattern}",
        locale=tr.locale,
        numbering_system=str(tr.locale.default_numbering_system),
    )
    return tr.figure(str(text))


def points(value: float | None, tr: Translator = ENGLISH) -> str:
    """A change of a share in percentage points, signed, one decimal (``+3.2 pp``)."""
    if value is None:
        return "-"
    text = format_decimal(
        round_half_up(value),
        format="+#,##0.0;-#,##0.0",
        locale=tr.locale,
        numbering_system=str(tr.locale.default_numbering_system),
    )
    return tr.gettext("{points} pp").format(points=tr.digits(str(text)))


def ratio(value: float | None, tr: Translator = ENGLISH) -> str:
    """How many times the other period's figure, with one decimal (``2.7x``); ``-`` if unknown."""
    if value is None:
        return "-"
    text = format_decimal(
        round_half_up(value),
        format="#,##0.0",
        locale=tr.locale,
        numbering_system=str(tr.locale.default_numbering_system),
    )
    return tr.gettext("{ratio}x").format(ratio=tr.digits(str(text)))
