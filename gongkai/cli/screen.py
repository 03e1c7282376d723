"""`gongkai screen FILE… [--json]`: find personal data and classification marks before publication (条例第十五条、第十七条).

Exit status: 0 no findings, 1 findings, 2 a file could not be read (one Chinese line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from gongkai.cli.common import CLIError
from gongkai.core.screening import KIND_LABELS, ScreeningError, ScreeningFinding, screen_file


def register(sub: Any) -> None:
    """Add the `screen` command to the top-level parser."""
    parser = sub.add_parser(
        "screen",
        help="公开前筛查：身份证号、手机号、银行卡号、密级标志等",
        description="筛查文本、DOCX 或 PDF 文件中的个人信息和密级标志。退出码：0 未发现，1 有发现，2 文件无法读取。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="要筛查的文件（.txt/.docx/.pdf）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（文件名 → 发现列表）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    results: dict[str, list[ScreeningFinding]] = {}
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise CLIError(f"找不到文件：{name}", 2)
        try:
            results[name] = screen_file(path)
        except ScreeningError as exc:
            raise CLIError(exc.message, 2) from exc
    if args.json:
        payload = {name: [f.to_dict() for f in findings] for name, findings in results.items()}
        # Chinese stays readable in the output (no \\uXXXX escapes).
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for name, findings in results.items():
            print(f"{name}：{'未发现需要处理的内容' if not findings else f'{len(findings)} 处需要审查'}")
            for f in findings:
                print(
                    f"  [{KIND_LABELS.get(f.kind, f.kind)}] {f.text}  （位置 {f.start}–{f.end}）  {f.context}"
                )
    return 1 if any(results.values()) else 0
