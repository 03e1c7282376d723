"""The portal's 法定主动公开内容 column: only reviewed, published items; catalogue fields; filters; feed."""

from __future__ import annotations

import re
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
    assert 'lang="zh-CN"' in page and re.search(r'<th scope="col"[^>]*>索引号</th>', page)
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


# --- the catalogue inside the agency's column (issue #6 polish) ---------------------------------------------


def _get(url: str, **params: str) -> str:
    response = Client().get(url, params)
    assert response.status_code == 200
    return str(response.content.decode())


def test_list_and_item_sit_in_the_agency_column(town: Agency, published: Any) -> None:
    list_page = _get(reverse("catalogue:catalogue", args=[town.code]))
    item_page = _get(reverse("catalogue:item", args=[town.code, published.pk]))

    for page in (list_page, item_page):
        # Side navigation of the column with 法定主动公开内容 as the current column, breadcrumbs, 长辈模式.
        assert 'class="column-nav"' in page
        assert f'href="/{town.code}/proactive/" aria-current="page">法定主动公开内容</a>' in page
        assert page.count('aria-current="page"') == 2  # the column link and the last breadcrumb
        assert 'class="breadcrumb"' in page and f'<a href="/{town.code}/">{town.name}</a>' in page
        assert 'class="elder-toggle"' in page and "gongkai/portal.css" in page
    assert (
        f'type="application/atom+xml" title="{town.name} 主动公开信息订阅" href="/{town.code}/catalogue/feed/"'
        in (list_page)
    )
    assert '<span aria-current="page">信息目录</span>' in list_page
    assert f"{published.title}</span>" in item_page  # the last breadcrumb names the item


def test_the_list_is_a_data_table_and_the_search_box_has_a_visible_label(
    town: Agency, published: Any
) -> None:
    page = _get(reverse("catalogue:catalogue", args=[town.code]))

    head = page[page.index("<thead") : page.index("</thead>")]
    assert re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', head) == [
        "索引号",
        "名称",
        "内容概述",
        "生成日期",
    ]
    assert re.search(r"<caption[^>]*>主动公开信息目录</caption>", page)
    assert '<label for="q">关键词</label>' in page and 'id="q" name="q"' in page
    assert f'<td role="cell" class="col-index" data-label="索引号">{published.index_number}</td>' in page
    assert (
        f'<th scope="row" role="rowheader" class="col-title"><a href="/{town.code}/catalogue/items/{published.pk}/">'
        in page
    )


def test_empty_states_say_what_to_do(town: Agency, clerk: Any, reviewer: Any, head: Any) -> None:
    url = reverse("catalogue:catalogue", args=[town.code])

    nothing = _get(url)
    assert "本机关还没有在此发布主动公开信息" in nothing and f"/{town.code}/apply/" in nothing
    assert "<table" not in nothing  # no empty table for screen readers to wander into

    publish_through_workflow(
        draft(town, clerk, title="小店镇2025年财政决算公开", category="art20_07", made_on=date(2025, 6, 2)),
        clerk,
        reviewer,
        head,
        date(2025, 6, 5),
    )
    missed = _get(url, q="宅基地")
    assert "没有找到与“宅基地”相关的信息" in missed
    assert (
        f"/{town.code}/apply/?q=%E5%AE%85%E5%9F%BA%E5%9C%B0" in missed
    )  # apply, with the words carried over
    assert "清除全部条件" in missed
    too_common = _get(url, q="的 关于")
    assert "是很常用的词，无法用来检索" in too_common
    filtered = _get(url, year="2019")
    assert "在当前条件下没有信息" in filtered and '<option value="2019" selected>2019年</option>' in filtered


def test_filters_combine_as_plain_get_parameters(town: Agency, clerk: Any, reviewer: Any, head: Any) -> None:
    from gongkai.publications.models import Subcategory, Validity

    roads = Subcategory.objects.create(agency=town, category="art20_10", name="农村道路")
    old = publish_through_workflow(
        draft(town, clerk, title="2019年村道建设计划", category="art20_10", made_on=date(2019, 3, 1)),
        clerk,
        reviewer,
        head,
    )
    new = publish_through_workflow(
        draft(
            town,
            clerk,
            title="2025年村道建设计划",
            category="art20_10",
            subcategory=roads,
            made_on=date(2025, 3, 3),
        ),
        clerk,
        reviewer,
        head,
    )
    services.change_validity(
        old, clerk, validity=Validity.REPEALED, changed_on=date(2025, 3, 3), repealed_by=new
    )
    url = reverse("catalogue:catalogue", args=[town.code])

    repealed = _get(url, validity="repealed")
    assert "2019年村道建设计划" in repealed and "2025年村道建设计划" not in repealed
    by_subcategory = _get(url, subcategory=str(roads.pk))  # a sub-column link alone names its heading
    assert "2025年村道建设计划" in by_subcategory and "2019年村道建设计划" not in by_subcategory
    assert '<option value="art20_10" selected>' in by_subcategory
    assert "子栏目：农村道路" in by_subcategory
    # A sub-column of another heading does not silently empty the list.
    assert "2019年村道建设计划" in _get(url, category="art20_10", subcategory="999999999999")
    both = _get(url, q="建设计划", year="2025")
    assert "2025年村道建设计划" in both and "2019年村道建设计划" not in both
    # Nonsense parameters are ignored, never an error page.
    assert "2019年村道建设计划" in _get(url, category="nope", year="20x5", validity="x", page="abc")


def test_pages_keep_the_filters(
    town: Agency, clerk: Any, reviewer: Any, head: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai.portal import catalogue_views

    monkeypatch.setattr(catalogue_views, "PAGE_SIZE", 2)
    for day in (1, 2, 3):
        publish_through_workflow(
            draft(town, clerk, title=f"村务公开第{day}期", category="art20_10", made_on=date(2025, 5, day)),
            clerk,
            reviewer,
            head,
        )
    url = reverse("catalogue:catalogue", args=[town.code])

    first = _get(url, q="村务", category="art20_10")
    second = _get(url, q="村务", category="art20_10", page="2")

    assert "第 1 页，共 2 页" in first
    assert 'href="?q=%E6%9D%91%E5%8A%A1&amp;category=art20_10&amp;page=2" rel="next"' in first
    assert 'href="?q=%E6%9D%91%E5%8A%A1&amp;category=art20_10&amp;page=1" rel="prev"' in second
    assert "共找到 3 条" in second


def test_item_page_shows_validity_channels_and_hides_unpublished_repealers(
    town: Agency, clerk: Any, reviewer: Any, head: Any, published: Any
) -> None:
    from gongkai.publications.models import Validity

    services.record_channel(
        published, clerk, channel="wechat", published_on=date(2025, 6, 6), note="博野小店"
    )
    replacement = draft(town, clerk, title="尚在审查的新决算")
    services.change_validity(
        published, clerk, validity=Validity.REPEALED, changed_on=date(2025, 7, 1), repealed_by=replacement
    )

    page = _get(reverse("catalogue:item", args=[town.code, published.pk]))

    assert "本文件已废止" in page and "2025年7月1日" in page
    assert "尚在审查的新决算" not in page  # the repealing draft is not public yet
    assert "政务微信公众号（博野小店），2025-06-06" in page
    assert "政府门户网站政府信息公开平台，2025-06-05" in page
    assert "决算表.txt" in page
