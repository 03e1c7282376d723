"""The transition table of a disclosure request (core.request_lifecycle)."""

from __future__ import annotations

import pytest

from gongkai.core.request_lifecycle import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    STATUS_LABELS,
    TRANSITIONS,
    Status,
    TransitionRefused,
    allowed_actions,
    check,
)


def test_every_status_has_a_chinese_label_and_is_open_or_closed() -> None:
    assert set(STATUS_LABELS) == set(Status)
    assert set(Status) == OPEN_STATUSES | CLOSED_STATUSES
    assert not OPEN_STATUSES & CLOSED_STATUSES


def test_every_rule_cites_an_article_and_names_roles() -> None:
    for rule in TRANSITIONS.values():
        assert rule.article and rule.roles and rule.label


def test_only_the_head_extends_and_replies() -> None:
    assert TRANSITIONS["extend"].roles == {"head"}
    assert "extend" not in allowed_actions(Status.IN_PROGRESS, {"clerk"})
    assert "extend" in allowed_actions(Status.IN_PROGRESS, {"head"})
    assert "reply" in allowed_actions(Status.IN_PROGRESS, {"admin"})


def test_a_closed_request_can_only_be_archived() -> None:
    assert allowed_actions(Status.REPLIED, {"clerk", "head"}) == ["archive"]
    assert allowed_actions(Status.ARCHIVED, {"clerk", "head", "admin"}) == []


def test_it_refuses_an_action_from_a_wrong_status_in_chinese() -> None:
    with pytest.raises(TransitionRefused) as refused:
        check("receive_correction", Status.IN_PROGRESS)

    assert "办理中" in refused.value.message and "条例第三十条" in refused.value.message


def test_an_unknown_action_is_refused() -> None:
    with pytest.raises(TransitionRefused):
        check("approve_everything", Status.IN_PROGRESS)


def test_any_staff_member_may_discard_a_draft_or_acknowledge_screening_but_not_the_applicant() -> None:
    from gongkai.core.request_lifecycle import APPLICANT, SIDE_ACTIONS, STAFF

    assert SIDE_ACTIONS["discard_letter"] == STAFF
    assert SIDE_ACTIONS["acknowledge_screening"] == STAFF
    assert APPLICANT not in SIDE_ACTIONS["discard_letter"] | SIDE_ACTIONS["acknowledge_screening"]
