"""Screening speed: megabytes of Chinese text per second (target ≥ 5 MB/s of UTF-8)."""

from __future__ import annotations

import time

from benchmarks import Result
from gongkai.core.identity import resident_id_check_char
from gongkai.core.screening import screen_text

TITLE = "Screening (gongkai.core.screening)"
TARGET_MB_PER_S = 5.0

_ID = "13063719900101123" + resident_id_check_char("13063719900101123")
# A realistic mix: a 通知 with 文号, dates, amounts and page numbers, and a 公示 with a leaked number now and then.
_PARAGRAPHS = (
    "博野县小店镇人民政府关于做好2026年春节期间安全生产工作的通知（小政发〔2026〕12号）。"
    "各村（社区）、镇直各单位：根据县政府办公室通知（博政办发〔2025〕45号）要求，2026年1月1日至2026年3月15日，"
    "镇财政安排专项资金123456.78元，用于隐患排查整治，详见附件第3页至第12页。\n",
    "小店镇2026年城乡居民最低生活保障对象公示：东村张某某，保障人数3人，月保障金额1250.00元；西村李某某，"
    "保障人数2人，月保障金额860.00元。公示时间2026年3月1日至3月7日，监督电话0312-8351234。\n",
    "根据《中华人民共和国政府信息公开条例》第二十条、第二十一条，现将2025年度农村土地承包经营权流转情况公开如下："
    "全镇流转面积12345.6亩，涉及农户1234户，流转合同编号HT2025-0001至HT2025-1234。\n",
    f"申请人王某某（身份证号{_ID}，联系电话13812345678）反映宅基地使用审核事项，已转相关村办理。\n",
)


def _corpus(target_bytes: int) -> str:
    parts: list[str] = []
    size = 0
    i = 0
    while size < target_bytes:
        paragraph = _PARAGRAPHS[i % len(_PARAGRAPHS)]
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
        i += 1
    return "".join(parts)


def run() -> list[Result]:
    text = _corpus(10 * 1024 * 1024)
    size_mb = len(text.encode("utf-8")) / (1024 * 1024)
    screen_text(text[:10000])  # warm the compiled pattern
    times = []
    findings = 0
    for _ in range(3):
        t0 = time.perf_counter()
        findings = len(screen_text(text))
        times.append(time.perf_counter() - t0)
    best = min(times)
    speed = size_mb / best
    return [
        Result(
            "screen_text throughput",
            speed,
            "MB/s",
            target=f"≥ {TARGET_MB_PER_S:g} MB/s",
            met=speed >= TARGET_MB_PER_S,
            note=f"{size_mb:.1f} MB UTF-8 ({len(text) / 1e6:.1f} M chars), {findings} findings, best of 3",
        ),
        Result("screen_text chars per second", len(text) / best / 1e6, "M chars/s"),
    ]
