"""`manage.py annual_report AGENCY YEAR --to docx|pdf|html|json|md|txt -o OUT`: render a year's report.

The newest published version if there is one, else the draft, else tables computed from the records now.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency


class Command(BaseCommand):
    help = "输出某机关某年度的政府信息公开工作年度报告（已公布版本，或草稿，或由记录实时统计）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="机关代码，如 boye-xiaodian")
        parser.add_argument("year", type=int, help="报告年度，如 2025")
        parser.add_argument("--to", default="json", choices=["docx", "pdf", "html", "json", "md", "txt"])
        parser.add_argument("-o", "--output", help="输出文件；省略时文本格式输出到屏幕")

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.annual_reports import services
        from gongkai.core.annual_report.render import UnsupportedFormatError, render

        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关：{options['agency']}")
        fmt = options["to"]
        report, findings, source = services.report_for_api(agency, options["year"])
        try:
            if fmt == "json":
                import json

                content: str | bytes = json.dumps(
                    report.to_dict([f.to_dict() for f in findings]), ensure_ascii=False, indent=2
                )
            else:
                content = render(report, fmt)
        except UnsupportedFormatError as exc:
            raise CommandError(str(exc)) from exc
        out = options.get("output")
        if not out:
            if isinstance(content, bytes):
                raise CommandError(f"{fmt.upper()} 是二进制格式，请用 -o 指定输出文件。")
            self.stdout.write(content)
            return
        path = Path(out)
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"无法写入 {path}：{exc.strerror or exc}") from exc
        labels = {"published": "已公布版本", "computed": "由记录实时统计"}
        self.stderr.write(
            f"已输出 {path}（{labels.get(source, '年报草稿')}，核对发现 {len(findings)} 个问题）"
        )
