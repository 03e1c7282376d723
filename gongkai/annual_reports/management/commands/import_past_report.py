"""`manage.py import_past_report AGENCY FILE [--year Y] [--published-on DATE]`: keep an earlier published report
as history, so the cross-year checks (X-001, M-006, W-005) work from the first year gongkai is used."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.agencies.models import Agency


class Command(BaseCommand):
    help = "导入往年已公布的年度报告（txt、md、html、json、docx、pdf），作为跨年度核对的依据。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="机关代码")
        parser.add_argument("file", help="报告文件")
        parser.add_argument("--year", type=int, help="报告年度（报告中无法识别时指定）")
        parser.add_argument("--published-on", help="公布日期 YYYY-MM-DD（报告中没有写明时指定）")

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.annual_reports import services
        from gongkai.core.annual_report.model import ReportError

        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关：{options['agency']}")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取 {path}：{exc.strerror or exc}") from exc
        published_on = None
        if options.get("published_on"):
            try:
                published_on = date.fromisoformat(options["published_on"])
            except ValueError:
                raise CommandError("公布日期格式应为 YYYY-MM-DD。") from None
        try:
            publication = services.import_past_report(
                agency,
                data,
                path.name,
                actor=None,
                today=timezone.localdate(),
                year=options.get("year"),
                published_on=published_on,
            )
        except ReportError as exc:
            raise CommandError(exc.message) from exc
        except services.ActionRefused as exc:
            raise CommandError(exc.message) from exc
        errors = sum(1 for f in publication.findings if f["severity"] == "error")
        self.stdout.write(
            f"已导入 {agency.name}{publication.year}年度报告（核对发现 {len(publication.findings)} 个问题，其中错误 {errors} 个）"
        )
