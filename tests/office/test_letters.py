"""Letters from the request page: draft for a kind, preview, issue (frozen), DOCX/PDF, 送达."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
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


def test_the_issued_file_never_changes_after_issue(
    town: Any, clerk: Any, reviewer: Any, as_clerk: Client, monkeypatch: Any
) -> None:
    from gongkai.disclosure_requests.models import LetterTemplate
    from gongkai.office import letter_views

    dr = f.register(town, clerk, f.today())
    letter = f.issued(dr, clerk, reviewer)
    first_docx = as_clerk.get(f"/office/letters/{letter.pk}/file.docx").content
    first_pdf = as_clerk.get(f"/office/letters/{letter.pk}/file.pdf").content

    # The agency rewrites its template and the typesetting changes: the issued files must stay as issued.
    LetterTemplate.objects.create(agency=town, kind="receipt", text="本机关新的回执模板，与签发时不同。")
    monkeypatch.setattr(letter_views, "letter_to_docx", lambda _letter: b"retypeset")
    monkeypatch.setattr(letter_views, "letter_to_pdf", lambda _letter: b"retypeset")
    later_docx = as_clerk.get(f"/office/letters/{letter.pk}/file.docx").content
    later_pdf = as_clerk.get(f"/office/letters/{letter.pk}/file.pdf").content

    assert later_docx == first_docx and later_pdf == first_pdf
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(later_docx)).paragraphs)
    assert letter.doc_number in text


def test_a_draft_file_is_typeset_from_its_current_text(
    town: Any, clerk: Any, as_clerk: Client, monkeypatch: Any
) -> None:
    from gongkai.office import letter_views

    dr = f.register(town, clerk, f.today())
    letter = f.draft(dr, clerk)
    monkeypatch.setattr(letter_views, "letter_to_docx", lambda _letter: b"typeset now")

    response = as_clerk.get(f"/office/letters/{letter.pk}/file.docx")

    assert response.content == b"typeset now"
    assert "%E8%8D%89%E7%A8%BF.docx" in response["Content-Disposition"]  # …-草稿.docx
