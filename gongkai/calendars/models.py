"""Holiday data an administrator maintains: whole years (wins over the package and the file store) and
per-agency local holidays (全国年节及纪念日放假办法第四条: ethnic-minority holidays in autonomous areas)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class CalendarYear(models.Model):
    """One year entered or imported by an administrator. Its days replace every other source for that year."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "数据来源", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知"
    )
    note = models.TextField("备注", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假（周一至周五不上班）"
    WORKDAY = "workday", "调休上班（周末上班）"


class CalendarDay(models.Model):
    """A departure from Monday–Friday: a weekday off, or a 调休 working weekend day."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="days", verbose_name="年份"
    )
    on = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=40, blank=True, help_text="如：春节")

    class Meta:
        verbose_name = "放假或调休日"
        verbose_name_plural = "放假或调休日"
        ordering = ["on"]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.get_kind_display()}"

    def clean(self) -> None:
        # The same rules as gongkai.core.calendar.YearData, so bad rows are refused in the form, not at use.
        if self.on is None:
            return
        if self.calendar_year_id and self.on.year != self.calendar_year.year:
            raise ValidationError({"on": f"日期不属于{self.calendar_year.year}年。"})
        if self.kind == DayKind.HOLIDAY and self.on.weekday() >= 5:
            raise ValidationError({"on": "周末本来就不上班，放假日只需列周一至周五。"})
        if self.kind == DayKind.WORKDAY and self.on.weekday() < 5:
            raise ValidationError({"on": "周一至周五本来就上班，调休上班日只需列周末。"})


class LocalHoliday(models.Model):
    """A local non-working day for one agency and the bodies under it (e.g. 民族自治地方的节日)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="local_holidays", verbose_name="行政机关"
    )
    on = models.DateField("日期")
    name = models.CharField("节日", max_length=40)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "地方节假日"
        verbose_name_plural = "地方节假日"
        ordering = ["on"]
        constraints = [models.UniqueConstraint(fields=["agency", "on"], name="calendars_local_holiday_once")]

    def __str__(self) -> str:
        return f"{self.on.isoformat()} {self.name}"


class CalendarChange(models.Model):
    """Immutable log of every change to holiday data (who changed which year, when, and how)."""

    year = models.PositiveSmallIntegerField("年份")
    action = models.CharField("操作", max_length=40)
    summary = models.TextField("内容")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "节假日数据变更记录"
        verbose_name_plural = "节假日数据变更记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.year} {self.action}"
