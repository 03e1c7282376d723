"""Admin: read-mostly views. Status, dates and events change only through services (house style)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.disclosure_requests.models import (
    AgencyLetterSettings,
    DisclosureRequest,
    Event,
    IdentityAccessLog,
    Letter,
    LetterTemplate,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["on", "kind", "actor_label", "at", "data"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DisclosureRequest)
class DisclosureRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "agency",
        "status",
        "received_on",
        "due_on",
        "due_is_provisional",
        "outcome",
        "replied_on",
    ]
    list_filter = ["status", "due_is_provisional", "agency"]
    search_fields = ["number", "tracking_code", "description"]
    exclude = ["applicant"]
    inlines = [EventInline]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["disclosure_request", "on", "kind", "actor_label", "at"]
    list_filter = ["kind"]


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(ReadOnlyAdmin):
    list_display = ["disclosure_request", "user", "at", "purpose"]


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["disclosure_request", "kind", "doc_number", "status", "issued_on"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["agency", "kind", "updated_at"]


@admin.register(AgencyLetterSettings)
class AgencyLetterSettingsAdmin(admin.ModelAdmin):
    list_display = ["agency", "doc_number_pattern", "correction_period_days"]
