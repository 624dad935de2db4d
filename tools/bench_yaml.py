"""Time reading YAML alone, file by file, in one process: the loaders side by side.

For every ``*.yaml`` file under the folder (read into memory first), in rounds, the best
round of each:

* ``compose``: ``yaml.compose(text, Loader=yaml.CSafeLoader)``, the benchmark's floor;
* ``pure``: ``load_bytes`` with the pure-Python path (libyaml's composer, then the nodes
  converted in Python), what ``EGOV_AUDIT_PURE_YAML=1`` runs;
* ``compiled``: ``load_bytes`` with the compiled reader (:mod:`egov_audit.io._fastyaml`);
* ``compiled+positions``: the same, then one position asked of each file, which composes
  its node tree (what a file with a finding costs);
* ``compiled_only``: the compiled reader's ``load`` on the decoded text, nothing else.

Usage::

    python -m tools.synth --agencies 100 --services 10000 --seed 7 --output /tmp/synth10k
    python -m tools.bench_yaml /tmp/synth10k [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from egov_audit.io import yamlload


def _time(step: Callable[[bytes], object], files: list[bytes], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        for data in files:
            step(data)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    files = [p.read_bytes() for p in sorted(args.folder.rglob("*.yaml"))]
    compiled = yamlload._fast_load
    steps: dict[str, Callable[[bytes], object]] = {
        "compose": lambda data: yaml.compose(data.decode("utf-8"), Loader=yaml.CSafeLoader),
    }

    def pure(data: bytes) -> object:
        yamlload._fast_load = None
        try:
            return yamlload.load_bytes(data)
        finally:
            yamlload._fast_load = compiled

    steps["pure"] = pure
    if compiled is not None:
        fast = compiled
        steps["compiled"] = yamlload.load_bytes
        steps["compiled+positions"] = lambda data: yamlload.load_bytes(data).position([])
        steps["compiled_only"] = lambda data: fast(data.decode("utf-8"), 32, 500_000)
    size = sum(len(data) for data in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB, best of {args.rounds} rounds")
    floor = None
    for name, step in steps.items():
        seconds = _time(step, files, args.rounds)
        floor = floor or seconds
        print(f"{name:>20}: {seconds:7.3f} s  {seconds / floor:5.2f}x compose")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
