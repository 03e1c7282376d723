"""`manage.py create_agency --code CODE --name NAME --kind KIND [--parent CODE] [--short-name S]`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.agencies.models import Agency, AgencyKind


class Command(BaseCommand):
    help = "创建或更新一个行政机关。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="机关代码（字母、数字、连字符）")
        parser.add_argument("--name", required=True, help="机关全称")
        parser.add_argument("--kind", required=True, choices=[k.value for k in AgencyKind], help="机关类别")
        parser.add_argument("--parent", help="上级机关代码")
        parser.add_argument("--short-name", default="", help="文书编号用简称")

    def handle(self, *args: Any, **options: Any) -> None:
        parent = None
        if options["parent"]:
            parent = Agency.objects.filter(code=options["parent"]).first()
            if parent is None:
                raise CommandError(f"找不到上级机关：{options['parent']}（请先创建它）")
        agency, created = Agency.objects.update_or_create(
            code=options["code"],
            defaults={
                "name": options["name"],
                "kind": options["kind"],
                "parent": parent,
                "short_name": options["short_name"],
            },
        )
        self.stdout.write(f"{'已创建' if created else '已更新'}机关：{agency.code} {agency.name}")
