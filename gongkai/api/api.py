"""The JSON API (django-ninja); OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer


class ChineseJSONRenderer(JSONRenderer):
    # django-ninja escapes non-ASCII by default; Chinese must stay readable in curl and logs.
    json_dumps_params: dict[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 政府信息公开接口", version="1", renderer=ChineseJSONRenderer(), urls_namespace="api"
)


@api.get("/health", summary="健康检查")
def health(request: Any) -> dict[str, str]:
    return {"status": "ok"}
