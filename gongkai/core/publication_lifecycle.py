"""The publication workflow as a readable table (pure Python; the services enforce it).

条例第十七条：行政机关应当建立健全政府信息公开审查机制，明确审查的程序和责任……对政府信息不能确定是否可以公开的，
应当依照法律、法规和国家有关规定报有关主管部门或者保密行政管理部门确定。
"""

from __future__ import annotations

DRAFT = "draft"
IN_REVIEW = "in_review"
REFERRED = "referred"
REVIEWED = "reviewed"
APPROVED = "approved"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
WITHHELD = "withheld"

STATUS_LABELS: dict[str, str] = {
    DRAFT: "草稿",
    IN_REVIEW: "保密审查中",
    REFERRED: "已报保密行政管理部门确定",
    REVIEWED: "审查通过，待负责人批准",
    APPROVED: "已批准，待发布",
    PUBLISHED: "已发布",
    WITHDRAWN: "已撤回",
    WITHHELD: "经审查不予公开",
}

# action -> (allowed source states, target state, roles that may act). Roles are agencies.models.Role values;
# 管理员 (admin) holds every role (agencies.services.has_role).
TRANSITIONS: dict[str, tuple[frozenset[str], str, tuple[str, ...]]] = {
    # The clerk submits the draft; screening runs on every part of it at this moment.
    "submit_for_review": (frozenset({DRAFT}), IN_REVIEW, ("clerk", "head")),
    # 条例第十七条：不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定。
    "refer_to_secrecy_office": (frozenset({IN_REVIEW}), REFERRED, ("reviewer",)),
    "record_secrecy_opinion": (frozenset({REFERRED}), IN_REVIEW, ("reviewer",)),
    # The reviewer decides: publishable, return for revision, or withhold (with basis).
    "review:publish": (frozenset({IN_REVIEW}), REVIEWED, ("reviewer",)),
    "review:revise": (frozenset({IN_REVIEW}), DRAFT, ("reviewer",)),
    "review:withhold": (frozenset({IN_REVIEW}), WITHHELD, ("reviewer",)),
    # 负责人 approves publication (the 2021 format's 「第一责任人」) or returns it.
    "approve": (frozenset({REVIEWED}), APPROVED, ("head",)),
    "return_to_draft": (frozenset({REVIEWED, APPROVED}), DRAFT, ("head",)),
    "publish": (frozenset({APPROVED}), PUBLISHED, ("clerk", "head")),
    "withdraw": (frozenset({PUBLISHED}), WITHDRAWN, ("head",)),
    # 条例第十七条 (periodic re-assessment of withheld items) and corrections after withdrawal start over as drafts.
    "reopen": (frozenset({WITHHELD, WITHDRAWN}), DRAFT, ("clerk", "head", "reviewer")),
}

EDITABLE_STATES = frozenset({DRAFT})
# Findings may be fixed while the draft is edited and while it is under review.
FIXABLE_STATES = frozenset({DRAFT, IN_REVIEW})


def target_of(action: str, status: str) -> str | None:
    """The state `action` leads to from `status`, or None when the table does not allow it."""
    sources, target, _ = TRANSITIONS[action]
    return target if status in sources else None


def roles_for(action: str) -> tuple[str, ...]:
    return TRANSITIONS[action][2]
