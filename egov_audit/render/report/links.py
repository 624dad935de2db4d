"""The interoperability and benchmark sections: who depends on whom, and which benchmark
items the services cover."""

from __future__ import annotations

from egov_audit.aggregate.figures import cut
from egov_audit.aggregate.report import BenchmarkCoverage, ReadinessReport
from egov_audit.render.i18n import Translator
from egov_audit.render.report.labels import (
    CATALOGUE_LABELS,
    ENGLISH,
    STATUS_LABELS,
    ref_name,
)
from egov_audit.render.report.table import Table, aligned, cut_note, no_data


def _more(total: int, top: int, tr: Translator) -> str:
    """The cut note of a list of ``total`` shown up to ``top``, with a leading space."""
    note = cut_note(cut(total, top), tr)
    return f" {note}" if note else ""


def interoperability_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """Providers, consumers and blocked services, from ``depends_on``."""
    interop = report.interoperability
    if not interop.providers:
        return [
            no_data(
                tr.gettext("Interoperability"),
                tr.gettext(
                    "No data: no service declares a dependency (depends_on) on a service "
                    "of the collection."
                ),
            )
        ]
    total = interop.dependent_transactions
    top = report.ranking_rule.top
    shown_providers = interop.providers[:top]
    providers = aligned(
        tr.gettext("Interoperability: provider agencies"),
        tr.gettext(
            "Agencies whose services other agencies' services depend on (depends_on; a "
            "dependency on the agency's own service is not counted). Share: of the {total} "
            "transactions of all services that depend on another agency; the shares can sum "
            "past 100% when a service depends on several providers. A registered agency that "
            "has not declared is listed as not declared."
        ).format(total=tr.number(total))
        + _more(len(interop.providers), top, tr),
        [
            tr.gettext("Agency"),
            tr.gettext("Dependent services"),
            tr.gettext("Transactions"),
            tr.gettext("Share"),
        ],
        [
            [
                ref_name(row.agency, report, tr)
                + ("" if row.declared else " " + tr.gettext("(not declared)")),
                tr.number(row.dependent_services),
                tr.number(row.dependent_transactions),
                tr.percent(row.dependent_transactions, total),
            ]
            for row in shown_providers
        ],
        [(row.dependent_transactions, total) for row in shown_providers],
    )
    most = max(row.services for row in interop.consumers)
    shown_consumers = interop.consumers[:top]
    consumers = aligned(
        tr.gettext("Interoperability: consumer agencies"),
        tr.gettext(
            "Agencies whose services depend on other services: the services with at least "
            "one dependency, and their dependencies in all."
        )
        + _more(len(interop.consumers), top, tr),
        [
            tr.gettext("Agency"),
            tr.gettext("Services with dependencies"),
            tr.gettext("Dependencies"),
        ],
        [
            [ref_name(row.agency, report, tr), tr.number(row.services), tr.number(row.dependencies)]
            for row in shown_consumers
        ],
        [(row.services, most) for row in shown_consumers],
    )
    title = tr.gettext("Interoperability: blocked services")
    definition = tr.gettext(
        "Blockers: services not fully electronic that depend on a service that is not fully "
        "electronic either, grouped by the agency providing that service."
    )
    rows = [
        [
            ref_name(group.provider, report, tr),
            blocker.service,
            tr.gettext(STATUS_LABELS[blocker.status]),
            blocker.provider_service,
            tr.gettext(STATUS_LABELS[blocker.provider_status])
            if blocker.provider_declared
            else tr.gettext("not declared"),
        ]
        for group in interop.blocked
        for blocker in group.blockers
    ]
    definition += _more(len(rows), top, tr)
    rows = rows[:top]
    if not rows:
        blocked = no_data(title, tr.gettext("None in the period.") + " " + definition)
    else:
        blocked = aligned(
            title,
            definition,
            [
                tr.gettext("Provider"),
                tr.gettext("Blocked service"),
                tr.gettext("Status"),
                tr.gettext("Depends on"),
                tr.gettext("Its status"),
            ],
            rows,
            [(0, 0) for _row in rows],
            (0, 1, 2, 3, 4),
        )
    return [providers, consumers, blocked]


def catalogue_name(coverage: BenchmarkCoverage, tr: Translator = ENGLISH) -> str:
    """The benchmark list's title in the language."""
    label = CATALOGUE_LABELS.get(coverage.catalogue.id)
    return tr.gettext(label) if label else coverage.catalogue.title


def benchmark_tables(report: ReadinessReport, tr: Translator = ENGLISH) -> list[Table]:
    """Coverage of each benchmark list, and the items no service covers."""
    title = tr.gettext("Benchmark coverage")
    found = report.benchmarks
    if not any(item.covered for item in found):
        return [
            no_data(
                title,
                tr.gettext(
                    "No data: no service carries a benchmark code "
                    "(egov-audit benchmarks lists them)."
                ),
            )
        ]
    coverage = aligned(
        title,
        tr.gettext(
            "Items of each benchmark list that at least one service of the period covers "
            "(benchmarks:), and that at least one fully electronic service covers; share: "
            "the items a fully electronic service covers, of all items."
        ),
        [
            tr.gettext("Benchmark list"),
            tr.gettext("Items"),
            tr.gettext("Covered"),
            tr.gettext("Fully electronic"),
            tr.gettext("Share"),
        ],
        [
            [
                catalogue_name(item, tr),
                tr.number(len(item.catalogue.items)),
                tr.number(len(item.covered)),
                tr.number(len(item.fully_electronic)),
                tr.percent(len(item.fully_electronic), len(item.catalogue.items)),
            ]
            for item in found
        ],
        [(len(item.fully_electronic), len(item.catalogue.items)) for item in found],
    )
    missing = [(entry.code, entry.title) for item in found for entry in item.missing]
    top = report.ranking_rule.top
    not_covered = aligned(
        tr.gettext("Benchmark items not covered"),
        tr.gettext("Items no service of the period covers, as the benchmark lists name them.")
        + _more(len(missing), top, tr),
        [tr.gettext("Code"), tr.gettext("Item")],
        [[code, name] for code, name in missing[:top]],
        [(0, 0) for _entry in missing[:top]],
        (0, 1),
    )
    return [coverage, not_covered]
