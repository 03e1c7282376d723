"""The 法定主动公开内容 column of an agency (国办公开办函〔2019〕61号; 条例第十二条、第二十四条).

Lists published items by statutory heading with the catalogue fields (索引号、名称、内容概述、生成日期), with
filters, Chinese full-text search, stable item URLs, attachment download and an Atom feed. Only what
`Publication.objects.public()` returns is shown: published AND reviewed.
"""

from __future__ import annotations

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.publications.categories import categories_for, group_label
from gongkai.publications.models import Attachment, Publication, Subcategory, Validity
from gongkai.publications.search import search, tokens

PAGE_SIZE = 20
QUERY_MAX = 100
# The catalogue is one column of the agency's disclosure column (国办公开办函〔2019〕61号): same side navigation.
ACTIVE_COLUMN = "proactive"


def _public(agency: Agency) -> Any:
    return Publication.objects.public().filter(agency=agency).select_related("subcategory")


def _column_context(agency: Agency) -> dict[str, Any]:
    """What portal/agency_base.html needs: the fixed first-level columns, 法定主动公开内容 highlighted."""
    from gongkai.portal.views import COLUMNS

    return {
        "agency": agency,
        "columns": COLUMNS,
        "active": ACTIVE_COLUMN,
        "catalogue_url": reverse("catalogue:catalogue", args=[agency.code]),
    }


def _page_url(params: QueryDict, number: int) -> str:
    params = params.copy()
    params["page"] = str(number)
    return "?" + str(params.urlencode())


def catalogue(request: HttpRequest, agency_code: str) -> HttpResponse:
    """The catalogue list: filters are plain GET parameters, so every view of it has a stable, shareable URL."""
    agency = get_object_or_404(Agency, code=agency_code)
    public = _public(agency)
    items = public
    headings = categories_for(agency.kind)
    counts: dict[str, int] = {}
    for code in public.values_list("category", flat=True):
        counts[code] = counts.get(code, 0) + 1
    total = sum(counts.values())
    category = request.GET.get("category", "")
    if category not in dict(headings):
        category = ""
    subcategory = request.GET.get("subcategory", "")
    chosen = (
        Subcategory.objects.filter(agency=agency, pk=int(subcategory)).first()
        if subcategory.isdigit() and len(subcategory) <= 9
        else None
    )
    if chosen is not None and (not category or chosen.category == category):
        category = chosen.category  # a sub-column URL alone still names its heading
        items = items.filter(subcategory=chosen)
    else:
        subcategory = ""
    if category:
        items = items.filter(category=category)
    subcategories = list(Subcategory.objects.filter(agency=agency, category=category)) if category else []
    years = sorted({d.year for d in public.values_list("made_on", flat=True)}, reverse=True)
    year = request.GET.get("year", "")
    if len(year) == 4 and year.isdigit():
        items = items.filter(made_on__year=int(year))
        if int(year) not in years:  # a saved link to a year with nothing (yet): keep it visible in the form
            years = sorted([*years, int(year)], reverse=True)
    else:
        year = ""
    validity = request.GET.get("validity", "")
    if validity in Validity.values:
        items = items.filter(validity=validity)
    else:
        validity = ""
    query = " ".join(request.GET.get("q", "").split())[:QUERY_MAX]
    # A query of nothing but common words (的、关于…) cannot narrow anything down: say so instead of "no results".
    query_too_common = bool(query) and not tokens(query)
    if query:
        results = [hit.publication for hit in search(items, query)]
    else:
        results = list(items.order_by("-made_on", "-id"))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    params = QueryDict(mutable=True)
    for name, value in (
        ("q", query),
        ("category", category),
        ("subcategory", subcategory),
        ("year", year),
        ("validity", validity),
    ):
        if value:
            params[name] = value
    return render(
        request,
        "portal/catalogue/catalogue.html",
        {
            **_column_context(agency),
            "headings": [(code, label, group_label(code), counts.get(code, 0)) for code, label in headings],
            "total": total,
            "category": category,
            "category_label": dict(headings).get(category, ""),
            "subcategories": subcategories,
            "subcategory": subcategory,
            "years": years,
            "year": year,
            "validity": validity,
            "validity_label": dict(Validity.choices).get(validity, ""),
            "validity_choices": Validity.choices,
            "query": query,
            "query_too_common": query_too_common,
            "filtered": bool(params),
            "page": page,
            "previous_url": _page_url(params, page.previous_page_number()) if page.has_previous() else "",
            "next_url": _page_url(params, page.next_page_number()) if page.has_next() else "",
        },
    )


def item(request: HttpRequest, agency_code: str, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, code=agency_code)
    publication = get_object_or_404(_public(agency), pk=pk)
    repealed_by = publication.repealed_by
    if repealed_by is not None and not _public(agency).filter(pk=repealed_by.pk).exists():
        repealed_by = None  # never link to (or name) a document the public may not see
    return render(
        request,
        "portal/catalogue/item.html",
        {
            **_column_context(agency),
            "publication": publication,
            # Each line of the body is a paragraph of the document, indented as in print.
            "paragraphs": [line.strip() for line in publication.body.splitlines() if line.strip()],
            "repealed_by": repealed_by,
            "attachments": publication.attachments.filter(is_removed=False),
            "channels": publication.channels.all(),
            "repeals": _public(agency).filter(repealed_by=publication).order_by("-made_on", "-id"),
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
