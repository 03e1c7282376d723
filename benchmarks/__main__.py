"""Run every benchmark module and write docs/benchmarks.md (`make bench`)."""

from __future__ import annotations

import importlib
import os
import platform
import sys
from datetime import datetime
from pathlib import Path

from benchmarks import Result

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "docs" / "benchmarks.md"


def main(argv: list[str]) -> int:
    only = set(argv)
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks`); do not edit by hand.",
        f"Last run: {datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}; "
        f"load average at start {os.getloadavg()[0]:.1f} (other work on the machine slows every figure).",
        "",
    ]
    for name in names:
        if only and name not in only and name.removeprefix("bench_") not in only:
            continue
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"== {module.TITLE}", flush=True)
        results: list[Result] = module.run()
        lines += [
            f"## {module.TITLE}",
            "",
            "| measure | value | target | met | note |",
            "|---|---|---|---|---|",
        ]
        for r in results:
            met = "" if r.met is None else ("yes" if r.met else "**no**")
            lines.append(f"| {r.name} | {r.value:,.3f} {r.unit} | {r.target} | {met} | {r.note} |")
            print(f"  {r.name}: {r.value:,.3f} {r.unit} {r.target} {met}", flush=True)
        lines.append("")
    if not only:
        OUT.write_text("\n".join(lines), "utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
