"""The JSON API (django-ninja); OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from gongkai.api.auth import TokenAuth
from gongkai.disclosure_requests.services import ActionRefused, InvalidInput, PermissionRefused


class ChineseJSONRenderer(JSONRenderer):
    # django-ninja escapes non-ASCII by default; Chinese must stay readable in curl and logs.
    json_dumps_params: dict[str, Any] = {"ensure_ascii": False}


api = NinjaAPI(
    title="gongkai 政府信息公开接口", version="1", renderer=ChineseJSONRenderer(), urls_namespace="api"
)


@api.get("/health", summary="健康检查")
def health(request: Any) -> dict[str, str]:
    return {"status": "ok"}


# --- errors: one Chinese message, and field messages for bad input -----------------------------------

_PYDANTIC_MESSAGES = {
    "missing": "必填。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_type": "日期格式应为 YYYY-MM-DD。",
    "int_parsing": "应为整数。",
    "int_type": "应为整数。",
    "string_type": "应为文本。",
    "bool_parsing": "应为 true 或 false。",
    "literal_error": "取值不在允许范围内。",
    "enum": "取值不在允许范围内。",
    "json_invalid": "请求内容不是有效的 JSON。",
    "model_attributes_type": "应为 JSON 对象。",
    "dict_type": "应为 JSON 对象。",
}


def _field_name(loc: list[Any]) -> str:
    # Drop the leading "body"/"payload" parts so fields read as in the documentation: applicant.id_number.
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors: dict[str, str] = {}
    for err in exc.errors:
        message = _PYDANTIC_MESSAGES.get(str(err.get("type")), "格式不正确。")
        if err.get("type") == "literal_error":
            allowed = (err.get("ctx") or {}).get("expected", "")
            message = f"取值不在允许范围内（允许：{allowed}）。" if allowed else message
        errors.setdefault(_field_name(list(err.get("loc", []))), message)
    return api.create_response(request, {"detail": "请求内容有误。", "errors": errors}, status=422)


@api.exception_handler(InvalidInput)
def on_invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "errors": exc.errors}, status=422)


@api.exception_handler(PermissionRefused)
def on_permission_refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(ActionRefused)
def on_action_refused(request: HttpRequest, exc: ActionRefused) -> HttpResponse:
    if isinstance(exc, PermissionRefused):
        return on_permission_refused(request, exc)
    return api.create_response(request, {"detail": exc.message}, status=409)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "需要有效的接口令牌：Authorization: Bearer TOKEN"}, status=401
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 404 and (not message or message == "Not Found"):
        message = "找不到该资源，或您无权查看。"
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same answer whether the record does not exist or belongs to an agency the user may not read.
    return api.create_response(request, {"detail": "找不到该资源，或您无权查看。"}, status=404)


def _add_routers() -> None:
    from gongkai.api.public import router as public_router
    from gongkai.api.reports import router as reports_router
    from gongkai.api.requests import router as requests_router

    api.add_router("/", requests_router, auth=TokenAuth())
    api.add_router("/", reports_router, auth=TokenAuth())
    api.add_router("/public", public_router)


_add_routers()
