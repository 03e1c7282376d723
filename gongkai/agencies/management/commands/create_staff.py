"""`manage.py create_staff USERNAME --agency CODE --role clerk|reviewer|head|admin [--password P]`."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency, Membership, Role


class Command(BaseCommand):
    help = "创建工作人员账号（或为已有账号增加岗位）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--agency", required=True, help="机关代码")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--password", help="不提供则随机生成并显示一次")
        parser.add_argument("--full-name", default="", help="姓名")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"找不到机关：{options['agency']}")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(username=options["username"])
        password = options["password"]
        if created or password:
            password = password or secrets.token_urlsafe(9)
            user.set_password(password)
            if options["full_name"]:
                user.first_name = options["full_name"]
            user.is_staff = options["role"] == Role.ADMIN
            user.save()
        Membership.objects.get_or_create(user=user, agency=agency, role=options["role"])
        self.stdout.write(
            f"{'已创建' if created else '已更新'}账号 {user.username}：{agency.name} · {Role(options['role']).label}"
        )
        if created or options["password"]:
            self.stdout.write(f"密码：{password}")
