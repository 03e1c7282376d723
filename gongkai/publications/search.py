"""Full-text search of the catalogue that works for Chinese (条例第二十四条：平台应当具备信息检索、查阅、下载等功能).

Text is segmented with jieba (plus a small domain dictionary, data/search_words.txt) and stored in the database as
space-delimited words, so a query is a few `LIKE '% word %'` filters: the same on SQLite and PostgreSQL, no
extension needed. Ranking is done in Python over the matches (a township catalogue holds hundreds, not millions):
title words weigh more than body words.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import reduce
from importlib import resources
from operator import and_, or_
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.publications.models import Publication

TITLE_WEIGHT = 5
_LOCK = threading.Lock()
_READY = False
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
# Dates glue onto the next word in jieba ("2025年村道" → 年村/道): cut after 年/月/日 that follow digits.
_DATE_UNIT = re.compile(r"(\d+[年月日号])")
# Words too common in government text to narrow anything down.
STOP_WORDS = frozenset(
    {"的", "和", "与", "及", "关于", "了", "在", "对", "等", "是", "为", "年", "月", "日", "号"}
)


def _jieba() -> Any:
    global _READY
    import jieba

    if not _READY:
        with _LOCK:
            if not _READY:
                jieba.setLogLevel(logging.WARNING)
                words = resources.files("gongkai.publications").joinpath("data/search_words.txt")
                for line in words.read_text("utf-8").splitlines():
                    parts = line.split()
                    if parts:
                        jieba.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None)
                _READY = True
    return jieba


def tokens(text: str) -> list[str]:
    """Search words of `text`: NFKC, lower case, jieba's search-engine mode, punctuation and stop words dropped."""
    text = unicodedata.normalize("NFKC", text).lower()
    if not text.strip():
        return []
    words = []
    for word in _jieba().cut_for_search(_DATE_UNIT.sub(r" \1 ", text)):
        word = _PUNCT.sub("", word)
        if word and word not in STOP_WORDS:
            words.append(word)
    return words


def _joined(words: list[str]) -> str:
    return " " + " ".join(words) + " " if words else ""


def index_fields(publication: Publication) -> dict[str, str]:
    """The stored search columns for a publication (set by the services whenever its text changes)."""
    title_words = tokens(publication.title)
    body_words = tokens(
        " ".join(
            (
                publication.summary,
                publication.body,
                publication.document_number,
                publication.index_number or "",
                publication.issuing_body,
            )
        )
    )
    return {"search_title_tokens": _joined(title_words), "search_tokens": _joined(title_words + body_words)}


@dataclass(frozen=True)
class Hit:
    publication: Publication
    score: int


def search(queryset: QuerySet[Publication], query: str, limit: int = 200) -> list[Hit]:
    """Publications in `queryset` matching every word of `query` (or, if none does, any word), best first."""
    words = list(dict.fromkeys(tokens(query)))
    if not words:
        return []
    conditions = [Q(search_tokens__contains=f" {w} ") for w in words]
    matches = list(queryset.filter(reduce(and_, conditions))[: limit * 5])
    if not matches:
        matches = list(queryset.filter(reduce(or_, conditions))[: limit * 5])
    hits = []
    for publication in matches:
        title = publication.search_title_tokens
        text = publication.search_tokens
        score = sum(TITLE_WEIGHT * title.count(f" {w} ") + text.count(f" {w} ") for w in words)
        hits.append(Hit(publication, score))
    hits.sort(key=lambda h: (-h.score, -(h.publication.made_on.toordinal()), -h.publication.pk))
    return hits[:limit]
