"""`manage.py api_token USERNAME`: print a new API token for the user (shown once)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.services import issue_api_token


class Command(BaseCommand):
    help = "为工作人员生成接口令牌（只显示一次）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="", help="用途说明")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"找不到账号：{options['username']}")
        self.stdout.write(issue_api_token(user, options["label"]))
