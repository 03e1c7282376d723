"""The portal's 法定主动公开内容 column: only reviewed, published items; catalogue fields; filters; feed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.publications import newmedia, services
from tests.publications.factories import draft, publish_through_workflow

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.publications.urls")]


@pytest.fixture
def published(town: Agency, clerk: Any, reviewer: Any, head: Any) -> Any:
    item = draft(
        town,
        clerk,
        title="小店镇2025年财政决算公开",
        category="art20_07",
        summary="2025年镇级财政决算。",
        made_on=date(2025, 6, 2),
    )
    services.add_attachment(item, clerk, ContentFile("决算表".encode()), "决算表.txt")
    return publish_through_workflow(item, clerk, reviewer, head, date(2025, 6, 5))


def test_the_column_lists_published_items_with_catalogue_fields(
    town: Agency, clerk: Any, published: Any
) -> None:
    draft(town, clerk, title="尚未审查的草稿")

    page = Client().get(reverse("catalogue:catalogue", args=[town.code])).content.decode()

    assert "小店镇2025年财政决算公开" in page
    assert published.index_number in page and "2025-06-02" in page and "2025年镇级财政决算。" in page
    assert "尚未审查的草稿" not in page
    assert "宅基地使用情况审核" in page  # the township headings of 条例第二十一条
    assert 'lang="zh-CN"' in page and '<th scope="col">索引号</th>' in page
    assert (
        "http://" not in page.replace('xmlns="http://', "") and "https://" not in page
    )  # no external resources


def test_filters_and_search(town: Agency, published: Any) -> None:
    client = Client()
    url = reverse("catalogue:catalogue", args=[town.code])

    assert "财政决算" in client.get(url, {"category": "art20_07"}).content.decode()
    assert "财政决算公开" not in client.get(url, {"category": "art21_t8"}).content.decode()
    assert "财政决算公开" not in client.get(url, {"year": "2024"}).content.decode()
    assert "财政决算公开" in client.get(url, {"q": "决算"}).content.decode()
    assert "财政决算公开" not in client.get(url, {"q": "宅基地"}).content.decode()


def test_item_pages_have_stable_urls_and_unpublished_items_are_404(
    town: Agency, clerk: Any, head: Any, published: Any
) -> None:
    client = Client()
    url = reverse("catalogue:item", args=[town.code, published.pk])
    attachment = published.attachments.get()

    assert url == f"/{town.code}/catalogue/items/{published.pk}/"
    assert client.get(url).status_code == 200
    download = client.get(reverse("catalogue:attachment", args=[town.code, published.pk, attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == "决算表".encode()
    services.withdraw(published, head, "更正")
    assert client.get(url).status_code == 404
    assert client.get(reverse("catalogue:item", args=[town.code, draft(town, clerk).pk])).status_code == 404


def test_the_atom_feed_lists_published_items(town: Agency, published: Any) -> None:
    response = Client().get(reverse("catalogue:feed", args=[town.code]))

    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "小店镇2025年财政决算公开" in body and published.index_number in body


def test_new_media_summary_for_each_half_month_and_xlsx(town: Agency, clerk: Any) -> None:
    import io

    import openpyxl

    for day, title in ((3, "春耕通知"), (15, "防火提示"), (16, "低保公示"), (31, "月末提醒")):
        newmedia.record_post(
            town, clerk, platform="wechat", account="博野小店", title=title, posted_on=date(2026, 3, day)
        )

    first = newmedia.half_month_summary(town, 2026, 3, 1)
    second = newmedia.half_month_summary(town, 2026, 3, 2)
    book = openpyxl.load_workbook(io.BytesIO(newmedia.summary_xlsx(second)))

    assert [p.title for p in first.posts] == ["春耕通知", "防火提示"]
    assert [p.title for p in second.posts] == ["低保公示", "月末提醒"]
    assert (second.start_on, second.end_on) == (date(2026, 3, 16), date(2026, 3, 31))
    assert [c.value for c in book["明细"]["E"]][1:] == ["低保公示", "月末提醒"]
    assert book["汇总"]["C4"].value == 2
