"""Annual reports: parse + validate time per report for each text input format, batch throughput, CLI start-up.

The corpus is the real seed report (xiaodian-2023.txt) plus reports with random but balanced tables built
from it (seeded RNG, so every run measures the same documents). Each is rendered once to plain text,
Markdown and HTML with gongkai's own renderer; only parse + validate is timed. One process, one core.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import Result
from gongkai.core.annual_report.model import AnnualReport

TITLE = "Annual report: parse + validate"
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "fixtures" / "reports" / "xiaodian-2023.txt"
FORMATS = (("txt", "plain text"), ("md", "Markdown"), ("html", "HTML"))
TARGET_MS = 5.0
CORPUS_SIZE = 40
BATCH = 1000


def _random_report(base: AnnualReport, rng: random.Random) -> AnnualReport:
    """A copy of `base` with random tables that satisfy T3-001…T3-003 and T4-001."""
    report = AnnualReport.from_dict(base.to_dict())
    lay = report.layout
    applicant = [c.id for c in lay.t3_columns if c.id != "total"]
    leaves = [r.id for r in lay.outcome_leaves]
    for col in applicant:
        outcome = {r: (rng.randint(0, 40) if rng.random() < 0.4 else 0) for r in leaves}
        done = sum(outcome.values())
        forward = rng.randint(0, 10)
        over = rng.randint(0, min(forward + done, 10))
        new = done + forward - over
        for r, v in outcome.items():
            report.t3[r][col] = v
        report.t3["total_processed"][col] = done
        report.t3["carried_forward"][col] = forward
        report.t3["carried_over"][col] = over
        report.t3["new_received"][col] = new
    for row in report.t3.values():
        row["total"] = sum(row[c] or 0 for c in applicant)
    for group in ("review", "litigation_direct", "litigation_after_review"):
        parts = {p: rng.randint(0, 5) for p in ("upheld", "corrected", "other", "pending")}
        for p, v in parts.items():
            report.t4[f"{group}.{p}"] = v
        report.t4[f"{group}.total"] = sum(parts.values())
    for block in report.t2.values():
        for cols in block.values():
            for c, v in cols.items():
                if isinstance(v, int):
                    cols[c] = rng.randint(0, 300)
    return report


def _corpus() -> list[AnnualReport]:
    from gongkai.core.annual_report.parse import parse_file

    seed = parse_file(SEED)
    rng = random.Random(20231231)
    return [seed] + [_random_report(seed, rng) for _ in range(CORPUS_SIZE - 1)]


def _per_report_ms(documents: list[tuple[bytes, str]], rounds: int = 5) -> tuple[list[float], list[float]]:
    """CPU and wall milliseconds of parse + validate per document.

    CPU time (time.process_time) is what "one core" means and is not inflated when other processes share
    the machine; wall time is reported beside it.
    """
    from gongkai.core.annual_report.parse import parse_bytes
    from gongkai.core.annual_report.validate import validate

    cpu: list[float] = []
    wall: list[float] = []
    for data, name in documents[:3]:  # warm-up: regex compilation, format JSON
        validate(parse_bytes(data, filename=name))
    for _ in range(rounds):
        for data, name in documents:
            c0, w0 = time.process_time(), time.perf_counter()
            validate(parse_bytes(data, filename=name))
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
    return cpu, wall


def _startup_ms(repeat: int = 5) -> float:
    exe = ROOT / ".venv" / "bin" / "gongkai"
    command = [str(exe), "--help"] if exe.exists() else [sys.executable, "-m", "gongkai.cli", "--help"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _rules() -> list[str]:
    from gongkai.core.annual_report.validate import RULES

    return list(RULES)


def run() -> list[Result]:
    from gongkai.core.annual_report.parse import parse_bytes
    from gongkai.core.annual_report.render import render
    from gongkai.core.annual_report.validate import validate

    corpus = _corpus()
    results: list[Result] = []
    rendered: dict[str, list[tuple[bytes, str]]] = {}
    for fmt, label in FORMATS:
        docs = []
        for i, report in enumerate(corpus):
            text = render(report, fmt)
            assert isinstance(text, str)
            docs.append((text.encode("utf-8"), f"report-{i}.{fmt}"))
        rendered[fmt] = docs
        cpu, wall = _per_report_ms(docs)
        median = statistics.median(cpu)
        results.append(
            Result(
                f"parse + validate, {label} (median CPU time of {len(cpu)})",
                median,
                "ms",
                target=f"≤ {TARGET_MS:g} ms",
                met=median <= TARGET_MS,
                note=f"wall median {statistics.median(wall):.2f} ms, p90 {statistics.quantiles(wall, n=10)[-1]:.2f} ms; "
                f"{len(corpus)} reports × 5 rounds",
            )
        )

    parsed = [parse_bytes(data, filename=name) for data, name in rendered["txt"]]
    cpu_validate = []
    for _ in range(5):
        for report in parsed:
            c0 = time.process_time()
            validate(report)
            cpu_validate.append((time.process_time() - c0) * 1000)
    results.append(
        Result(
            "of which validate only (median CPU time)",
            statistics.median(cpu_validate),
            "ms",
            note=f"{len(_rules())} rules",
        )
    )

    mixed = [doc for i in range(BATCH) for doc in [rendered[FORMATS[i % 3][0]][i % len(corpus)]]]
    c0, w0 = time.process_time(), time.perf_counter()
    for data, name in mixed:
        validate(parse_bytes(data, filename=name))
    cpu_total, wall_total = time.process_time() - c0, time.perf_counter() - w0
    results.append(
        Result(
            f"batch of {BATCH:,} reports (text/Markdown/HTML mixed), one core",
            BATCH / cpu_total,
            "reports/s",
            note=f"{cpu_total:.2f} s CPU, {wall_total:.2f} s wall ({BATCH / wall_total:.0f} reports/s by wall clock)",
        )
    )
    results.append(Result("`gongkai --help` start-up (median of 5 processes)", _startup_ms(), "ms"))
    return results
