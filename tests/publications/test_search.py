"""Chinese full-text search on a small corpus: segmented words, title matches first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.publications.models import Publication
from gongkai.publications.search import search, tokens
from tests.publications.factories import draft, publish_through_workflow

pytestmark = pytest.mark.django_db

CORPUS = [
    ("小店镇2026年最低生活保障对象公示", "art21_t8", "公示2026年第一季度城乡居民最低生活保障新增对象。"),
    ("小店镇宅基地使用审核情况（2026年第一季度）", "art21_t4", "本季度审核农村宅基地申请12户，均已公示。"),
    (
        "小店镇2026年部门预算公开",
        "art20_07",
        "公开2026年部门预算及三公经费预算情况，不涉及最低生活保障资金。",
    ),
    ("关于开展秸秆禁烧工作的通知", "art20_13", "各村要落实秸秆禁烧责任，加强巡查。"),
    ("小店镇农村土地承包经营权流转情况", "art21_t3", "2025年全镇土地流转面积12345亩。"),
]


@pytest.fixture
def corpus(town: Agency, clerk: Any, reviewer: Any, head: Any) -> dict[str, Publication]:
    items = {}
    for title, category, summary in CORPUS:
        item = draft(
            town,
            clerk,
            title=title,
            category=category,
            summary=summary,
            body=summary,
            made_on=date(2026, 3, 2),
        )
        items[title] = publish_through_workflow(item, clerk, reviewer, head)
    return items


def titles(query: str) -> list[str]:
    return [h.publication.title for h in search(Publication.objects.public(), query)]


def test_domain_words_are_kept_whole() -> None:
    assert "宅基地" in tokens("宅基地使用审核")
    assert "最低生活保障" in tokens("城乡居民最低生活保障")


def test_a_year_does_not_swallow_the_next_word() -> None:
    # jieba alone cuts "2025年村道" as 年村/道, so a search for 村道 would miss the item.
    assert "村道" in tokens("2025年村道建设计划")


def test_a_title_match_ranks_above_a_passing_mention(corpus: dict[str, Publication]) -> None:
    assert titles("最低生活保障") == ["小店镇2026年最低生活保障对象公示", "小店镇2026年部门预算公开"]


def test_every_word_must_match_when_possible(corpus: dict[str, Publication]) -> None:
    assert titles("宅基地 审核") == ["小店镇宅基地使用审核情况（2026年第一季度）"]
    assert titles("秸秆禁烧通知") == ["关于开展秸秆禁烧工作的通知"]


def test_a_query_matching_no_item_in_full_falls_back_to_any_word(corpus: dict[str, Publication]) -> None:
    assert titles("土地流转 补贴") == ["小店镇农村土地承包经营权流转情况"]


def test_nothing_for_an_unrelated_or_empty_query(corpus: dict[str, Publication]) -> None:
    assert titles("高铁") == []
    assert titles("，。 ") == []


def test_unpublished_items_are_not_searched(town: Agency, clerk: Any, corpus: dict[str, Publication]) -> None:
    draft(town, clerk, title="未发布的秸秆禁烧检查通报", summary="秸秆禁烧")

    assert titles("秸秆禁烧") == ["关于开展秸秆禁烧工作的通知"]
