"""Screening before publication: personal data and classification marks are found, ordinary numbers are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identity import resident_id_check_char
from gongkai.core.screening import (
    ScreeningError,
    extract_text,
    screen_extracted,
    screen_file,
    screen_text,
)


def make_resident_id(first17: str = "13063719900101123") -> str:
    return first17 + resident_id_check_char(first17)


def luhn_complete(prefix: str) -> str:
    """Append the Luhn check digit to `prefix`."""
    for d in "0123456789":
        candidate = prefix + d
        total = 0
        for i, ch in enumerate(reversed(candidate)):
            n = int(ch) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


def kinds(text: str) -> list[str]:
    return [f.kind for f in screen_text(text)]


# A realistic 通知: 文号, dates in every common form, amounts, page numbers, an index number, article numbers.
NOTICE = """索引号：11130637MB0F12345X/2026-00012
博野县小店镇人民政府
关于做好2026年春节期间安全生产工作的通知
小政发〔2026〕12号
各村（社区）、镇直各单位：
根据《博野县人民政府办公室关于做好2026年元旦春节期间安全生产工作的通知》（博政办发〔2025〕45号）要求，
现将有关事项通知如下：
一、时间安排：2026年1月1日至2026年3月15日（20260101—20260315），共计74天；2026-01-01起执行。
二、资金保障：镇财政安排专项资金123456.78元，其中1,234,567元用于设备购置，12345678901.50元为全县累计投入。
三、各村于2026年2月10日前报送《隐患排查台账》（附件1，第3页至第12页），统计口径见第二十条第（一）项。
四、联系单位：镇应急办，联系人王主任，办公地点为镇政府二楼203室。
批次编号 202601010001，合同编号 HT2026-0001-00012，邮编 071300。
博野县小店镇人民政府
2026年1月5日
（此件公开发布）
— 3 —
"""


def test_it_finds_nothing_in_an_ordinary_notice_with_dates_document_numbers_and_amounts() -> None:
    assert screen_text(NOTICE) == []


def test_it_finds_the_leaked_id_and_phone_in_a_public_notice() -> None:
    resident_id = make_resident_id()
    text = (
        "小店镇2026年城乡居民最低生活保障对象公示\n"
        "序号  姓名  村别  保障人数  月保障金额（元）\n"
        f"1  张某某  东村  3  1250.00  身份证号：{resident_id}  联系电话：13812345678\n"
        "2  李某某  西村  2  860.00\n"
        "公示时间：2026年3月1日至2026年3月7日。监督电话：0312-8351234。\n"
    )

    findings = screen_text(text)

    assert [(f.kind, f.text) for f in findings] == [
        ("resident_id", resident_id),
        ("mobile", "13812345678"),
        ("landline", "0312-8351234"),
    ]
    first = findings[0]
    assert text[first.start : first.end] == resident_id
    assert "身份证号" in first.context and resident_id in first.context


def test_a_mistyped_id_with_a_real_birth_date_is_reported_as_suspect() -> None:
    good = make_resident_id()
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")

    assert kinds(f"身份证号{wrong_check}") == ["resident_id_suspect"]


def test_an_18_digit_serial_without_a_birth_date_is_not_an_id() -> None:
    assert kinds("流水号 202612319999999999 已入账") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("手机 13912345678", "mobile"),
        ("手机 139 1234 5678", "mobile"),
        ("手机 139-1234-5678", "mobile"),
        ("手机 +86 13912345678", "mobile"),
        ("手机 １３９１２３４５６７８", "mobile"),
        ("电话（010）62345678", "landline"),
        ("电话 021-52345678-806", "landline"),
        ("电话 03128351234", "landline"),
        ("邮箱 wang.li@example.gov.cn", "email"),
        ("车牌 冀F12345", "licence_plate"),
        ("车牌 冀F·12345", "licence_plate"),
        ("新能源 京AD12345", "licence_plate"),
        ("绝密★长期", "classification_mark"),
        ("机密★1年", "classification_mark"),
        ("秘密「★」5年", "classification_mark"),
        ("本文件为内部资料", "internal_mark"),
        ("此件不宜公开", "internal_mark"),
        ("仅供内部使用", "internal_mark"),
    ],
)
def test_it_finds_each_kind(text: str, expected: str) -> None:
    assert kinds(text) == [expected]


def test_bank_cards_must_pass_luhn() -> None:
    card = luhn_complete("622202123456789012")
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    spaced = " ".join(card[i : i + 4] for i in range(0, len(card), 4))

    assert kinds(f"卡号{card}") == ["bank_card"]
    assert kinds(f"卡号{broken}") == []
    assert kinds(f"卡号 {spaced} 开户行") == ["bank_card"]


def test_social_credit_codes_need_a_valid_check_character_and_index_numbers_are_exempt() -> None:
    code = "91130637MA0A1B2C3"
    valid = next(code + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if kinds(f"代码{code + c}"))
    invalid = next(code + c for c in "0123456789ABCDEFGHJKLMNPQRTUWXY" if not kinds(f"代码{code + c}"))

    assert kinds(f"统一社会信用代码：{valid}") == ["social_credit_code"]
    assert kinds(f"统一社会信用代码：{invalid}") == []
    assert kinds(f"索引号：{valid}/2026-00012") == []


@pytest.mark.parametrize(
    "text",
    [
        "商业秘密和个人隐私依法不予公开",  # the words, not a mark
        "京ICP备12345678号",
        "冀公网安备13063702000123号",
        "预算金额13812345678.00元",
        "订单号 12345678901234567890123",
        "2026年1月1日 2026.01.01 2026/1/1 20260101",
        "第1页 共12页 — 12 —",
        "小政发〔2026〕12号 冀政办字〔2025〕108号",
        "邮政编码071300，传真号码见指南",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert screen_text(text) == []


def test_allowed_values_such_as_the_agencys_own_phone_are_not_reported() -> None:
    text = "咨询电话：0312-8351234；举报电话：0312-8357777"

    assert [f.text for f in screen_text(text, allowed=["0312-8351234"])] == ["0312-8357777"]


def test_a_number_broken_across_pdf_lines_is_found_in_extracted_text() -> None:
    resident_id = make_resident_id()
    text = f"申请人身份证号码为{resident_id[:10]}\n{resident_id[10:]}，现予公示。"

    findings = screen_extracted(text)

    assert [f.kind for f in findings] == ["resident_id"]
    assert text[findings[0].start : findings[0].end].replace("\n", "") == resident_id


@given(st.integers(min_value=1900, max_value=2099), st.integers(1, 12), st.integers(1, 28))
def test_dates_in_every_common_form_are_never_findings(year: int, month: int, day: int) -> None:
    text = f"{year}年{month}月{day}日 {year}{month:02d}{day:02d} {year}-{month:02d}-{day:02d} {year}.{month}.{day}"

    assert screen_text(text) == []


def test_offsets_point_into_the_original_text_with_fullwidth_digits() -> None:
    text = "电话：１３８１２３４５６７８。"

    (finding,) = screen_text(text)

    assert text[finding.start : finding.end] == "１３８１２３４５６７８"


def test_it_screens_a_docx_attachment_including_tables(tmp_path: Path) -> None:
    import docx

    resident_id = make_resident_id("13063720010203456")
    document = docx.Document()
    document.add_paragraph("小店镇2026年度临时救助对象名单")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "身份证号"
    table.cell(0, 2).text = "救助金额（元）"
    table.cell(1, 0).text = "赵某"
    table.cell(1, 1).text = resident_id
    table.cell(1, 2).text = "2000.00"
    path = tmp_path / "名单.docx"
    document.save(str(path))

    findings = screen_file(path)

    assert [(f.kind, f.text) for f in findings] == [("resident_id", resident_id)]


def _minimal_pdf(lines: list[str]) -> bytes:
    # A one-page PDF with Helvetica text: enough for pdfplumber to extract, no font files needed.
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_it_screens_a_pdf(tmp_path: Path) -> None:
    resident_id = make_resident_id()
    path = tmp_path / "list.pdf"
    path.write_bytes(_minimal_pdf(["Applicant ID:", resident_id, "Tel 0312-8351234", "Page 3"]))

    findings = screen_file(path)

    assert [f.kind for f in findings] == ["resident_id", "landline"]


def test_an_unreadable_file_raises_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / "坏文件.docx"
    path.write_bytes(b"not a zip")

    with pytest.raises(ScreeningError, match=r"坏文件\.docx"):
        extract_text(path)


def test_legacy_doc_files_are_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "旧.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")

    with pytest.raises(ScreeningError, match="DOCX"):
        screen_file(path)


def test_gb18030_text_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("联系电话13812345678".encode("gb18030"))

    assert [f.kind for f in screen_file(path)] == ["mobile"]
