"""The Markdown report of a run: the table, the targets, memory and the streaming check."""

import math
from dataclasses import dataclass

from bench.load import Timings
from bench.scenarios import Scenario

P95_TARGET_MS = 150
API_FLOOR_RATIO = 3


@dataclass
class Measured:
    scenario: Scenario
    endpoint: Timings
    floor: Timings
    alone: Timings

    @property
    def ratio_median(self) -> float:
        return _ratio(self.endpoint.median_ms, self.floor.median_ms)

    @property
    def ratio_p95(self) -> float:
        return _ratio(self.endpoint.p95_ms, self.floor.p95_ms)

    def verdict(self) -> str:
        if self.endpoint.errors:
            return f"**{len(self.endpoint.errors)} errors**"
        kind = self.scenario.kind
        if kind == "export":
            return "memory (below)"
        missed = []
        if self.endpoint.p95_ms > P95_TARGET_MS:
            missed.append(f"p95 > {P95_TARGET_MS} ms")
        if self.scenario.key.startswith("api_list") and self.ratio_median > API_FLOOR_RATIO:
            missed.append(f"> {API_FLOOR_RATIO}× floor")
        return "**missed**: " + ", ".join(missed) if missed else "met"


def _ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else float("nan")


def ms(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def table(rows: list[Measured]) -> str:
    lines = [
        "| request | alone ms | n | median ms | p95 ms | req/s | floor median ms | floor p95 ms "
        "| × floor (median) | × floor (p95) | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        e, f = row.endpoint, row.floor
        lines.append(
            f"| {row.scenario.label} | {ms(row.alone.median_ms)} | {len(e.seconds)} "
            f"| {ms(e.median_ms)} | {ms(e.p95_ms)} "
            f"| {e.per_second:.1f} | {ms(f.median_ms)} | {ms(f.p95_ms)} "
            f"| {row.ratio_median:.1f} | {row.ratio_p95:.1f} | {row.verdict()} |"
        )
    return "\n".join(lines)


def memory_table(memory: dict[int, dict[str, int]]) -> str:
    lines = ["| worker | peak RSS (VmHWM) MB | RSS now MB |", "| --- | ---: | ---: |"]
    for n, (_pid, fields) in enumerate(sorted(memory.items()), start=1):
        lines.append(f"| {n} | {fields.get('VmHWM', 0) / 1024:.0f} | {fields.get('VmRSS', 0) / 1024:.0f} |")
    return "\n".join(lines)


def streaming_table(stages: list[tuple[str, dict[int, dict[str, int]]]]) -> str:
    lines = ["| after | " + " | ".join(f"worker {n} peak MB" for n in range(1, 3)) + " |"]
    lines.append("| --- |" + " ---: |" * 2)
    for label, memory in stages:
        peaks = [fields.get("VmHWM", 0) / 1024 for _pid, fields in sorted(memory.items())]
        lines.append(f"| {label} | " + " | ".join(f"{peak:.0f}" for peak in peaks) + " |")
    return "\n".join(lines)


def streams(stages: list[tuple[str, dict[int, dict[str, int]]]], tolerance_mb: float = 16) -> bool:
    """The export streams when no worker's peak grew by more than `tolerance_mb` from the
    10,000-row exports to the five times bigger ones."""
    small, big = stages[-2][1], stages[-1][1]
    for pid, fields in big.items():
        before = small.get(pid, {}).get("VmHWM", 0)
        if (fields.get("VmHWM", 0) - before) / 1024 > tolerance_mb:
            return False
    return True
