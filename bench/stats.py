"""Percentiles and medians of timing samples, the only statistics the report uses.

Each reported figure is the median over several runs of a per-run statistic, so one noisy run
(another process taking the core) moves it little.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation between closest ranks.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    >>> percentile([5.0], 99)
    5.0
    """
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise_runs(runs: Sequence[Sequence[float]]) -> dict[str, float | int]:
    """p50/p95/p99 in milliseconds: per run, then the median over the runs.

    >>> summarise_runs([[0.001, 0.002, 0.003], [0.002, 0.002, 0.004]])["p50_ms"]
    2.0
    """
    runs = [r for r in runs if r]
    if not runs:
        raise ValueError("no samples")
    out: dict[str, float | int] = {}
    for q in (50, 95, 99):
        out[f"p{q}_ms"] = round(statistics.median(percentile(r, q) for r in runs) * 1000, 3)
    out["runs"] = len(runs)
    out["samples"] = sum(len(r) for r in runs)
    return out


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b`` rounded, or None when either is missing or ``b`` is zero."""
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 2)
