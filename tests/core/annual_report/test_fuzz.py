"""Fuzz: whatever the input, a parser raises nothing but ReportError (issue #2, item 9)."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.core.annual_report.model import AnnualReport, ReportError
from gongkai.core.annual_report.parse import parse_bytes, parse_html, parse_markdown, parse_text
from tests.conftest import REPORTS

FIXTURES = [
    (REPORTS / name).read_bytes() for name in ("xiaodian-2023.txt", "pingtan-2021.txt", "shanghai-2019.html")
]
# Pieces that steer random text into the parser's deeper paths: headings, labels, numbers, separators.
PIECES = [
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "第二十条第（一）项", "信息内容", "本年制发件数", "规章", "行政规范性文件", "采购总金额",
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（三）不予公开", "1.属于国家秘密", "（六）其他处理", "3.其他", "（七）总计", "四、结转下年度继续办理",
    "行政复议", "行政诉讼", "结果维持", "总计", " | ", "|", "\n", "0", "7", "801000081", "-", "—", "/",
    "2023年1月1日", "二〇二四年一月二十日", "<table>", "<tr>", "<td rowspan='3'>", "</td>", "<p>", "# ",
    "|---|", "{", "发布时间：", "标题：", "当前位置：-->",
]  # fmt: skip


def _only_report_errors(call: object, data: object) -> None:
    try:
        result = call(data)  # type: ignore[operator]
    except ReportError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert isinstance(result, AnnualReport)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
@example(b"PK\x03\x04garbage")
@example(b"%PDF-1.7 garbage")
@example(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
@example(b"\xff\xfe" + "一、总体情况".encode("utf-16-le"))
def test_random_bytes_raise_only_report_error(data: bytes) -> None:
    _only_report_errors(parse_bytes, data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=80).map("".join))
def test_random_text_raises_only_report_error(text: str) -> None:
    _only_report_errors(parse_text, text)
    _only_report_errors(parse_markdown, text)
    _only_report_errors(parse_html, text)
    _only_report_errors(parse_bytes, text.encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIXTURES), st.floats(0, 1))
def test_truncated_fixtures_raise_only_report_error(data: bytes, fraction: float) -> None:
    _only_report_errors(parse_bytes, data[: int(len(data) * fraction)])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIXTURES),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.binary(max_size=12)), min_size=1, max_size=6),
)
def test_mutated_fixtures_raise_only_report_error(data: bytes, edits: list[tuple[float, int, bytes]]) -> None:
    for where, cut, insert in edits:
        at = int(len(data) * where)
        data = data[:at] + insert + data[at + cut :]

    _only_report_errors(parse_bytes, data)
