"""`manage.py recompute_deadlines [--today YYYY-MM-DD]`: recompute open requests' due dates (run daily).

Due dates computed while a year's holiday notice was missing are provisional; once the notice is
imported this replaces them with final ones (and logs a 重新计算期限 event on each changed request).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.disclosure_requests.services import provisional_requests, recompute_deadlines


class Command(BaseCommand):
    help = "重新计算所有未办结申请的答复期限（建议每日运行；导入新年度节假日安排后必须运行）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按此日期计算（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        changed = recompute_deadlines(today)
        left = provisional_requests().count()
        self.stdout.write(f"已重新计算答复期限：{changed}件申请的期限有变化。")
        if left:
            self.stdout.write(
                f"仍有{left}件申请的期限为暂定（缺少节假日安排数据），请导入国务院办公厅的放假通知。"
            )
