"""`manage.py send_report_reminders [--today DATE]`: e-mail deadline reminders for unpublished annual reports
(条例第四十九条; townships: settings.GONGKAI_TOWNSHIP_REPORT_DEADLINE). Each stage is sent once; run it daily."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "发送年度报告公布期限提醒（到期前30、14、7、3、1天及逾期各一次）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按此日期计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, **options: Any) -> None:
        from gongkai.annual_reports.supervision import send_reminders

        today = timezone.localdate()
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("日期格式应为 YYYY-MM-DD。") from None
        sent = send_reminders(today)
        for reminder in sent:
            self.stdout.write(f"{reminder.subject}（收件人 {len(reminder.recipients)} 个）")
        self.stdout.write(f"共发送提醒 {len(sent)} 条。")
