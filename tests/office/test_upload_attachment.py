"""Attachments on the request page: upload, list, download, and the screening acknowledgement before a reply."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment
from tests.office import factories as f
from tests.personas import ID_NUMBER, pdf_with_text

CLEAN_PDF = pdf_with_text("Approval of the 2025 village road project")


def _upload(client: Client, dr: Any, content: bytes, name: str = "批复.pdf", kind: str = "reply") -> Any:
    token = f.form_token(client, f"/office/requests/{dr.pk}/")
    return client.post(
        f"/office/requests/{dr.pk}/attachments/new/",
        {"kind": kind, "file": SimpleUploadedFile(name, content), "form_token": token},
    )


def test_a_clerk_uploads_lists_and_downloads_an_attachment(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())

    response = _upload(as_clerk, dr, CLEAN_PDF, kind="application_form")

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    page = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    assert "批复.pdf" in page and f"/office/attachments/{attachment.pk}/" in page
    download = as_clerk.get(f"/office/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == CLEAN_PDF
    assert download["Content-Type"] == "application/pdf"


def test_a_file_that_is_not_a_pdf_or_image_is_refused_next_to_the_field(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    dr = f.register(town, clerk, f.today())

    response = _upload(as_clerk, dr, b"PK\x03\x04 a zip renamed", name="申请书.pdf")

    assert response.status_code == 422
    assert "只能上传PDF、JPG或PNG文件" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_over_10_mb_is_refused(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())

    response = _upload(as_clerk, dr, b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))

    assert response.status_code == 422 and "不能超过10MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_reply_material_with_personal_data_blocks_the_reply_until_acknowledged(
    town: Any, clerk: Any, as_clerk: Client, as_head: Client
) -> None:
    dr = f.register(town, clerk, f.working_day_before(f.today(), 2))
    _upload(as_clerk, dr, pdf_with_text(f"Applicant ID {ID_NUMBER}, mobile 13812345678"))
    attachment = Attachment.objects.get()

    warned = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    refused = f.post_action(as_head, dr, "reply", on=f.today().isoformat(), outcome="granted")
    refusal = as_head.get(refused["Location"]).content.decode()
    token = f.form_token(as_clerk, f"/office/requests/{dr.pk}/")
    as_clerk.post(f"/office/attachments/{attachment.pk}/acknowledge/", {"form_token": token})
    replied = f.post_action(as_head, dr, "reply", on=f.today().isoformat(), outcome="granted")

    assert "身份证号码" in warned and "手机号码" in warned
    assert ID_NUMBER not in warned and ID_NUMBER[:3] + "*" * 11 + ID_NUMBER[-4:] in warned
    assert f"/office/attachments/{attachment.pk}/acknowledge/" in warned
    assert "逐项核对并确认" in refusal
    assert replied.status_code == 302
    dr.refresh_from_db()
    assert dr.status == "replied"
    after = as_clerk.get(f"/office/requests/{dr.pk}/").content.decode()
    assert "已确认" in after and f"/office/attachments/{attachment.pk}/acknowledge/" not in after


def test_staff_of_another_agency_get_404_for_an_attachment(
    town: Any, clerk: Any, as_other_clerk: Client, as_supervisor: Client
) -> None:
    dr = f.register(town, clerk, f.today())
    attachment = services.add_attachment(dr, actor=clerk, kind="reply", name="a.pdf", content=CLEAN_PDF)

    other = as_other_clerk.get(f"/office/attachments/{attachment.pk}/")
    supervisor = as_supervisor.get(f"/office/attachments/{attachment.pk}/")

    assert other.status_code == 404 and supervisor.status_code == 200
