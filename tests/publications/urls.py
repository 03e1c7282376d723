"""The root URL map with the two includes the lead adds to gongkai/urls.py (until then, tests use this)."""

from django.urls import include, path

from gongkai.urls import urlpatterns as root_patterns

urlpatterns = [
    path("office/publications/", include("gongkai.office.publication_urls")),
    path("<slug:agency_code>/catalogue/", include("gongkai.portal.catalogue_urls")),
    *[p for p in root_patterns if getattr(p, "namespace", None) not in ("publications_office", "catalogue")],
]
