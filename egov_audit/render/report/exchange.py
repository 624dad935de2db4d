"""The government exchange section: inquiries, providers, consumers, the busiest and quietest
month, the demand waiting on providers not connected, and growth against another period.

Shared by the terminal, Markdown and HTML reports (:func:`exchange_tables`); the figures
come from :mod:`egov_audit.aggregate.exchange`.
"""

from __future__ import annotations

from egov_audit.aggregate.compare import Change
from egov_audit.aggregate.exchange import ExchangeFigures, ExchangeMonth, exchange_changes
from egov_audit.aggregate.figures import cut
from egov_audit.aggregate.report import ReadinessReport
from egov_audit.render.i18n import N_, Translator
from egov_audit.render.report.labels import (
    ENGLISH,
    month_row_label,
    period_label,
    ratio,
    ref_name,
    shows_local_names,
    signed_percent,
)
from egov_audit.render.report.table import Table, aligned, no_data, with_cut

CHANGE_LABELS = {
    "exchange.inquiries": N_("Inquiries"),
    "exchange.services": N_("Services that served inquiries"),
    "exchange.providers": N_("Providers"),
    "exchange.consumers": N_("Consumers"),
    "exchange.transactions_and_inquiries": N_("Transactions and inquiries together"),
}


def exchange_name(report: ReadinessReport, tr: Translator = ENGLISH) -> str:
    """The exchange's name in the report's language ("the exchange" when it has none)."""
    exchange = report.exchange.exchange if report.exchange else None
    if exchange is None:
        return tr.gettext("the exchange")
    if exchange.name_local and shows_local_names(report, tr):
        return exchange.name_local
    return exchange.name


def _count(value: int | None, tr: Translator) -> str:
    return "-" if value is None else tr.number(value)


def summary_table(report: ReadinessReport, found: ExchangeFigures, tr: Translator) -> Table:
    """The exchange's headline figures for the period."""
    consumers = len(found.consumers) if found.consumers_known else None
    note = tr.gettext(
        "Inquiries served over the exchange in the period; services and providers: those "
        "that served at least one. Services declared: {declared}. Transactions and "
        "inquiries together: the services' transactions ({transactions}) and the "
        "exchange's inquiries."
    ).format(
        declared=tr.number(found.services_declared),
        transactions=tr.number(found.transactions),
    )
    if found.consumers_known:
        note += " " + tr.gettext(
            "Consumers are counted in the months split by consumer, which hold {share} of "
            "the inquiries ({split} of {total})."
        ).format(
            share=tr.percent(found.split_inquiries, found.inquiries),
            split=tr.number(found.split_inquiries),
            total=tr.number(found.inquiries),
        )
    else:
        note += " " + tr.gettext("No inquiry of the period is split by consumer.")
    values = {
        "exchange.inquiries": tr.number(found.inquiries),
        "exchange.services": tr.number(found.services),
        "exchange.providers": tr.number(len(found.providers)),
        "exchange.consumers": _count(consumers, tr),
        "exchange.transactions_and_inquiries": tr.number(found.transactions_and_inquiries),
    }
    rows = [[tr.gettext(CHANGE_LABELS[key]), value] for key, value in values.items()]
    return aligned(
        tr.gettext("Exchange: {name}").format(name=exchange_name(report, tr)),
        note,
        [tr.gettext("Figure"), tr.gettext("Value")],
        rows,
        [(0, 0) for _row in rows],
    )


def providers_table(report: ReadinessReport, found: ExchangeFigures, tr: Translator) -> Table:
    """The providers by inquiries served, the first ``--top``."""
    title = tr.gettext("Exchange: providers (top {top})").format(
        top=tr.integer(report.ranking_rule.top)
    )
    if not found.providers:
        return no_data(title, tr.gettext("No data: no service served an inquiry in the period."))
    total = found.inquiries
    shown = found.providers[: report.ranking_rule.top]
    return aligned(
        title,
        with_cut(
            tr.gettext(
                "Providers by inquiries served in the period, most first (ties: by services, "
                "then by id); share: of all inquiries of the period ({total})."
            ).format(total=tr.number(total)),
            cut(len(found.providers), report.ranking_rule.top),
            tr,
        ),
        [
            tr.gettext("Rank"),
            tr.gettext("Provider"),
            tr.gettext("Services"),
            tr.gettext("Inquiries"),
            tr.gettext("Share"),
        ],
        [
            [
                tr.integer(rank),
                ref_name(row.agency, report, tr),
                tr.number(row.services),
                tr.number(row.inquiries),
                tr.percent(row.inquiries, total),
            ]
            for rank, row in enumerate(shown, start=1)
        ],
        [(row.inquiries, total) for row in shown],
        (0, 1),
    )


def consumers_table(report: ReadinessReport, found: ExchangeFigures, tr: Translator) -> Table:
    """The consumers by inquiries in the months split by consumer, the first ``--top``."""
    title = tr.gettext("Exchange: consumers (top {top})").format(
        top=tr.integer(report.ranking_rule.top)
    )
    if not found.consumers:
        return no_data(title, tr.gettext("No data: no inquiry of the period is split by consumer."))
    total = found.split_inquiries
    shown = found.consumers[: report.ranking_rule.top]
    return aligned(
        title,
        with_cut(
            tr.gettext(
                "Consumers by inquiries in the months split by consumer, most first (ties: "
                "by id); share: of those inquiries ({total}). Services: the services each "
                "called."
            ).format(total=tr.number(total)),
            cut(len(found.consumers), report.ranking_rule.top),
            tr,
        ),
        [
            tr.gettext("Rank"),
            tr.gettext("Consumer"),
            tr.gettext("Services"),
            tr.gettext("Inquiries"),
            tr.gettext("Share"),
        ],
        [
            [
                tr.integer(rank),
                ref_name(row.consumer, report, tr),
                tr.number(row.services),
                tr.number(row.inquiries),
                tr.percent(row.inquiries, total),
            ]
            for rank, row in enumerate(shown, start=1)
        ],
        [(row.inquiries, total) for row in shown],
        (0, 1),
    )


