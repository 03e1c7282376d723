"""Bearer-token authentication for the JSON API (`Authorization: Bearer TOKEN`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from gongkai.agencies.services import user_for_token


class TokenAuth(HttpBearer):
    # A missing or unknown token answers 401 (django-ninja does this when authenticate returns None).
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is None:
            return None
        request.user = user
        return user
