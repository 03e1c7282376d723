"""The disclosure guide (政府信息公开指南) of one agency, shown in its portal column.

条例第十二条：行政机关编制、公布的政府信息公开指南应当包括政府信息的分类、编排体系、获取方式和
政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。
Both the guide and the catalogue must be kept up to date (条例第十二条第二款; 第五十三条第（二）项).

The model lives in the agencies app (it belongs to the agency, not to the portal that shows it);
`gongkai/agencies/models.py` imports it so Django and makemigrations see it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class AgencyGuide(models.Model):
    """One agency's guide. Every Art. 12 item is a required field; 公开制度 text is optional."""

    agency = models.OneToOneField(Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="guide")
    # 条例第十二条：政府信息的分类、编排体系
    classification = models.TextField(
        "政府信息的分类、编排体系",
        help_text="例如：主动公开信息按条例第二十条、第二十一条的类别编排，每条信息有索引号、名称、内容概述、生成日期。",
    )
    # 条例第十二条：获取方式
    how_to_obtain = models.TextField(
        "获取方式", help_text="主动公开信息在哪里查阅；依申请公开如何提出（网上、当面、邮寄、传真）。"
    )
    # 条例第十二条：政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式
    office_name = models.CharField("工作机构名称", max_length=100)
    office_address = models.CharField("办公地址", max_length=200)
    office_hours = models.CharField("办公时间", max_length=200)
    phone = models.CharField("联系电话", max_length=60)
    fax = models.CharField("传真号码", max_length=60)
    internet_contact = models.CharField("互联网联系方式", max_length=200, help_text="电子邮箱或网址")
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    # 国办公开办函〔2019〕61号：「政府信息公开制度」栏目（本机关的公开工作制度）
    rules_text = models.TextField(
        "政府信息公开制度",
        blank=True,
        help_text="本机关的政府信息公开工作制度（如申请办理、保密审查、发布协调制度），每段一项。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="更新人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "agencies"
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.agency.name} 政府信息公开指南"


def ensure_demo_guide(agency: Agency) -> AgencyGuide:
    """A filled-in guide for demo data (`make demo`); an existing guide is left as it is."""
    guide, _ = AgencyGuide.objects.get_or_create(
        agency=agency,
        defaults={
            "classification": (
                "本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条、第二十一条规定的类别编排，"
                "每条信息标注索引号、名称、内容概述和生成日期。"
            ),
            "how_to_obtain": (
                "主动公开的政府信息可在本专栏“法定主动公开内容”中查阅、检索和下载。\n"
                "申请获取政府信息的，可在本专栏“依申请公开”在线提交申请，也可以当面、邮寄或传真提交书面申请。"
            ),
            "office_name": f"{agency.name}政府信息公开工作机构",
            "office_address": f"{agency.name}办公楼",
            "office_hours": "法定工作日上午8:30-12:00，下午14:30-17:30",
            "phone": "0312-0000000",
            "fax": "0312-0000001",
            "internet_contact": "gongkai@example.gov.cn",
            "rules_text": "政府信息公开申请办理制度\n政府信息公开保密审查制度\n政府信息发布协调制度",
        },
    )
    return guide
