"""The 法定主动公开内容 column of an agency (国办公开办函〔2019〕61号; 条例第十二条、第二十四条).

Lists published items by statutory heading with the catalogue fields (索引号、名称、内容概述、生成日期), with
filters, Chinese full-text search, stable item URLs, attachment download and an Atom feed. Only what
`Publication.objects.public()` returns is shown: published AND reviewed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.publications.categories import categories_for, group_label
from gongkai.publications.models import Attachment, Publication, Subcategory, Validity
from gongkai.publications.search import search

PAGE_SIZE = 20


def _public(agency: Agency) -> Any:
    return Publication.objects.public().filter(agency=agency).select_related("subcategory")


def catalogue(request: HttpRequest, agency_code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    items = _public(agency)
    headings = categories_for(agency.kind)
    counts: dict[str, int] = {}
    for code in items.values_list("category", flat=True):
        counts[code] = counts.get(code, 0) + 1
    category = request.GET.get("category", "")
    if category in dict(headings):
        items = items.filter(category=category)
    else:
        category = ""
    subcategory = request.GET.get("subcategory", "")
    if subcategory.isdigit():
        items = items.filter(subcategory_id=int(subcategory))
    year = request.GET.get("year", "")
    if year.isdigit():
        items = items.filter(made_on__year=int(year))
    validity = request.GET.get("validity", "")
    if validity in Validity.values:
        items = items.filter(validity=validity)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        results = [hit.publication for hit in search(items, query)]
    else:
        results = list(items.order_by("-made_on", "-id"))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    years = sorted({d.year for d in _public(agency).values_list("made_on", flat=True)}, reverse=True)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "portal/catalogue/catalogue.html",
        {
            "agency": agency,
            "headings": [(code, label, group_label(code), counts.get(code, 0)) for code, label in headings],
            "category": category,
            "category_label": dict(headings).get(category, ""),
            "subcategories": Subcategory.objects.filter(agency=agency, category=category) if category else [],
            "subcategory": subcategory,
            "years": years,
            "year": year,
            "validity": validity,
            "validity_choices": Validity.choices,
            "query": query,
            "page": page,
            "query_string": params.urlencode(),
        },
    )


def item(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    publication = get_object_or_404(_public(agency), pk=pk)
    return render(
        request,
        "portal/catalogue/item.html",
        {
            "agency": agency,
            "publication": publication,
            "attachments": publication.attachments.filter(is_removed=False),
            "repeals": Publication.objects.public().filter(repealed_by=publication),
        },
    )


def attachment(request: HttpRequest, agency_code: str, pk: int, attachment_pk: int) -> FileResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    publication = get_object_or_404(_public(agency), pk=pk)
    row = get_object_or_404(Attachment, pk=attachment_pk, publication=publication, is_removed=False)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("附件文件不存在。") from exc
    return FileResponse(handle, as_attachment=True, filename=row.name)


class CatalogueFeed(Feed):  # type: ignore[type-arg]
    """Atom feed of an agency's newest published items."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, agency_code: str) -> Agency:  # type: ignore[override]
        return get_object_or_404(Agency, code=agency_code)

    def title(self, obj: Agency) -> str:
        return f"{obj.name} · 法定主动公开内容"

    def link(self, obj: Agency) -> str:
        return reverse("catalogue:catalogue", args=[obj.code])

    def subtitle(self, obj: Agency) -> str:
        return f"{obj.name}最新主动公开的政府信息"

    def items(self, obj: Agency) -> list[Publication]:
        return list(_public(obj).order_by("-published_on", "-id")[:50])

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        return f"索引号：{item.index_number}；生成日期：{item.made_on:%Y-%m-%d}。{item.summary}"

    def item_link(self, item: Publication) -> str:
        return reverse("catalogue:item", args=[item.agency.code, item.pk])

    def item_pubdate(self, item: Publication) -> Any:
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.published_on, time(9, 0)))

    def item_categories(self, item: Publication) -> list[str]:
        return [item.get_category_display()]


feed = CatalogueFeed()
