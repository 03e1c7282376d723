"""`manage.py load_demo`: load the demo county (博野县) — idempotent, safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据（博野县及其下属机关、演示账号、演示申请与年报）。可重复运行。"

    def handle(self, *args: Any, **options: Any) -> None:
        # Order matters: requests create the county, its bodies and the staff personas the others reuse.
        from gongkai.agencies.guide import ensure_demo_guide
        from gongkai.agencies.models import Agency
        from gongkai.annual_reports import demo as reports_demo
        from gongkai.disclosure_requests import demo as requests_demo
        from gongkai.publications import demo as publications_demo

        requests_demo.load(self.stdout)
        publications_demo.load(self.stdout)
        # Reports last: their 2025 tables are frozen from the registers and requests loaded above.
        reports_demo.load(self.stdout)
        for agency in Agency.objects.filter(code__startswith="boye"):
            ensure_demo_guide(agency)