def months_table(report: ReadinessReport, found: ExchangeFigures, tr: Translator) -> Table:
    """The busiest and quietest months, with what was active in each."""
    title = tr.gettext("Exchange: busiest and quietest months")
    busiest, quietest = found.busiest, found.quietest
    if busiest is None or quietest is None:
        return no_data(
            title, tr.gettext("No data: fewer than two months of the period have inquiries.")
        )
    calendar = report.collection.calendar
    labelled: list[tuple[str, ExchangeMonth]] = [
        *((tr.pgettext("inquiries", "Busiest month"), month) for month in busiest),
        *((tr.pgettext("inquiries", "Quietest month"), month) for month in quietest),
    ]
    peak = busiest[0].inquiries
    return aligned(
        title,
        tr.gettext(
            "Among the months with inquiries declared; months tied on the count are all "
            "named. Services, providers and consumers active in the month: with at least "
            "one inquiry in it (consumers: in its inquiries split by consumer; - when none "
            "is)."
        ),
        [
            tr.gettext("Figure"),
            tr.gettext("Month"),
            tr.gettext("Inquiries"),
            tr.gettext("Services"),
            tr.gettext("Providers"),
            tr.gettext("Consumers"),
        ],
        [
            [
                label,
                month_row_label(calendar, month.month, tr),
                tr.number(month.inquiries),
                tr.number(month.services),
                tr.number(month.providers),
                _count(month.consumers, tr),
            ]
            for label, month in labelled
        ],
        [(month.inquiries, peak) for _label, month in labelled],
        (0, 1),
    )


def waiting_table(report: ReadinessReport, found: ExchangeFigures, tr: Translator) -> Table:
    """The demand that waits on each provider not connected to the exchange."""
    title = tr.gettext("Exchange: demand waiting on providers not connected")
    definition = tr.gettext(
        "Providers not connected by the end of the period (none of their services "
        "declares inquiries up to then) whose services others depend on (depends_on): the "
        "services waiting on each and their transactions. Share: of the transactions of "
        "all services that depend on another agency ({total}); a service waiting on "
        "several providers counts once in the total."
    ).format(total=tr.number(found.dependent_transactions))
    if not found.waiting:
        return no_data(title, tr.gettext("None in the period.") + " " + definition)
    total = found.dependent_transactions
    rows = [
        [
            tr.gettext("All providers not connected"),
            tr.number(found.waiting_services),
            tr.number(found.waiting_transactions),
            tr.percent(found.waiting_transactions, total),
        ],
        *(
            [
                ref_name(row.provider, report, tr)
                + ("" if row.declared else " " + tr.gettext("(not declared)")),
                tr.number(row.services),
                tr.number(row.transactions),
                tr.percent(row.transactions, total),
            ]
            for row in found.waiting
        ),
    ]
    return aligned(
        title,
        definition,
        [
            tr.gettext("Provider"),
            tr.gettext("Services waiting"),
            tr.gettext("Transactions"),
            tr.gettext("Share"),
        ],
        rows,
        [
            (found.waiting_transactions, total),
            *((row.transactions, total) for row in found.waiting),
        ],
    )


def growth_table(
    report: ReadinessReport, found: ExchangeFigures, previous: ReadinessReport, tr: Translator
) -> Table | None:
    """The exchange's figures beside another period's (``--compare``)."""
    before = previous.exchange
    if before is None:
        return None
    other = period_label(previous.period, tr)
    rows = []
    for key, now, then in exchange_changes(found, before):
        change = Change(key, now, then)
        rows.append(
            [
                tr.gettext(CHANGE_LABELS[key]),
                _count(now, tr),
                _count(then, tr),
                ratio(change.ratio, tr),
                signed_percent(change.percent, tr),
            ]
        )
    return aligned(
        tr.gettext("Exchange compared with {period}").format(period=other),
        tr.gettext(
            "Change: this period's figure in times the other's, and in percent of it; - "
            "when the other period's figure is 0 or unknown."
        ),
        [
            tr.gettext("Figure"),
            period_label(report.period, tr),
            other,
            tr.gettext("Change"),
            tr.gettext("Change (%)"),
        ],
        rows,
        [(0, 0) for _row in rows],
    )


def exchange_sections(
    report: ReadinessReport,
    tr: Translator = ENGLISH,
    previous: ReadinessReport | None = None,
) -> list[tuple[str, Table]]:
    """The exchange section's tables in reading order, each with the id of its place in the
    HTML page; none for a collection without an exchange."""
    found = report.exchange
    if found is None:
        return []
    growth = growth_table(report, found, previous, tr) if previous is not None else None
    return [
        ("exchange", summary_table(report, found, tr)),
        *([("exchange-compare", growth)] if growth is not None else []),
        ("exchange-providers", providers_table(report, found, tr)),
        ("exchange-consumers", consumers_table(report, found, tr)),
        ("exchange-months", months_table(report, found, tr)),
        ("exchange-waiting", waiting_table(report, found, tr)),
    ]


def exchange_tables(
    report: ReadinessReport,
    tr: Translator = ENGLISH,
    previous: ReadinessReport | None = None,
) -> list[Table]:
    """The exchange section's tables, in reading order."""
    return [table for _ident, table in exchange_sections(report, tr, previous)]
