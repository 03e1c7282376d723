"""Letters from the request page: draft for a kind, preview, issue (frozen), DOCX/PDF, 送达."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.test import Client

from gongkai.disclosure_requests.models import Letter
from tests.office import factories as f


def test_a_clerk_drafts_a_receipt_and_a_reviewer_issues_it(
    town: Any, clerk: Any, as_clerk: Client, as_reviewer: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    token = f.form_token(as_clerk, f"/office/requests/{dr.pk}/")

    drafted = as_clerk.post(
        f"/office/requests/{dr.pk}/letters/new/", {"kind": "receipt", "form_token": token}
    )
    letter = Letter.objects.get()
    preview = as_reviewer.get(f"/office/letters/{letter.pk}/").content.decode()
    token = f.form_token(as_reviewer, f"/office/letters/{letter.pk}/")
    as_reviewer.post(
        f"/office/letters/{letter.pk}/issue/", {"on": f.today().isoformat(), "form_token": token}
    )

    assert drafted["Location"] == f"/office/letters/{letter.pk}/"
    assert "政府信息公开申请登记回执" in preview and "张三：" in preview and dr.number in preview
    letter.refresh_from_db()
    assert letter.status == "issued" and letter.doc_number.startswith(f"小政信公〔{f.today().year}〕")
    issued_page = as_reviewer.get(f"/office/letters/{letter.pk}/").content.decode()
    assert letter.doc_number in issued_page and "不可修改" in issued_page


def test_a_letter_that_lacks_data_names_what_is_missing(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())
    token = f.form_token(as_clerk, f"/office/requests/{dr.pk}/")

    response = as_clerk.post(
        f"/office/requests/{dr.pk}/letters/new/", {"kind": "correction_notice", "form_token": token}
    )

    page = as_clerk.get(response["Location"]).content.decode()
    assert "补正事项" in page and "尚未填写" in page
    assert Letter.objects.count() == 0


def test_issued_letters_download_as_docx_and_pdf_with_the_document_number(
    town: Any, clerk: Any, reviewer: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    letter = f.issued(dr, clerk, reviewer)

    docx = as_clerk.get(f"/office/letters/{letter.pk}/file.docx")
    pdf = as_clerk.get(f"/office/letters/{letter.pk}/file.pdf")

    with zipfile.ZipFile(io.BytesIO(docx.content)) as archive:
        document_xml = archive.read("word/document.xml").decode()
    assert letter.doc_number in document_xml
    assert pdf.content.startswith(b"%PDF") and "attachment" in pdf["Content-Disposition"]
    assert as_clerk.get(f"/office/letters/{letter.pk}/file.exe").status_code == 404


def test_delivery_is_recorded_with_method_and_date(
    town: Any, clerk: Any, reviewer: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    letter = f.issued(dr, clerk, reviewer)
    token = f.form_token(as_clerk, f"/office/letters/{letter.pk}/")

    as_clerk.post(
        f"/office/letters/{letter.pk}/delivery/",
        {
            "method": "post",
            "delivered_on": f.today().isoformat(),
            "tracking_number": "EMS123",
            "form_token": token,
        },
    )

    delivery = letter.deliveries.get()
    assert (
        delivery.method == "post"
        and delivery.delivered_on == f.today()
        and delivery.tracking_number == "EMS123"
    )


def test_a_reply_letter_is_offered_for_the_recorded_outcome(
    town: Any, clerk: Any, head: Any, as_clerk: Client
) -> None:
    dr = f.replied(town, clerk, head)

    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()

    assert 'value="reply.granted"' in page
    assert 'value="reply.withheld.state_secret"' not in page
