"""Generate realistic synthetic collections of any size, for tests and benchmarks.

The agencies are the Qom catalogue's agencies (``tools/data/qom-catalogue.yaml``) repeated
for every province of Iran (``gas-tehran``, ``civil-registration-fars``, ...), with a numeric
suffix once the provinces run out (``tools/synth_agencies.py``). Service names combine the
catalogue's service names (mostly the agency's own, some common, some borrowed) with
qualifiers, so the files read like real declarations. Distributions:

* services per agency are log-normal (a few large agencies, many small ones), at least one
  and at most ``MAX_SERVICES_PER_AGENCY`` per file, summing exactly to ``--services``;
* statuses about 49% full, 32% partial, 16% unknown, 3% in person;
* channels, audiences and types follow the status and the catalogue entry;
* about 70% of services have a ``launched_on``, skewed to recent years;
* 12 to 18 months of transactions up to the month before the declaration, with heavy-tailed
  (log-normal) volumes, a seasonal shape and growth;
* ``depends_on`` names other agencies' inquiry services (identity, postal code, tax
  clearance, ...), chosen with Zipf-like weights so that a few providers are used a lot.

With ``--invalid-share`` a share of the agency files (never a provider's) each gets exactly one
realistic mistake, in turn: an unknown status value, a date that does not exist (month 13),
a duplicate key, a ``depends_on`` to a missing service, a count in Persian digits. Which file
got which mistake, at which line, and the rule id ``egov-audit validate`` reports for it are
written to ``synth-manifest.json`` next to ``collection.yaml`` (egov-audit ignores it).

The YAML is written as text, agency by agency (``tools/synth_declarations.py``), so a million
services need little memory. The output is written into a temporary folder next to the
target and renamed at the end; an existing target is only replaced with ``--force``. The same
arguments give the same bytes.

Usage::

    python -m tools.synth --agencies 1000 --services 100000 --seed 7 --output DIR \\
        [--invalid-share 0.05] [--calendar jalali|gregorian] [--force]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tools.staging import staged_folder
from tools.synth_agencies import MAX_SERVICES_PER_AGENCY, agency_at, allocate
from tools.synth_declarations import INVALID_KINDS, Generator, Stats

__all__ = ["INVALID_KINDS", "MANIFEST", "MAX_SERVICES_PER_AGENCY", "allocate", "main", "write"]

MANIFEST = "synth-manifest.json"


def write(
    output: Path,
    *,
    agencies: int,
    services: int,
    seed: int = 7,
    calendar: str = "jalali",
    invalid_share: float = 0.0,
    force: bool = False,
) -> dict[str, object]:
    """Write the collection atomically; return its manifest."""
    if output.exists() and not force:
        raise SystemExit(f"{output} exists; pass --force to replace it")
    if not 0 <= invalid_share <= 1:
        raise SystemExit("--invalid-share must be between 0 and 1")
    started = time.perf_counter()
    generator = Generator(agencies, services, seed, calendar, invalid_share)
    total = Stats(files=0)
    with staged_folder(output, force=force) as staging:
        folder = staging / "agencies"
        text = generator.collection_text()
        data = text.encode("utf-8")
        (staging / "collection.yaml").write_bytes(data)
        total.bytes += len(data)
        for index in range(agencies):
            text, injected, stats = generator.agency_text(index)
            data = text.encode("utf-8")
            (folder / f"{agency_at(index).id}.yaml").write_bytes(data)
            total.files += 1
            total.bytes += len(data)
            total.services += stats.services
            total.transactions += stats.transactions
            total.dependencies += stats.dependencies
            for key, value in stats.by_status.items():
                total.by_status[key] += value
            if injected is not None:
                total.invalid.append(injected)
        manifest: dict[str, object] = {
            "synth_version": 1,
            "seed": seed,
            "agencies": agencies,
            "services": services,
            "calendar": calendar,
            "invalid_share": invalid_share,
            "files": total.files,
            "bytes": total.bytes,
            "by_status": total.by_status,
            "transactions": total.transactions,
            "dependencies": total.dependencies,
            "invalid": total.invalid,
        }
        (staging / MANIFEST).write_text(
            json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    manifest["seconds"] = round(time.perf_counter() - started, 3)
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.synth", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument(
        "--invalid-share",
        type=float,
        default=0.0,
        help="share of agency files given one realistic mistake each (e.g. 0.05)",
    )
    parser.add_argument("--calendar", choices=["jalali", "gregorian"], default="jalali")
    parser.add_argument("--force", action="store_true", help="replace an existing output")
    args = parser.parse_args(argv)
    manifest = write(
        args.output,
        agencies=args.agencies,
        services=args.services,
        seed=args.seed,
        calendar=args.calendar,
        invalid_share=args.invalid_share,
        force=args.force,
    )
    print(
        f"wrote {args.output}: {manifest['files']} agency files, {manifest['services']} "
        f"services, {int(manifest['bytes']) / 1e6:.1f} MB, "  # type: ignore[call-overload]
        f"{len(manifest['invalid'])} invalid files, "  # type: ignore[arg-type]
        f"in {manifest['seconds']} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
