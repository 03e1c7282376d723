"""Administrative bodies (行政机关) and the staff who work for them."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


class AgencyKind(models.TextChoices):
    # The kind decides statutory details: township report deadlines (spec §3.1), whether 规章 are plausible
    # (W-006), whether the annual report must cover Art. 50(4) 考核/评议/追究 (M-010).
    TOWNSHIP = "township", "乡镇人民政府／街道办事处"
    COUNTY_DEPARTMENT = "county_department", "县级政府部门"
    COUNTY_GOVERNMENT = "county_government", "县级人民政府"
    CITY_DEPARTMENT = "city_department", "市级政府部门"
    CITY_GOVERNMENT = "city_government", "市级人民政府"
    PROVINCIAL_DEPARTMENT = "provincial_department", "省级政府部门"
    PROVINCIAL_GOVERNMENT = "provincial_government", "省级人民政府"
    CENTRAL_DEPARTMENT = "central_department", "国务院部门"
    OTHER = "other", "其他行政机关"


class Agency(models.Model):
    """A body with disclosure duties (条例第二十七条), placed in the supervision hierarchy by `parent`."""

    code = models.SlugField(
        "机关代码", max_length=40, unique=True, help_text="用于网址和接口，如 boye-xiaodian"
    )
    name = models.CharField("机关名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True, help_text="用于文书编号，如“小”")
    kind = models.CharField("机关类别", max_length=30, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级（监督）机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政机关"
        verbose_name_plural = "行政机关"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Agency]:
        """Parent, grandparent, … (nearest first)."""
        chain: list[Agency] = []
        node = self.parent
        while node is not None and node not in chain:
            chain.append(node)
            node = node.parent
        return chain


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    HEAD = "head", "负责人"
    ADMIN = "admin", "管理员"


class Membership(models.Model):
    """A staff member's role in one agency. A role on a parent agency grants read access below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="工作人员", on_delete=models.CASCADE, related_name="api_tokens"
    )
    token_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField("用途", max_length=100, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.label or self.token_sha256[:8]}"

    @staticmethod
    def digest(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


# The disclosure guide (条例第十二条) lives in its own module; importing it here registers the model.
from gongkai.agencies.guide import AgencyGuide  # noqa: E402

__all__ = ["Agency", "AgencyGuide", "AgencyKind", "ApiToken", "Membership", "Role"]
