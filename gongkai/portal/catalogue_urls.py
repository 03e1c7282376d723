"""Portal catalogue URLs; the lead includes them at /<agency_code>/catalogue/ (the prefix carries agency_code)."""

from __future__ import annotations

from django.urls import path

from gongkai.portal import catalogue_views as views

app_name = "catalogue"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("feed/", views.feed, name="feed"),
]
