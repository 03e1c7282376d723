"""The root URL map with what the lead adds for issue #8 (until then, these tests use this).

- office/urls.py: path("reports/", include("gongkai.office.report_urls"))
- api/api.py: api.add_router("/", reports_router, auth=TokenAuth())
"""

from django.urls import include, path
from ninja import NinjaAPI

from gongkai.api.api import ChineseJSONRenderer
from gongkai.api.auth import TokenAuth
from gongkai.api.reports import make_router
from gongkai.urls import urlpatterns as root_patterns

reports_api = NinjaAPI(renderer=ChineseJSONRenderer(), urls_namespace="reports-api-test", docs_url=None)
reports_api.add_router("/", make_router(), auth=TokenAuth())

urlpatterns = [
    path("office/reports/", include("gongkai.office.report_urls")),
    path("api/v1/", reports_api.urls),
    *root_patterns,
]
