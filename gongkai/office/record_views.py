"""Records for the office and its supervisors: the register (登记簿), table 三 from the records, case files."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header

from gongkai.core.annual_report.format import layout
from gongkai.core.annual_report.model import t3_ref
from gongkai.core.officedoc import html_to_pdf
from gongkai.core.request_lifecycle import Status
from gongkai.disclosure_requests import services, statistics
from gongkai.disclosure_requests.models import DisclosureRequest, LetterStatus
from gongkai.office import access
from gongkai.office import letters as office_letters
from gongkai.office.letter_views import letter_bytes
from gongkai.office.timeline import describe_event
from gongkai.office.views import _year_choices

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EDITION = "2021"


def _agency_or_404(request: HttpRequest) -> Any:
    agency = access.current_agency(request)
    if agency is None:
        raise Http404("您没有可查看的机关。")
    return agency


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise Http404("年度不正确。")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- 登记簿 ---------------------------------------------------------------------------------------------


@login_required
def register_book(request: HttpRequest, year: int) -> HttpResponse:
    """The printable register of one agency and year (条例第四十五条：申请的接收、登记)."""
    _check_year(year)
    agency = _agency_or_404(request)
    rows = (
        DisclosureRequest.objects.filter(agency=agency)
        .filter(Q(received_on__year=year) | Q(received_on__isnull=True, submitted_on__year=year))
        .select_related("applicant")
        .order_by("number")
    )
    return render(
        request,
        "office/register_book.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "outcome_labels": services.OUTCOME_LABELS,
            "agencies": list(access.readable_agencies(request.user).order_by("code")),
            "years": _year_choices([agency]),
            "printed_on": timezone.localdate(),
        },
    )


# --- 表三 ----------------------------------------------------------------------------------------------------


def _header_columns() -> dict[str, Any]:
    columns = layout(EDITION).t3_columns
    return {
        "natural": [c for c in columns if c.id == "natural_person"],
        "orgs": [c for c in columns if c.id not in ("natural_person", "total")],
        "total": [c for c in columns if c.id == "total"],
        "all": columns,
    }


@login_required
def table3(request: HttpRequest, year: int) -> HttpResponse:
    """Table 三 computed from the records; every non-zero number links to the requests behind it."""
    _check_year(year)
    agency = _agency_or_404(request)
    table, ids = statistics.table3_for(agency, year)
    lay = layout(EDITION)
    rows = []
    for row in lay.t3_rows:
        cells = []
        if row.has_cells:
            for column in lay.t3_columns:
                ref = t3_ref(row.id, column.id)
                cells.append({"ref": ref, "value": table[row.id][column.id], "count": len(ids.get(ref, []))})
        depth = 0 if row.parent is None else (1 if row.parent == "outcomes" else 2)
        rows.append({"row": row, "cells": cells, "depth": depth})
    columns = [c.id for c in lay.t3_columns]
    # 一 + 二 = 三（七）+ 四, per column (the national form's own check).
    balances = all(
        table["new_received"][c] + table["carried_over"][c]
        == table["total_processed"][c] + table["carried_forward"][c]
        for c in columns
    )
    return render(
        request,
        "office/table3.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "header": _header_columns(),
            "balances": balances,
            "agencies": list(access.readable_agencies(request.user).order_by("code")),
            "years": _year_choices([agency]),
        },
    )


@login_required
def table3_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _check_year(year)
    agency = _agency_or_404(request)
    return _download(statistics.table3_xlsx(agency, year), XLSX_TYPE, f"{agency.name}{year}年表三.xlsx")


@login_required
def table3_requests(request: HttpRequest, year: int) -> HttpResponse:
    """The requests counted in one cell of table 三 (`?cell=T3[row][column]`)."""
    _check_year(year)
    agency = _agency_or_404(request)
    cell = request.GET.get("cell", "")
    _table, ids = statistics.table3_for(agency, year)
    if cell not in ids:
        raise Http404("表三中没有这个单元格。")
    lay = layout(EDITION)
    row_id, column_id = cell[3:-1].split("][")
    row_label = next((r.label for r in lay.t3_rows if r.id == row_id), row_id)
    column_label = next((c.label for c in lay.t3_columns if c.id == column_id), column_id)
    found = {
        dr.pk: dr
        for dr in DisclosureRequest.objects.filter(pk__in=ids[cell], agency=agency).select_related(
            "applicant"
        )
    }
    return render(
        request,
        "office/table3_requests.html",
        {
            "agency": agency,
            "year": year,
            "row_label": row_label,
            "column_label": column_label,
            "rows": [found[pk] for pk in ids[cell] if pk in found],
        },
    )


# --- 归档案卷 -------------------------------------------------------------------------------------------------

CASE_FILE_CSS = """
h1 { font-size: 20pt; }
h2 { text-indent: 0; margin-top: 1em; }
table.summary th { width: 28%; text-align: left; }
table.summary td, table.timeline td { text-align: left; }
.letter { break-before: page; }
.letter h2.letter-title { text-align: center; font-size: 18pt; }
.letter .doc-number, .letter .addressee { text-indent: 0; }
.letter .doc-number { text-align: center; }
"""


def _archived_or_404(request: HttpRequest, pk: int) -> DisclosureRequest:
    dr = access.disclosure_request_for(request.user, pk)
    if dr.status != Status.ARCHIVED:
        raise Http404("只有已归档的申请可以下载案卷。")
    return dr


def case_file_pdf(dr: DisclosureRequest) -> bytes:
    """One PDF: the case summary, the timeline and the text of every issued letter."""
    events = list(dr.events.order_by("on", "at", "id"))
    letters = [
        (row, office_letters.rebuild(row))
        for row in dr.letters.filter(status=LetterStatus.ISSUED).order_by("issued_at", "id")
    ]
    html = render_to_string(
        "office/case_file.html",
        {
            "dr": dr,
            "applicant": dr.applicant,
            "timeline": [(e, describe_event(e)) for e in events],
            "letters": letters,
            "printed_on": timezone.localdate(),
        },
    )
    return html_to_pdf(html, extra_css=CASE_FILE_CSS)


@login_required
def case_file(request: HttpRequest, pk: int) -> HttpResponse:
    dr = _archived_or_404(request, pk)
    return _download(case_file_pdf(dr), "application/pdf", f"{dr.number}-案卷.pdf")


@login_required
def case_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """A ZIP of the case file, every issued letter (DOCX and PDF) and the attachments."""
    dr = _archived_or_404(request, pk)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{dr.number}-案卷.pdf", case_file_pdf(dr))
        for row in dr.letters.filter(status=LetterStatus.ISSUED).order_by("issued_at", "id"):
            # The files as issued (stored at issue time), never typeset anew.
            stem = f"文书/{row.pk:04d}-{row.title}-{row.doc_number or row.kind}"
            archive.writestr(f"{stem}.docx", letter_bytes(row, "docx"))
            archive.writestr(f"{stem}.pdf", letter_bytes(row, "pdf"))
        for attachment in dr.attachments.all():
            with attachment.file.open("rb") as handle:
                archive.writestr(f"附件/{attachment.pk:04d}-{attachment.original_name}", handle.read())
    stamp = timezone.localdate().isoformat()
    return _download(buffer.getvalue(), "application/zip", f"{dr.number}-案卷-{stamp}.zip")
