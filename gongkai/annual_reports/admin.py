"""Admin: read-mostly views of reports and cases (changes go through services.py, never through the admin)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from gongkai.annual_reports.models import (
    AnnualReportDraft,
    RemedyCase,
    ReportEvent,
    ReportPublication,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(AnnualReportDraft)
class AnnualReportDraftAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "status", "version", "error_count", "warning_count", "updated_at")
    list_filter = ("status", "year")


@admin.register(ReportPublication)
class ReportPublicationAdmin(ReadOnlyAdmin):
    list_display = ("agency", "year", "version", "published_on", "days_late", "is_imported")
    list_filter = ("year", "is_imported")


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ("on", "agency", "year", "kind", "actor_label")
    list_filter = ("kind",)


@admin.register(RemedyCase)
class RemedyCaseAdmin(ReadOnlyAdmin):
    list_display = ("agency", "kind", "case_number", "received_on", "decided_on", "result")
    list_filter = ("kind", "result")
