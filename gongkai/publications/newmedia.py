"""政务新媒体 log and its twice-monthly summary (1st–15th, 16th–end of month), as the seed town keeps it."""

from __future__ import annotations

import calendar as month_calendar
import io
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.services import has_role
from gongkai.publications.models import NewMediaPlatform, NewMediaPost, Publication
from gongkai.publications.services import PublicationError, PublicationPermissionError


def half_month_bounds(year: int, month: int, half: int) -> tuple[date, date]:
    """Half 1 is the 1st–15th, half 2 the 16th to the last day of the month."""
    if half not in (1, 2) or not 1 <= month <= 12:
        raise PublicationError("半月期次无效：应为上半月（1）或下半月（2）。")
    if half == 1:
        return date(year, month, 1), date(year, month, 15)
    return date(year, month, 16), date(year, month, month_calendar.monthrange(year, month)[1])


@transaction.atomic
def record_post(
    agency: Agency,
    actor: AbstractBaseUser | None,
    *,
    platform: str,
    account: str,
    title: str,
    posted_on: date,
    url: str = "",
    is_original: bool = True,
    publication: Publication | None = None,
) -> NewMediaPost:
    if actor is None or not has_role(actor, agency, "clerk", "head"):
        raise PublicationPermissionError(f"您在{agency.name}没有登记政务新媒体的权限。")
    if platform not in NewMediaPlatform.values:
        raise PublicationError("平台无效。")
    if not account.strip() or not title.strip():
        raise PublicationError("请填写账号名称和标题。")
    return NewMediaPost.objects.create(
        agency=agency,
        platform=platform,
        account=account.strip(),
        title=title.strip(),
        posted_on=posted_on,
        url=url,
        is_original=is_original,
        publication=publication,
        entered_by=actor,
    )


@dataclass(frozen=True)
class HalfMonthSummary:
    agency: Agency
    start_on: date
    end_on: date
    posts: list[NewMediaPost]

    @property
    def title(self) -> str:
        half = "上半月" if self.start_on.day == 1 else "下半月"
        return f"{self.agency.name}政务新媒体信息发布情况汇总（{self.start_on.year}年{self.start_on.month}月{half}）"

    def by_account(self) -> list[tuple[str, str, int, int]]:
        """(platform label, account, posts, original posts) per account."""
        counts: dict[tuple[str, str], list[int]] = {}
        for post in self.posts:
            key = (post.get_platform_display(), post.account)
            row = counts.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += int(post.is_original)
        return [(p, a, n, o) for (p, a), (n, o) in sorted(counts.items())]


def half_month_summary(agency: Agency, year: int, month: int, half: int) -> HalfMonthSummary:
    start_on, end_on = half_month_bounds(year, month, half)
    posts = list(
        NewMediaPost.objects.filter(agency=agency, posted_on__range=(start_on, end_on)).order_by(
            "posted_on", "id"
        )
    )
    return HalfMonthSummary(agency, start_on, end_on, posts)


def summary_xlsx(summary: HalfMonthSummary) -> bytes:
    """The summary as an XLSX workbook: a totals sheet per account and the list of posts."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append([summary.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"统计期间：{summary.start_on:%Y-%m-%d} 至 {summary.end_on:%Y-%m-%d}"])
    sheet.append(["平台", "账号名称", "发布条数", "其中原创"])
    for row in summary.by_account():
        sheet.append(list(row))
    sheet.append(["合计", "", len(summary.posts), sum(int(p.is_original) for p in summary.posts)])
    for column, width in zip("ABCD", (14, 30, 12, 12), strict=True):
        sheet.column_dimensions[column].width = width
    detail = book.create_sheet("明细")
    detail.append(["序号", "发布日期", "平台", "账号名称", "标题", "原创", "链接"])
    for number, post in enumerate(summary.posts, start=1):
        detail.append(
            [
                number,
                post.posted_on,
                post.get_platform_display(),
                post.account,
                post.title,
                "是" if post.is_original else "否",
                post.url,
            ]
        )
    for cell in detail["B"][1:]:
        cell.number_format = "yyyy-mm-dd"
    detail.column_dimensions["E"].width = 60
    for row in detail.iter_rows(min_row=1, max_row=1):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
