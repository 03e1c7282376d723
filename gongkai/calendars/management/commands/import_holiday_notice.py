"""`manage.py import_holiday_notice FILE [--yes]`: store a State Council holiday notice in the database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.calendars import services
from gongkai.core.holiday_notice import NoticeError, parse_notice


class Command(BaseCommand):
    help = "导入《国务院办公厅关于YYYY年部分节假日安排的通知》到数据库（优先于内置数据）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="通知文本文件（UTF-8）")
        parser.add_argument("--yes", action="store_true", help="不询问，直接保存")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            notice = parse_notice(path.read_text("utf-8-sig"))
        except FileNotFoundError:
            raise CommandError(f"找不到文件：{path}") from None
        except UnicodeDecodeError:
            raise CommandError(f"文件不是 UTF-8 文本：{path}") from None
        except NoticeError as exc:
            raise CommandError(exc.message) from None
        for line in notice.summary_lines():
            self.stdout.write(line)
        if not options["yes"]:
            self.stdout.write(f"确认将{notice.year}年数据保存到数据库？[y/N] ", ending="")
            self.stdout.flush()
            answer = sys.stdin.readline()
            if answer.strip().lower() not in ("y", "yes", "是", "确认"):
                raise CommandError("未确认，未保存。（脚本中可加 --yes）")
        services.save_year_data(notice.year_data, note=f"导入自 {path.name}", action="import_notice")
        self.stdout.write(self.style.SUCCESS(f"已保存{notice.year}年节假日安排。"))
