"""Checking a whole folder of reports (annual_report/batch.py)."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.core.annual_report import batch
from gongkai.core.annual_report.format import sections
from gongkai.core.annual_report.model import AnnualReport
from gongkai.core.annual_report.render.docx import render_docx
from gongkai.core.annual_report.render.html import render_html
from gongkai.core.annual_report.render.markdown import render_markdown
from gongkai.core.annual_report.render.text import render_text

AGENCY = "保定市生态环境局"


def _report(year: int, agency: str = AGENCY, carried_over: int = 0) -> AnnualReport:
    report = AnnualReport.blank("2021", 0)
    report.year = year
    report.agency = agency
    report.title = f"{agency}{year}年政府信息公开工作年度报告"
    report.published_on = date(year + 1, 1, 20)
    # Balanced: carried over applications are processed in the year (T3-002 holds).
    for row in ("carried_over", "granted", "total_processed"):
        report.t3[row]["natural_person"] = carried_over
        report.t3[row]["total"] = carried_over
    for s in sections():
        report.sections[s.id] = f"{year}年，我们持续推进政务公开，加强制度建设。"
        report.section_order.append(s.id)
    return report


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    (root / "2023").mkdir()
    (root / "2024").mkdir()
    # Same body, consecutive years: 2023 carries forward nothing, 2024 claims 5 carried over → X-001.
    (root / "2023" / "baoding-2023.docx").write_bytes(render_docx(_report(2023)))
    (root / "2024" / "baoding-2024.txt").write_text(render_text(_report(2024, carried_over=5)), "utf-8")
    (root / "2024" / "xihu-2024.md").write_text(
        render_markdown(_report(2024, "杭州市西湖区人民政府")), "utf-8"
    )
    (root / "2024" / "yulin-2024.html").write_text(
        render_html(_report(2024, "成都市武侯区玉林街道办事处")), "utf-8"
    )
    (root / "2024" / "linxian-2024.json").write_text(
        json.dumps(_report(2024, "临县公安局").to_dict(), ensure_ascii=False), "utf-8"
    )
    # Bad files: each must be listed with its reason, none may stop the batch.
    (root / "2024" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (root / "2024" / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    (root / "2024" / "renamed.docx").write_bytes(b"just some text, not a report")
    (root / "2024" / "empty.txt").write_bytes(b"")
    (root / "2024" / "notes.csv").write_text("not a report type", "utf-8")
    (root / ".hidden.txt").write_text("hidden", "utf-8")
    return root


@pytest.fixture(scope="module")
def result(folder: Path) -> batch.BatchResult:
    return batch.run_batch(folder, jobs=2)


def test_it_lists_every_report_file_and_skips_hidden_and_other_types(result: batch.BatchResult) -> None:
    assert sorted(f.path for f in result.files) == [
        "2023/baoding-2023.docx",
        "2024/baoding-2024.txt",
        "2024/broken.pdf",
        "2024/empty.txt",
        "2024/linxian-2024.json",
        "2024/old.doc",
        "2024/renamed.docx",
        "2024/xihu-2024.md",
        "2024/yulin-2024.html",
    ]


def test_bad_files_are_listed_with_their_chinese_reason(result: batch.BatchResult) -> None:
    reasons = {f.path: f.reason for f in result.unreadable}

    assert set(reasons) == {"2024/broken.pdf", "2024/empty.txt", "2024/old.doc", "2024/renamed.docx"}
    assert "另存为 .docx" in reasons["2024/old.doc"]
    assert "损坏" in reasons["2024/broken.pdf"]
    assert "空" in reasons["2024/empty.txt"]
    assert all(f.status == batch.STATUS_UNREADABLE for f in result.unreadable)


def test_good_files_of_every_format_are_read(result: batch.BatchResult) -> None:
    readable = {f.path: f.report for f in result.readable}

    assert len(readable) == 5
    assert readable["2023/baoding-2023.docx"] == _report(2023)
    assert readable["2024/linxian-2024.json"] == _report(2024, "临县公安局")
    assert all(f.parse_ms > 0 for f in result.files)


def test_consecutive_years_of_one_body_get_cross_year_findings(result: batch.BatchResult) -> None:
    later = next(f for f in result.files if f.path == "2024/baoding-2024.txt")
    others = [f for f in result.readable if f is not later]

    assert later.previous_path == "2023/baoding-2023.docx"
    assert "X-001" in {f["rule"] for f in later.cross_year}
    assert all(not f.cross_year and not f.previous_path for f in others)
    assert result.exit_code() == 1


def test_one_and_two_jobs_give_the_same_results(folder: Path, result: batch.BatchResult) -> None:
    single = batch.run_batch(folder, jobs=1)

    def key(r: batch.BatchResult) -> list[tuple[str, str, object, object]]:
        return [(f.path, f.reason, f.report, f.findings + f.cross_year) for f in r.files]

    assert key(single) == key(result)


def test_the_workbook_has_reports_findings_cross_year_and_data(
    result: batch.BatchResult, tmp_path: Path
) -> None:
    out = tmp_path / "results.xlsx"

    batch.write_xlsx(result, out)

    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames == ["报告", "问题", "跨年度", "数据", "字段说明"]
    reports = list(workbook["报告"].iter_rows(values_only=True))
    assert reports[0][:4] == ("文件", "机关", "年度", "格式版本")
    assert len(reports) == 1 + 9
    old = next(r for r in reports if r[0] == "2024/old.doc")
    assert old[8] == "无法读取" and "另存为" in old[9]
    cross = list(workbook["跨年度"].iter_rows(values_only=True))
    assert any(r[3] == "X-001" and r[0] == "2024/baoding-2024.txt" for r in cross[1:])
    data = list(workbook["数据"].iter_rows(values_only=True))
    header = data[0]
    row = next(r for r in data if r[0] == "2024/baoding-2024.txt")
    assert len(data) == 1 + 5
    assert row[header.index("T3[carried_over][natural_person]")] == 5
    assert "T4[review.total]" in header and "T3[other][total]" in header


def test_csv_output_is_the_report_sheet_plus_a_findings_file(
    result: batch.BatchResult, tmp_path: Path
) -> None:
    out = tmp_path / "results.csv"

    written = batch.write_csv(result, out)

    assert written == [out, tmp_path / "results.findings.csv"]
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    with written[1].open(encoding="utf-8-sig") as handle:
        findings = list(csv.reader(handle))
    assert rows[0][0] == "文件" and len(rows) == 10
    assert findings[0] == list(batch.FINDING_COLUMNS)
    assert any(r[3] == "X-001" for r in findings[1:])


def test_summary_names_the_unreadable_files(result: batch.BatchResult) -> None:
    text = "\n".join(batch.summary_lines(result))

    assert "共 9 个文件：可读取 5 份，无法读取 4 份" in text
    assert "2024/old.doc：" in text
    assert "X-001" in text
