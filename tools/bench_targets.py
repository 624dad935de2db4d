"""The benchmark's targets, checked against a run's steps, and its tables.

Every ratio is the median, over the rounds of a run, of a step's time to the floor's
(``yaml.compose`` with libyaml over every file, one process) or another step's in the same
round, never to an absolute time: the machine is shared and noisy.
"""

from __future__ import annotations

import statistics
from typing import Any

MIB = 1024

MEMORY_LIMIT_MIB = 512
TARGETS = {
    "cold validate then report": (
        "(validate_fill + report_after_validate) / floor <= 0.7 (0.5 with a compiled loader)"
    ),
    "warm validate": "validate_warm / floor <= 0.01",
    "warm report": "report_warm / floor <= 0.01",
    "5% invalid": "validate_invalid / validate_cold <= 1.2",
    "memory": f"every step's peak_tree_mib < {MEMORY_LIMIT_MIB}",
    "check-jsonschema": "check_jsonschema / validate_cold >= 20",
}


def targets(rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target of the output with its measured value (None when a step was skipped)."""

    def runs(name: str) -> list[float]:
        row = rows.get(name)
        return [r["seconds"] for r in row["runs"]] if row and not row["skipped"] else []

    def ratio(tops: list[float], bottoms: list[float]) -> float | None:
        """The median over the rounds of top / bottom."""
        if not tops or len(tops) != len(bottoms):
            return None
        return round(statistics.median(t / b for t, b in zip(tops, bottoms, strict=True)), 4)

    floor = runs("floor")
    fill, after = runs("validate_fill"), runs("report_after_validate")
    pair = [a + b for a, b in zip(fill, after, strict=True)] if len(fill) == len(after) else []
    peaks = [r["peak_tree_mib"] for r in rows.values() if r["peak_tree_mib"] is not None]
    found = {
        "cold validate then report": (ratio(pair, floor), "<=", 0.7),
        "warm validate": (ratio(runs("validate_warm"), floor), "<=", 0.01),
        "warm report": (ratio(runs("report_warm"), floor), "<=", 0.01),
        "5% invalid": (ratio(runs("validate_invalid"), runs("validate_cold")), "<=", 1.2),
        "memory": (max(peaks) if peaks else None, "<", MEMORY_LIMIT_MIB),
        "check-jsonschema": (ratio(runs("check_jsonschema"), runs("validate_cold")), ">=", 20),
    }
    result = []
    for name, (value, op, limit) in found.items():
        met = None
        if value is not None:
            met = value <= limit if op == "<=" else value < limit if op == "<" else value >= limit
        result.append(
            {"target": name, "rule": TARGETS[name], "value": value, "limit": limit, "met": met}
        )
    return result


def table(rows: list[dict[str, Any]]) -> str:
    """The steps: seconds, ratios to both floors, CPU ratio, peak memory, exit codes."""
    header = (
        f"{'step':<24} {'seconds':>8} {'x floor':>8} {'x load':>7} {'cpu x':>6} "
        f"{'MiB max':>8} {'MiB tree':>9} {'exit':>5}"
    )
    lines = [header, "-" * len(header)]
    load = next((r["seconds"] for r in rows if r["name"] == "floor_load"), None)
    for row in rows:
        if row["skipped"] or not row["runs"]:
            lines.append(f"{row['label']:<24} {row['skipped'] or 'not run'}")
            continue

        def fixed(value: float | None, digits: int = 3) -> str:
            return f"{value:.{digits}f}" if value is not None else "-"

        to_load = row["seconds"] / load if load else None
        lines.append(
            f"{row['label']:<24} {row['seconds']:>8.2f} {fixed(row['ratio_to_floor']):>8} "
            f"{fixed(to_load):>7} {fixed(row['cpu_ratio_to_floor'], 2):>6} "
            f"{row['peak_rss_mib']:>8.1f} {row['peak_tree_mib']:>9.1f} "
            f"{','.join(map(str, row['exit_codes'])):>5}"
        )
    return "\n".join(lines)


def targets_table(found: list[dict[str, Any]]) -> str:
    """Each target, its measured value and whether it is met."""
    lines = []
    for item in found:
        state = {True: "met", False: "NOT MET", None: "not measured"}[item["met"]]
        value = "-" if item["value"] is None else f"{item['value']:g}"
        lines.append(f"{item['target']:<26} {value:>10}  {item['rule']:<55} {state}")
    return "\n".join(lines)


def markdown(result: dict[str, Any]) -> str:
    """A run as the Markdown of docs/benchmarks.md: the machine, the command, the steps
    and the targets."""
    host = result["machine"]
    valid = result["collections"]["valid"]
    code = result.get("snapshot") or result.get("egov_audit", {}).get("git") or {}
    lines = [
        f"Measured {result['date']} on {host['cpu_count']} CPUs and {host['memory_gib']} GiB "
        f"(Python {host['python_version']}, load average {host['load_average'][0]} at the "
        f"start and {host['load_average_end'][0]} at the end), commit "
        f"`{(code.get('commit') or '?')[:7]}`, median of {result['parameters']['repeat']} "
        f"run(s):",
        "",
        "```sh",
        " ".join(result["command"]),
        "```",
        "",
        f"| step ({valid['services']:,} services, {valid['files']:,} files, "
        f"{valid['bytes'] / 1e6:.1f} MB) | seconds | x floor | x load | CPU x floor "
        "| MiB max | MiB tree |",
        "|---|---|---|---|---|---|---|",
    ]
    load = next((r["seconds"] for r in result["steps"] if r["name"] == "floor_load"), None)
    for row in result["steps"]:
        if row["skipped"] or not row["runs"]:
            continue
        to_load = f"{row['seconds'] / load:.3f}" if load else "-"
        lines.append(
            f"| `{row['name']}` | {row['seconds']:.2f} | {row['ratio_to_floor']:.3f} | {to_load} "
            f"| {row['cpu_ratio_to_floor']:.2f} | {row['peak_rss_mib']:.0f} "
            f"| {row['peak_tree_mib']:.0f} |"
        )
    lines += ["", "| target | value | met |", "|---|---|---|"]
    for item in result["targets"]:
        value = "-" if item["value"] is None else f"{item['value']:g}"
        state = {True: "yes", False: "**no**", None: "not measured"}[item["met"]]
        lines.append(f"| {item['rule']} | {value} | {state} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import json
    import sys

    # python -m tools.bench_targets benchmarks/results.jsonl: the last record as Markdown
    with open(sys.argv[1], encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    sys.stdout.write(markdown(records[-1]))
