"""Root URL map: the public portal at /, the staff back-office at /office/, the JSON API at /api/v1/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("office/publications/", include("gongkai.office.publication_urls")),
    path("office/reports/", include("gongkai.office.report_urls")),
    path("office/", include("gongkai.office.urls")),
    path("api/v1/", include("gongkai.api.urls")),
    path("<slug:agency_code>/catalogue/", include("gongkai.portal.catalogue_urls")),
    path("", include("gongkai.portal.urls")),
]
