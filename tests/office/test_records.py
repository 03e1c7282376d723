"""The register (登记簿), table 三 with click-through and XLSX, and the archived case file."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pdfplumber
from django.test import Client
from openpyxl import load_workbook

from gongkai.disclosure_requests import statistics
from tests.office import factories as f
from tests.personas import ID_NUMBER

YEAR = f.today().year


def test_the_register_lists_the_years_requests_with_print_css(
    town: Any, clerk: Any, as_clerk: Client
) -> None:
    first = f.register(town, clerk, f.today(), name="甲")
    second = f.register(town, clerk, f.today(), name="乙")

    page = as_clerk.get(f"/office/register/{YEAR}/").content.decode()

    assert f"{YEAR}年政府信息公开申请登记簿" in page
    assert page.index(first.number) < page.index(second.number)
    assert "office.css" in page


def test_table3_numbers_link_to_the_requests_behind_them(
    town: Any, clerk: Any, head: Any, as_clerk: Client
) -> None:
    granted = f.replied(town, clerk, head)
    still_open = f.register(town, clerk, f.today(), name="乙")
    table, _ids = statistics.table3_for(town, YEAR)

    page = as_clerk.get(f"/office/table3/{YEAR}/").content.decode()
    links = re.findall(
        r'href="(/office/table3/\d+/requests/\?agency=boye-xiaodian(?:&amp;|&)cell=[^"]+)"', page
    )
    granted_link = next(
        link for link in links if "granted%5D%5Bnatural_person" in link and "partially" not in link
    )
    cell_page = as_clerk.get(granted_link.replace("&amp;", "&")).content.decode()

    assert table["new_received"]["total"] == 2 and "勾稽关系成立" in page
    assert f'href="/office/requests/{granted.pk}/"' in cell_page
    assert f'href="/office/requests/{still_open.pk}/"' not in cell_page


def test_table3_exports_to_xlsx(town: Any, clerk: Any, head: Any, as_clerk: Client) -> None:
    f.replied(town, clerk, head)

    response = as_clerk.get(f"/office/table3/{YEAR}.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(row[0] == "（一）予以公开" and row[1] == 1 for row in values)


def test_an_archived_case_file_has_the_timeline_and_letters(
    town: Any, clerk: Any, reviewer: Any, head: Any, as_clerk: Client
) -> None:
    dr = f.replied(town, clerk, head)
    letter = f.issued(dr, clerk, reviewer, "receipt")
    from gongkai.disclosure_requests import services

    services.archive(dr, actor=clerk, on=f.today())

    pdf = as_clerk.get(f"/office/requests/{dr.pk}/case-file.pdf")
    bundle = as_clerk.get(f"/office/requests/{dr.pk}/case-file.zip")

    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    assert "办理记录" in text and letter.doc_number in text and "作出答复" in text
    names = zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()
    assert any(n.endswith(".docx") for n in names) and any(n.endswith("案卷.pdf") for n in names)
    assert ID_NUMBER not in text


def test_only_archived_requests_have_a_case_file(town: Any, clerk: Any, as_clerk: Client) -> None:
    dr = f.register(town, clerk, f.today())

    assert as_clerk.get(f"/office/requests/{dr.pk}/case-file.pdf").status_code == 404
