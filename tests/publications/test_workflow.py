"""Draft → 保密审查 → 负责人批准 → 发布, and every refusal on the way (条例第十七条、第二十六条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile

from gongkai.agencies.models import Agency
from gongkai.append_only import ImmutableRowError
from gongkai.publications import services
from gongkai.publications.models import (
    Channel,
    FindingResolution,
    Origin,
    Publication,
    PublicationEvent,
    ReviewDecision,
    Status,
    Validity,
)
from gongkai.publications.services import PublicationError, PublicationPermissionError
from tests.personas import resident_id
from tests.publications.factories import draft, publish_through_workflow, staff

pytestmark = pytest.mark.django_db

RESIDENT_ID = resident_id("13063719900101123")


def docx_bytes(*paragraphs: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_clerk_drafts_screens_and_a_reviewer_and_head_publish(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    publication = draft(town, clerk)

    services.submit_for_review(publication, clerk)
    services.decide_review(
        publication, reviewer, decision=ReviewDecision.PUBLISH, basis="经审查不涉密，不含个人信息"
    )
    services.approve(publication, head)
    services.publish(publication, clerk, date(2026, 3, 10))

    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED
    assert publication.index_number == "boye-xiaodian/2026-00001"
    assert publication.published_on == date(2026, 3, 10)
    assert list(Publication.objects.public()) == [publication]
    assert publication.channels.get().channel == Channel.PORTAL
    kinds = list(publication.events.values_list("kind", flat=True))
    assert kinds == ["created", "submit_for_review", "review:publish", "approve", "publish"]
    assert all(e.actor_id for e in publication.events.exclude(kind="created"))


def test_the_docx_attachment_with_a_leaked_id_blocks_the_review_until_it_is_handled(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    publication = draft(town, clerk, category="art21_t8", title="2026年3月临时救助对象公示")
    attachment = services.add_attachment(
        publication,
        clerk,
        ContentFile(docx_bytes("救助对象：王某", f"身份证号：{RESIDENT_ID}")),
        "救助名单.docx",
    )
    services.submit_for_review(publication, clerk)

    (finding,) = services.open_findings(publication)
    assert (finding.kind, finding.text, finding.attachment_id) == ("resident_id", RESIDENT_ID, attachment.pk)
    with pytest.raises(PublicationError, match="1 处筛查发现未处理"):
        services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis="同意")

    services.remove_attachment(attachment, reviewer, "含身份证号，删除后另附脱敏名单")
    services.add_attachment(
        publication,
        reviewer,
        ContentFile(docx_bytes("救助对象：王某", "身份证号：130***********3X")),
        "救助名单（脱敏）.docx",
    )
    services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis="已删除身份证号")

    finding.refresh_from_db()
    assert finding.resolution == FindingResolution.FIXED
    assert services.open_findings(publication) == []


def test_fixing_a_finding_masks_it_in_the_body_and_the_others_stay_open(
    town: Agency, clerk: Any, reviewer: Any
) -> None:
    body = f"申请人王某（身份证号{RESIDENT_ID}）来电13812345678反映宅基地审核事项。"
    publication = draft(town, clerk, body=body, category="art21_t4")
    services.submit_for_review(publication, clerk)
    id_finding, _phone_finding = services.open_findings(publication)

    services.fix_finding(id_finding, reviewer)

    publication.refresh_from_db()
    assert RESIDENT_ID not in publication.body
    assert "130*************" + RESIDENT_ID[-2:] in publication.body
    (still_open,) = services.open_findings(publication)
    assert (still_open.kind, still_open.text) == ("mobile", "13812345678")
    assert publication.body[still_open.start : still_open.end] == "13812345678"


def test_an_acknowledged_finding_stays_acknowledged_when_screened_again(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    publication = draft(town, clerk, body="咨询电话：0312-8351234。")
    services.submit_for_review(publication, clerk)
    (finding,) = services.open_findings(publication)
    services.acknowledge_finding(finding, reviewer, "镇政府办公电话，依条例第二十条第（二）项公开")
    services.decide_review(publication, reviewer, decision=ReviewDecision.REVISE, basis="请补充附件")

    services.update_draft(publication, clerk, summary="补充后的概述")
    services.submit_for_review(publication, clerk)

    assert services.open_findings(publication) == []


def test_nothing_reaches_the_portal_without_a_recorded_review(town: Agency, clerk: Any, head: Any) -> None:
    publication = draft(town, clerk)
    # Someone sets the status behind the services' back (shell, SQL).
    Publication.objects.filter(pk=publication.pk).update(status=Status.APPROVED)

    with pytest.raises(PublicationError, match="没有同意公开的保密审查记录"):
        services.publish(publication, head, date(2026, 3, 10))
    Publication.objects.filter(pk=publication.pk).update(
        status=Status.PUBLISHED, published_on=date(2026, 3, 10), index_number="x/1"
    )
    assert list(Publication.objects.public()) == []


def test_the_drafter_cannot_review_their_own_item(town: Agency, head: Any) -> None:
    both = staff("一人多岗", town, "clerk", "reviewer")
    publication = draft(town, both)
    services.submit_for_review(publication, both)

    with pytest.raises(PublicationPermissionError, match="不能审查"):
        services.decide_review(publication, both, decision=ReviewDecision.PUBLISH, basis="同意")


def test_roles_are_enforced_at_every_step(
    town: Agency, other_town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    outsider = staff("外镇审核人", other_town, "reviewer", "head", "clerk")
    publication = draft(town, clerk)

    with pytest.raises(PublicationPermissionError):
        services.submit_for_review(publication, outsider)
    with pytest.raises(PublicationPermissionError):
        services.submit_for_review(publication, reviewer)
    services.submit_for_review(publication, clerk)
    with pytest.raises(PublicationPermissionError):
        services.decide_review(publication, head, decision=ReviewDecision.PUBLISH, basis="同意")
    services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis="同意")
    with pytest.raises(PublicationPermissionError):
        services.approve(publication, clerk)
    with pytest.raises(PublicationPermissionError):
        services.approve(publication, reviewer)


def test_it_refuses_steps_out_of_order(town: Agency, clerk: Any, reviewer: Any, head: Any) -> None:
    publication = draft(town, clerk)

    with pytest.raises(PublicationError, match="不能批准发布"):
        services.approve(publication, head)
    with pytest.raises(PublicationError, match="不能作出审查结论"):
        services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis="同意")
    services.submit_for_review(publication, clerk)
    with pytest.raises(PublicationError, match="只有草稿可以修改"):
        services.update_draft(publication, clerk, title="改名")
    with pytest.raises(PublicationError, match="请填写审查依据"):
        services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis=" ")


def test_a_doubtful_item_is_referred_to_the_secrecy_office_and_recorded(
    town: Agency, clerk: Any, reviewer: Any
) -> None:
    publication = draft(town, clerk, title="小店镇防汛抢险物资储备点分布")
    services.submit_for_review(publication, clerk)

    referral = services.refer_to_secrecy_office(
        publication,
        reviewer,
        office="博野县国家保密局",
        question="储备点位置是否属于工作秘密",
        referred_on=date(2026, 3, 5),
    )
    publication.refresh_from_db()
    assert publication.status == Status.REFERRED
    with pytest.raises(PublicationError):
        services.decide_review(publication, reviewer, decision=ReviewDecision.PUBLISH, basis="同意")
    services.record_secrecy_opinion(
        referral, reviewer, answered_on=date(2026, 3, 9), opinion="不属于国家秘密，可以公开"
    )
    services.decide_review(
        publication, reviewer, decision=ReviewDecision.PUBLISH, basis="依县保密局意见可以公开"
    )

    publication.refresh_from_db()
    assert publication.status == Status.REVIEWED
    referral.refresh_from_db()
    assert referral.opinion == "不属于国家秘密，可以公开"


def test_a_withheld_item_gets_a_reassessment_date(town: Agency, clerk: Any, reviewer: Any) -> None:
    publication = draft(town, clerk)
    services.submit_for_review(publication, clerk)

    review = services.decide_review(
        publication, reviewer, decision=ReviewDecision.WITHHOLD, basis="涉及工作秘密"
    )

    assert review.reassess_on is not None
    publication.refresh_from_db()
    assert publication.status == Status.WITHHELD


def test_events_are_immutable(town: Agency, clerk: Any) -> None:
    publication = draft(town, clerk)
    event = publication.events.get()

    event.note = "篡改"
    with pytest.raises(ImmutableRowError, match="不可修改"):
        event.save()
    with pytest.raises(ImmutableRowError, match="不可删除"):
        event.delete()
    assert PublicationEvent.objects.get(pk=event.pk).note == ""


def test_index_numbers_follow_the_agency_pattern_and_are_unique(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    from gongkai.publications.models import CatalogueSettings

    CatalogueSettings.objects.create(
        agency=town, index_prefix="11130637MB0F12345X", index_pattern="{prefix}-{category}/{year}-{seq:04d}"
    )
    first = publish_through_workflow(draft(town, clerk), clerk, reviewer, head)
    second = publish_through_workflow(
        draft(town, clerk, title="第二件", category="art20_07"), clerk, reviewer, head
    )

    assert first.index_number == "11130637MB0F12345X-t2/2026-0001"
    assert second.index_number == "11130637MB0F12345X-07/2026-0002"


def test_withdraw_removes_an_item_from_the_portal_and_validity_records_the_repealing_document(
    town: Agency, clerk: Any, reviewer: Any, head: Any
) -> None:
    old = publish_through_workflow(
        draft(town, clerk, category="art20_01", title="旧办法"), clerk, reviewer, head
    )
    new = publish_through_workflow(
        draft(town, clerk, category="art20_01", title="新办法"), clerk, reviewer, head
    )

    services.change_validity(
        old, clerk, validity=Validity.REPEALED, changed_on=date(2026, 5, 1), repealed_by=new
    )
    services.withdraw(new, head, "发现错误，更正后重新发布")

    old.refresh_from_db()
    assert (old.validity, old.repealed_by) == (Validity.REPEALED, new)
    assert list(Publication.objects.public()) == [old]


def test_categories_follow_the_agency_level(agencies: tuple[Agency, Agency, Agency], clerk: Any) -> None:
    county = agencies[0]
    county_clerk = staff("县经办人", county, "clerk")

    with pytest.raises(PublicationError, match="不是"):
        draft(county, county_clerk, category="art21_t7")  # 筹资筹劳 is a township heading (条例第二十一条)
    assert draft(county, county_clerk, category="art21_c1").category == "art21_c1"


def test_reg44_proposal_starts_a_draft_with_the_request_ids(town: Agency, clerk: Any) -> None:
    publication = services.propose_publication_from_requests(
        town,
        "2025年度小店镇土地征收补偿标准\n多名申请人申请公开。",
        clerk,
        [12, 7, 12],
        made_on=date(2026, 11, 2),
    )

    assert publication.status == Status.DRAFT
    assert publication.origin == Origin.REQUESTS
    assert publication.source_request_ids == [7, 12]
    assert publication.title == "2025年度小店镇土地征收补偿标准"
    assert publication.events.filter(kind="proposed_from_requests").exists()


def test_an_unreadable_attachment_must_be_acknowledged_by_a_person(town: Agency, clerk: Any) -> None:
    publication = draft(town, clerk)

    services.add_attachment(publication, clerk, ContentFile(b"\xd0\xcf\x11\xe0old"), "旧格式.doc")

    (finding,) = publication.findings.all()
    assert finding.kind == "unreadable"
    assert "DOCX" in finding.context
