"""URLs for the public-API tests: the router mounted on its own NinjaAPI, in front of the project's URLs.

This keeps the tests independent of whether gongkai/api/api.py has added the router yet.
"""

from __future__ import annotations

from django.urls import include, path
from ninja import NinjaAPI

from gongkai.api.public import router

test_api = NinjaAPI(title="public API under test", urls_namespace="public_api_test")
test_api.add_router("/public", router)

urlpatterns = [
    path("api/v1/", test_api.urls),
    path("", include("gongkai.urls")),
]
