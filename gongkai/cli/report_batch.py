"""`gongkai report batch DIR [--out results.xlsx|results.csv] [--jobs N]`: check a whole folder of reports.

Every report under DIR (any mix of .txt .md .html .htm .json .docx .pdf; .doc/.wps are listed as
unreadable) is parsed and checked in worker processes, all cores by default; a bad file never stops the
batch. Exit codes as `gongkai report check`: 0 no errors, 1 errors found, 2 only unreadable files.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from gongkai.cli.common import CLIError


def register(report_sub: Any) -> None:
    """Add `batch` to the `gongkai report` subcommands."""
    parser = report_sub.add_parser(
        "batch",
        help="批量核对一个文件夹中的全部年报，输出 Excel/CSV 汇总",
        description="递归读取文件夹中的全部年报（txt/md/html/json/docx/pdf，可混合），逐份核对，"
        "同一机关相邻年度的报告还做跨年度核对（X-001、W-005、M-006）。无法读取的文件会列出原因，不会中断。",
        epilog="--out 为 .xlsx 时写入工作簿（工作表：报告、问题、跨年度、数据、字段说明）；为 .csv 时写入报告汇总，"
        "并在旁边写入 <文件名>.findings.csv（全部问题）。退出码：0 没有错误；1 发现错误；2 有文件无法读取。",
    )
    parser.add_argument("directory", metavar="DIR", help="存放年报的文件夹（含子文件夹）")
    parser.add_argument("--out", metavar="FILE", help="结果文件：results.xlsx 或 results.csv")
    parser.add_argument("--jobs", type=int, metavar="N", help="并行进程数（默认：全部 CPU 核心）")
    parser.add_argument("--quiet", action="store_true", help="不显示进度条")
    parser.set_defaults(handler=_batch)


def _batch(args: argparse.Namespace) -> int:
    root = Path(args.directory)
    if not root.exists():
        raise CLIError(f"找不到文件夹：{args.directory}")
    if not root.is_dir():
        raise CLIError(f"{args.directory} 不是文件夹；单个文件请用 gongkai report check")
    out = Path(args.out) if args.out else None
    if out is not None:
        if out.suffix.lower() not in (".xlsx", ".csv"):
            raise CLIError("--out 只支持 .xlsx 或 .csv 文件")
        if out.parent and not out.parent.exists():
            raise CLIError(f"输出文件夹不存在：{out.parent}")
    if args.jobs is not None and args.jobs < 1:
        raise CLIError("--jobs 必须是正整数")

    from gongkai.core.annual_report import batch

    paths = batch.find_reports(root, exclude=[out] if out else [])
    if not paths:
        raise CLIError(f"{args.directory} 中没有找到年报文件（支持 txt/md/html/htm/json/docx/pdf）")
    bar = None if args.quiet else ProgressBar(sys.stderr)
    result = batch.run_batch(root, paths, jobs=args.jobs, progress=bar)
    if bar is not None:
        bar.close()

    written: list[Path] = []
    if out is not None:
        try:
            if out.suffix.lower() == ".xlsx":
                batch.write_xlsx(result, out)
                written = [out]
            else:
                written = batch.write_csv(result, out)
        except OSError as exc:
            raise CLIError(f"无法写入结果文件 {out}：{exc.strerror or exc}") from None
    for line in batch.summary_lines(result):
        print(line)
    if written:
        print("结果已写入：" + "、".join(str(p) for p in written))
    return result.exit_code()


class ProgressBar:
    """A plain-text progress bar on stderr: redrawn in place on a terminal, a line per 10 % otherwise."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.is_tty = stream.isatty() and os.environ.get("TERM") != "dumb"
        self.started = time.monotonic()
        self.last_step = -1
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        fraction = done / total
        elapsed = time.monotonic() - self.started
        filled = int(self.WIDTH * fraction)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        text = f"[{bar}] {done}/{total} {fraction:4.0%} 已用 {elapsed:.1f} 秒"
        if self.is_tty:
            self.stream.write("\r" + text)
            self.stream.flush()
            self.drawn = True
            return
        step = int(fraction * 10)
        if step != self.last_step:
            self.last_step = step
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.is_tty and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
