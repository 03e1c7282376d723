"""Performance benchmarks: `make bench` runs every `bench_*.py` here and writes docs/benchmarks.md.

Each module defines `TITLE` (a heading) and `run() -> list[Result]`. Targets live here, never in tests.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


def median_seconds(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> float:
    """Median wall time of `fn()` over `repeat` runs, after `warmup` runs."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
