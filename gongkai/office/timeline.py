"""One line of Chinese per event for the timeline (who, when, what — the 'what' in detail)."""

from __future__ import annotations

from typing import Any

from gongkai.disclosure_requests.models import Channel, ConsultationAnswer, DeliveryMethod, EventKind


def _d(value: Any) -> str:
    if not value:
        return "—"
    y, m, d = str(value).split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def describe_event(event: Any) -> str:
    """The details worth reading for this event (empty when the kind says it all)."""
    data = event.data or {}
    kind = event.kind
    if kind == EventKind.REGISTERED:
        parts = [
            f"提交方式：{Channel(data['channel']).label}" if data.get("channel") in Channel.values else ""
        ]
        parts.append(
            f"收到申请之日：{_d(data.get('received_on'))}" if data.get("received_on") else "待确认收到日期"
        )
        if data.get("similar"):
            parts.append("发现相似的既往申请：" + "、".join(s["number"] for s in data["similar"]))
        return "；".join(p for p in parts if p)
    if kind == EventKind.CORRECTION_REQUESTED:
        return f"补正事项：{data.get('items', '')}；补正期限至{_d(data.get('correction_due_on'))}"
    if kind == EventKind.CORRECTION_RECEIVED:
        return data.get("note", "") or "答复期限自本日起重新计算（条例第三十条）"
    if kind == EventKind.CONSULTATION_STARTED:
        return f"征求对象：{data.get('party_name', '')}；请于{_d(data.get('answer_due_on'))}前提出意见"
    if kind == EventKind.CONSULTATION_ENDED:
        answer = data.get("answer", "")
        label = ConsultationAnswer(answer).label if answer in ConsultationAnswer.values else answer
        text = f"{data.get('party_name', '')}：{label}"
        if data.get("answer_text"):
            text += f"（{data['answer_text']}）"
        if data.get("note"):
            text += f"；{data['note']}"
        return text
    if kind == EventKind.EXTENDED:
        return f"延长{data.get('working_days')}个工作日，经负责人同意；理由：{data.get('reason', '') or '—'}"
    if kind == EventKind.FEE_NOTICE_ISSUED:
        return f"金额{data.get('amount_yuan')}元；缴费期限至{_d(data.get('pay_by_on'))}"
    if kind == EventKind.FEE_PAID:
        return f"已缴{data.get('amount_yuan')}元"
    if kind == EventKind.AGENCY_PERIOD_SET:
        return f"延迟答复至{_d(data.get('due_on'))}；理由：{data.get('reasons', '')}"
    if kind == EventKind.REPLIED:
        text = f"办理结果：{data.get('outcome_label', data.get('outcome', ''))}"
        if data.get("legal_basis"):
            text += f"；依据：{data['legal_basis']}"
        if data.get("late"):
            text += "；晚于答复期限"
        return text
    if kind == EventKind.WITHDRAWN:
        return data.get("reason", "")
    if kind == EventKind.LETTER_DISCARDED:
        text = f"《{data.get('title', '')}》草稿已废弃，不再签发"
        return text + (f"；原因：{data['reason']}" if data.get("reason") else "")
    if kind == EventKind.SCREENING_ACKNOWLEDGED:
        return f"{data.get('name', '')}：已核对{len(data.get('findings', []))}处个人信息筛查提示"
    if kind in (EventKind.LETTER_DRAFTED, EventKind.LETTER_ISSUED):
        from gongkai.core.letters import KINDS

        label = KINDS[data["kind"]].label if data.get("kind") in KINDS else data.get("kind", "")
        return f"{label} {data.get('doc_number', '')}".strip()
    if kind == EventKind.DELIVERED:
        method = data.get("method", "")
        label = DeliveryMethod(method).label if method in DeliveryMethod.values else method
        return f"{data.get('doc_number', '')} {label}" + (
            f"，签收人：{data['recipient']}" if data.get("recipient") else ""
        )
    if kind == EventKind.ATTACHMENT_ADDED:
        found = data.get("screening_findings")
        return data.get("name", "") + (f"（自动筛查有{found}处个人信息提示）" if found else "")
    if kind == EventKind.DUE_DATE_RECOMPUTED:
        return f"答复期限由{_d(data.get('before'))}改为{_d(data.get('after'))}" + (
            "（仍为暂定）" if data.get("is_provisional") else ""
        )
    return ""
