from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from gongkai.calendars import services
from gongkai.calendars.models import CalendarChange, CalendarDay, CalendarYear, LocalHoliday


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 0


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "created_at", "updated_at"]
    inlines = [CalendarDayInline]
    actions = ["copy_from_builtin"]

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        obj.updated_by = request.user if request.user.is_authenticated else None
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        actor = request.user if request.user.is_authenticated else None
        services.log_admin_change(form.instance, actor=actor, action="admin_edit" if change else "admin_add")

    @admin.action(description="用内置数据（软件包/已导入通知）覆盖所选年份，便于逐日修改")
    def copy_from_builtin(self, request: HttpRequest, queryset: QuerySet[CalendarYear]) -> None:
        for row in queryset:
            try:
                services.copy_year_to_database(row.year, actor=request.user)
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)


@admin.register(LocalHoliday)
class LocalHolidayAdmin(admin.ModelAdmin):
    list_display = ["on", "name", "agency", "created_by"]
    list_filter = ["agency"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request: HttpRequest, obj: LocalHoliday, form: Any, change: bool) -> None:
        obj.created_by = request.user if request.user.is_authenticated else None
        super().save_model(request, obj, form, change)


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "year", "action", "actor"]
    readonly_fields = ["at", "year", "action", "summary", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
