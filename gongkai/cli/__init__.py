"""The `gongkai` command line. Imports only gongkai.core (and the standard library) and starts fast:
each command group registers its parser here and imports its heavy modules inside the handler."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gongkai.cli import calendar, deadline, report, screen
from gongkai.cli.common import CLIError

GROUPS = (report, deadline, calendar, screen)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="gongkai 政府信息公开工具（离线可用）")
    sub = parser.add_subparsers(dest="group", metavar="命令")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        code: int = handler(args)
    except CLIError as exc:
        print(f"gongkai: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("gongkai: 已中断。", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
