"""Generate the Qom province sample collection, ``inventories/qom/``.

The provincial ICT office of Qom published its e-government readiness figures for the first
half of 1399 (Solar Hijri) but not the declarations behind them. This script writes
declarations that a real office could have received: the province's real executive
agencies (``tools/data/qom-catalogue.yaml``) with the services each one runs, statuses,
channels, audiences, launch dates, monthly transactions for 1398 and 1399-01..06, and
``depends_on`` inquiries between agencies. Random choices come from one seeded generator, so
the output is the same on every run; the totals are then steered to the published figures
(``tools/qom_figures.py``):

* 54 of 58 registered agencies declared; 651 services: 318 full, 218 partial, 115 unknown;
* 145 services launched in 1399, 128 of them transactional or interactive;
* 345 services serve citizens; channel offerings 73% portal, 17% kiosk, 10% mobile;
* 23,000,000 transactions in 1399-01..1399-06;
* the six leading agencies the article names are the six best by the ranking rule;
* every service has a history (``tools/qom_history.py``) in which part of the services
  become fully electronic during 1398 and 1399-H1, so that 1398 and 1399 differ.

After writing, the script validates the collection and recomputes the report with
egov-audit itself, and fails if any figure differs.

The work is split by concern: ``tools/qom_assembly.py`` chooses the services and their
status, launch date, audience, channels, dependencies and benchmarks;
``tools/qom_transactions.py`` their monthly counts; ``tools/qom_render.py`` writes them as
YAML. This module runs the steps in order (the order fixes the random draws) and writes the
folder.

Usage::

    python -m tools.generate_qom [--output inventories/qom] [--seed 1399] [--force]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from tools.catalogue import qom_catalogue
from tools.qom_assembly import (
    Services,
    assemble,
    set_audiences,
    set_benchmarks,
    set_channels,
    set_dependencies,
    set_launches,
    set_statuses,
)
from tools.qom_figures import check_figures
from tools.qom_history import State, set_histories
from tools.qom_render import render_agency, render_collection
from tools.qom_transactions import set_transactions, split_by_channel
from tools.staging import staged_folder

SEED = 1399


Histories = dict[tuple[str, str], list[State]]


def build(
    rng: random.Random,
) -> tuple[Services, dict[str, tuple[int, int, int]], Histories]:
    """Every declared agency's services, the date each agency declared them, and each
    service's history."""
    services = assemble(rng)
    set_statuses(services, rng)
    set_launches(services, rng)
    set_audiences(services, rng)
    set_channels(services, rng)
    set_dependencies(services, rng)
    set_transactions(services, rng)
    declared_on = {a: (1399, 7, rng.randint(1, 20)) for a in services}
    split_by_channel(services, rng)
    set_benchmarks(services)
    histories = set_histories(services, rng)
    return services, declared_on, histories


def write(output: Path, force: bool, seed: int) -> None:
    rng = random.Random(seed)
    services, declared_on, histories = build(rng)
    with staged_folder(output, force=force) as staging:
        (staging / "collection.yaml").write_text(render_collection(), encoding="utf-8")
        for agency in qom_catalogue().agencies:
            if agency.id in services:
                text = render_agency(agency, services[agency.id], declared_on[agency.id], histories)
                (staging / "agencies" / f"{agency.id}.yaml").write_text(text, encoding="utf-8")
        check_figures(staging)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path("inventories/qom"))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    write(args.output, args.force, args.seed)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
