"""The life of a disclosure request (政府信息公开申请) as a readable table.

Reviewed against the Regulation (国务院令第711号, cited 条例) and regulation-spec §1.19: every action
names the statuses it may start from, the status it leads to, and the roles that may take it. The
services in `gongkai.disclosure_requests.services` check this table before changing anything; views,
forms and the API never decide it themselves.

Roles are the agency roles of `gongkai.agencies.models.Role` (clerk 经办人, reviewer 审核人, head 负责人,
admin 管理员 — an admin holds every role). `APPLICANT` marks actions the applicant may take
themselves (online withdrawal, online correction); `SYSTEM` marks actions no person takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    # 条例第三十一条：互联网、传真及平常信函提交的申请，以双方确认之日为收到申请之日；确认前不起算。
    PENDING_CONFIRMATION = "pending_confirmation"
    # 条例第四十五条：登记之后审核、办理；答复期限自收到申请之日起算。
    IN_PROGRESS = "in_progress"
    # 条例第三十条：一次性告知补正，等待申请人补正。
    AWAITING_CORRECTION = "awaiting_correction"
    # 条例第三十二条、第三十四条：征求第三方或其他机关意见，期间不计算在答复期限内。
    IN_CONSULTATION = "in_consultation"
    # 《政府信息公开信息处理费管理办法》：已发出收费通知，等待缴费。
    AWAITING_FEE = "awaiting_fee"
    # 条例第三十六条至第三十九条：已作出答复（一个办理结果）。
    REPLIED = "replied"
    # 申请人撤回申请（年报表三“（六）3.其他”）。
    WITHDRAWN = "withdrawn"
    # 条例第三十条 / 收费办法：逾期不补正或逾期不缴费，视为放弃，行政机关不再处理。
    ABANDONED = "abandoned"
    # 条例第四十五条：归档。
    ARCHIVED = "archived"


STATUS_LABELS: dict[Status, str] = {
    Status.PENDING_CONFIRMATION: "待确认",
    Status.IN_PROGRESS: "办理中",
    Status.AWAITING_CORRECTION: "待补正",
    Status.IN_CONSULTATION: "征求意见中",
    Status.AWAITING_FEE: "待缴费",
    Status.REPLIED: "已答复",
    Status.WITHDRAWN: "已撤回",
    Status.ABANDONED: "视为放弃",
    Status.ARCHIVED: "已归档",
}

# Statuses in which the request is still open (counted as 结转 at a year end).
OPEN_STATUSES: frozenset[Status] = frozenset(
    {
        Status.PENDING_CONFIRMATION,
        Status.IN_PROGRESS,
        Status.AWAITING_CORRECTION,
        Status.IN_CONSULTATION,
        Status.AWAITING_FEE,
    }
)
# Statuses in which the case has its one outcome (办结).
CLOSED_STATUSES: frozenset[Status] = frozenset(
    {Status.REPLIED, Status.WITHDRAWN, Status.ABANDONED, Status.ARCHIVED}
)

CLERK = "clerk"
REVIEWER = "reviewer"
HEAD = "head"
ADMIN = "admin"
APPLICANT = "applicant"
SYSTEM = "system"

STAFF = frozenset({CLERK, REVIEWER, HEAD})

# Statuses from which the case is still being handled (the reply clock may be running or paused).
_HANDLING_STATUSES = frozenset({Status.IN_PROGRESS, Status.IN_CONSULTATION, Status.AWAITING_FEE})


@dataclass(frozen=True)
class Transition:
    """One action: where it may start, where it leads (None = the status does not change), who may act."""

    action: str
    label: str
    sources: frozenset[Status]
    target: Status | None
    roles: frozenset[str]
    article: str


def _t(
    action: str,
    label: str,
    sources: set[Status] | frozenset[Status],
    target: Status | None,
    roles: set[str] | frozenset[str],
    article: str,
) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(roles), article)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        # 条例第二十九条、第三十一条：书面申请；当面提交的以提交之日为收到之日，邮寄的以签收之日为收到之日。
        _t(
            "register",
            "登记申请",
            set(),
            Status.IN_PROGRESS,
            STAFF | {APPLICANT},
            "条例第二十九条、第三十一条",
        ),
        # 条例第三十一条：平常信函、互联网、传真提交的，以双方确认之日为收到申请之日。
        _t(
            "confirm_receipt",
            "确认收到申请",
            {Status.PENDING_CONFIRMATION},
            Status.IN_PROGRESS,
            STAFF,
            "条例第三十一条",
        ),
        # 条例第三十条：收到申请之日起7个工作日内一次性告知补正，并给予合理的补正期限。
        _t(
            "request_correction",
            "告知补正",
            {Status.IN_PROGRESS},
            Status.AWAITING_CORRECTION,
            STAFF,
            "条例第三十条",
        ),
        # 条例第三十条：答复期限自行政机关收到补正的申请之日起计算（重新起算）。
        _t(
            "receive_correction",
            "收到补正",
            {Status.AWAITING_CORRECTION},
            Status.IN_PROGRESS,
            STAFF | {APPLICANT},
            "条例第三十条",
        ),
        # 条例第三十条：无正当理由逾期不补正的，视为放弃申请，行政机关不再处理（表三（六）1）。
        _t(
            "mark_abandoned",
            "逾期不补正，视为放弃",
            {Status.AWAITING_CORRECTION},
            Status.ABANDONED,
            STAFF,
            "条例第三十条",
        ),
        # 条例第三十二条、第三十四条：书面征求第三方或其他机关意见；所需时间不计算在答复期限内（第三十三条）。
        _t(
            "start_consultation",
            "征求意见",
            {Status.IN_PROGRESS, Status.IN_CONSULTATION},
            Status.IN_CONSULTATION,
            STAFF,
            "条例第三十二条、第三十四条",
        ),
        # 条例第三十二条：第三方逾期未提出意见的，由行政机关依照条例规定决定；第三十四条：其他机关逾期未答复视为同意公开。
        _t(
            "end_consultation",
            "记录意见或逾期未答复",
            {Status.IN_CONSULTATION},
            None,  # back to 办理中 once every open consultation has ended
            STAFF,
            "条例第三十二条、第三十四条",
        ),
        # 条例第三十三条：延长不超过20个工作日，需政府信息公开工作机构负责人同意并告知申请人；只能延长一次。
        _t("extend", "延长答复期限", _HANDLING_STATUSES, None, {HEAD}, "条例第三十三条"),
        # 《政府信息公开信息处理费管理办法》：在答复期限内发出收费通知。
        _t(
            "issue_fee_notice",
            "发出收费通知",
            {Status.IN_PROGRESS},
            Status.AWAITING_FEE,
            STAFF,
            "条例第四十二条，收费办法",
        ),
        _t(
            "record_fee_payment",
            "登记已缴费",
            {Status.AWAITING_FEE},
            Status.IN_PROGRESS,
            STAFF,
            "收费办法",
        ),
        # 收费办法：自收到收费通知次日起20个工作日内未缴费的，视为放弃申请（表三（六）2）。
        _t("lapse_fee", "逾期未缴费，视为放弃", {Status.AWAITING_FEE}, Status.ABANDONED, STAFF, "收费办法"),
        # 条例第三十五条：申请理由合理但无法在第三十三条期限内答复的，可以确定延迟答复的合理期限并告知申请人。
        _t("set_agency_period", "确定延迟答复期限", _HANDLING_STATUSES, None, {HEAD}, "条例第三十五条"),
        # 条例第三十六条至第三十九条：作出答复。答复由负责人签发（条例第四十五条要求的审核制度；issue #5：负责人批准答复）。
        _t(
            "reply",
            "作出答复",
            {Status.IN_PROGRESS, Status.IN_CONSULTATION, Status.AWAITING_FEE},
            Status.REPLIED,
            {HEAD},
            "条例第三十六条至第三十九条",
        ),
        # 申请人撤回（表三（六）3.其他，须写明理由）。
        _t("withdraw", "撤回申请", OPEN_STATUSES, Status.WITHDRAWN, STAFF | {APPLICANT}, "条例第四十五条"),
        # 条例第四十五条：归档。
        _t(
            "archive",
            "归档",
            {Status.REPLIED, Status.WITHDRAWN, Status.ABANDONED},
            Status.ARCHIVED,
            STAFF,
            "条例第四十五条",
        ),
    )
}

# Actions that do not depend on the status (letters, delivery, notes) and who may take them.
# 条例第四十五条：答复书等文书经审核后出具；送达须留存回证。
SIDE_ACTIONS: dict[str, frozenset[str]] = {
    "draft_letter": STAFF,
    # A draft that will not be issued is discarded (kept on record, never deleted) so the case can be archived.
    "discard_letter": STAFF,
    "issue_letter": frozenset({REVIEWER, HEAD}),
    "record_delivery": STAFF,
    "add_attachment": STAFF | {APPLICANT},
    # 条例第十五条：答复材料中的个人信息须经人工确认（自动筛查只提示，由人决定）。
    "acknowledge_screening": STAFF,
    "reveal_identity_number": STAFF,
}


class TransitionRefused(Exception):
    """An action the table does not allow now; `message` is one line in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def transition(action: str) -> Transition:
    """The rule of `action`; KeyError for an unknown action."""
    return TRANSITIONS[action]


def check(action: str, status: Status | str) -> Transition:
    """Return the rule of `action` if it may start from `status`, else raise TransitionRefused."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        raise TransitionRefused(f"未知的办理操作：{action}")
    current = Status(status)
    if current not in rule.sources:
        raise TransitionRefused(
            f"申请当前状态为“{STATUS_LABELS[current]}”，不能“{rule.label}”（{rule.article}）。"
        )
    return rule


def allowed_actions(status: Status | str, roles: set[str] | frozenset[str]) -> list[str]:
    """The actions `roles` may take from `status`, in table order (admin holds every role)."""
    current = Status(status)
    held = set(roles) | (set(STAFF) if ADMIN in roles else set())
    return [rule.action for rule in TRANSITIONS.values() if current in rule.sources and held & rule.roles]


def is_open(status: Status | str) -> bool:
    return Status(status) in OPEN_STATUSES
