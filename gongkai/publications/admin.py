"""Admin: read-mostly. State changes go through the services, so status and dates are read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.publications.models import (
    CatalogueSettings,
    Finding,
    MonthlyTally,
    NewMediaPost,
    NormativeDocument,
    Publication,
    PublicationChannel,
    PublicationEvent,
    RegisterEvent,
    Review,
    SecrecyReferral,
    Subcategory,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PublicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "actor", "at", "from_status", "to_status", "note")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = (
        "title",
        "agency",
        "index_number",
        "category",
        "status",
        "made_on",
        "due_on",
        "published_on",
    )
    list_filter = ("status", "category", "validity", "agency")
    search_fields = ("title", "index_number", "document_number")
    inlines = [EventInline]


@admin.register(CatalogueSettings)
class CatalogueSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("agency", "index_prefix", "index_pattern")


@admin.register(Subcategory)
class SubcategoryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "agency", "category", "position")
    list_filter = ("agency",)


for model in (
    Finding,
    Review,
    SecrecyReferral,
    PublicationChannel,
    PublicationEvent,
    RegisterEvent,
    MonthlyTally,
    NormativeDocument,
    NewMediaPost,
):
    admin.site.register(model, ReadOnlyAdmin)
