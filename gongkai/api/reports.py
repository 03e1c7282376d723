"""JSON API for annual reports (issue #8 item 6).

    GET /api/v1/agencies/{code}/annual-report/{year}

returns the report in the report JSON schema (docs/report-json.md, `AnnualReport.to_dict(findings)`): the newest
published version, else the draft, else the tables computed from the records now; `status` (an extra key) says
which. An agency the token's user may not read answers 404, exactly like one that does not exist.
The lead mounts it in gongkai/api/api.py: `api.add_router("/", reports_router, auth=TokenAuth())`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from gongkai.agencies.models import Agency
from gongkai.agencies.services import readable_agencies


def make_router() -> Router:
    router = Router(tags=["年度报告"])

    @router.get(
        "/agencies/{code}/annual-report/{int:year}",
        summary="政府信息公开工作年度报告（年报 JSON 格式，含核对结果）",
    )
    def annual_report(request: HttpRequest, code: str, year: int) -> dict[str, Any]:
        from gongkai.annual_reports import services

        agency = get_object_or_404(Agency, code=code, id__in=readable_agencies(request.user))
        if not 2008 <= year <= 2100:
            raise HttpError(404, "年度超出范围。")
        report, findings, status = services.report_for_api(agency, year)
        data = report.to_dict([f.to_dict() for f in findings])
        data["status"] = status
        return data

    return router


router = make_router()
