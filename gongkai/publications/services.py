"""Every state change of a publication, as a named service: one transaction, the allowed transition
(`workflow.TRANSITIONS`), the role check, `save(update_fields=…)` and an append-only event.

Views, forms and admin never set `status`, `due_on`, `published_on` or `index_number` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.agencies.services import has_role
from gongkai.core import publication_lifecycle as workflow
from gongkai.core.identity import mask_identity_number
from gongkai.core.screening import ScreeningError, ScreeningFinding, screen_file, screen_text
from gongkai.publications import search
from gongkai.publications.categories import CATEGORY_LABELS, categories_for
from gongkai.publications.models import (
    Attachment,
    CatalogueSettings,
    Channel,
    Finding,
    FindingResolution,
    IndexCounter,
    Origin,
    Publication,
    PublicationChannel,
    PublicationEvent,
    Review,
    ReviewDecision,
    SecrecyReferral,
    Status,
    Subcategory,
    Validity,
)
from gongkai.publications.timeliness import due_on_for

TEXT_SOURCES = ("title", "summary", "body")
EDITABLE_FIELDS = (
    "title",
    "document_number",
    "issuing_body",
    "made_on",
    "summary",
    "body",
    "category",
    "subcategory",
)
# 条例第十七条: withheld items are re-assessed; one year unless the reviewer sets another date [U: practice].
DEFAULT_REASSESS_DAYS = 365
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class PublicationError(ValueError):
    """A refused action; `message` is one line in Chinese for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PublicationPermissionError(PublicationError):
    pass


# ---- helpers ------------------------------------------------------------------------------------------


def _record(
    publication: Publication,
    kind: str,
    actor: AbstractBaseUser | None,
    *,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict[str, Any] | None = None,
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        publication=publication,
        kind=kind,
        actor=actor,
        at=timezone.now(),
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )


def _require_role(actor: AbstractBaseUser | None, agency: Agency, roles: Iterable[str], what: str) -> None:
    if actor is None or not has_role(actor, agency, *roles):
        raise PublicationPermissionError(f"您在{agency.name}没有{what}的权限。")


def _lock(publication: Publication) -> Publication:
    # Re-read under a row lock so two people acting at once cannot both pass the transition check.
    return Publication.objects.select_for_update().get(pk=publication.pk)


def _transition(
    publication: Publication,
    action: str,
    actor: AbstractBaseUser | None,
    what: str,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
) -> Publication:
    current = _lock(publication)
    _require_role(actor, current.agency, workflow.roles_for(action), what)
    target = workflow.target_of(action, current.status)
    if target is None:
        raise PublicationError(f"当前状态为“{current.get_status_display()}”，不能{what}。")
    old = current.status
    current.status = target
    for name, value in (fields or {}).items():
        setattr(current, name, value)
    current.save(update_fields=["status", "updated_at", *(fields or {})])
    _record(current, action, actor, from_status=old, to_status=target, note=note, data=data)
    publication.refresh_from_db()
    return current


def _set_search_fields(publication: Publication) -> None:
    for name, value in search.index_fields(publication).items():
        setattr(publication, name, value)


def _allowed_values(agency: Agency) -> list[str]:
    settings_row = CatalogueSettings.objects.filter(agency=agency).first()
    return settings_row.allowed_values() if settings_row else []


def _check_category(agency: Agency, category: str, subcategory: Subcategory | None) -> None:
    if category not in dict(categories_for(agency.kind)):
        label = CATEGORY_LABELS.get(category, category)
        raise PublicationError(f"“{label}”不是{agency.name}的法定主动公开内容类别。")
    if subcategory is not None and (subcategory.agency_id != agency.pk or subcategory.category != category):
        raise PublicationError("子栏目不属于所选类别。")


def _store_findings(
    publication: Publication,
    source: str,
    found: list[ScreeningFinding],
    attachment: Attachment | None = None,
) -> None:
    """Replace the open findings of one source; a value the reviewer already acknowledged stays acknowledged."""
    existing = Finding.objects.filter(publication=publication, source=source, attachment=attachment)
    acknowledged = {(f.kind, f.text): f for f in existing.filter(resolution=FindingResolution.ACKNOWLEDGED)}
    existing.filter(resolution=FindingResolution.OPEN).delete()
    for f in found:
        kept = acknowledged.pop((f.kind, f.text[:200]), None)
        if kept is not None:
            kept.start, kept.end, kept.context = f.start, f.end, f.context[:300]
            kept.save(update_fields=["start", "end", "context"])
            continue
        Finding.objects.create(
            publication=publication,
            source=source,
            attachment=attachment,
            kind=f.kind,
            text=f.text[:200],
            start=f.start,
            end=f.end,
            context=f.context[:300],
        )
    # An acknowledged value no longer in the text is gone: nothing left to acknowledge.
    for stale in acknowledged.values():
        stale.delete()


def _screen_text_sources(publication: Publication) -> None:
    allowed = _allowed_values(publication.agency)
    for source in TEXT_SOURCES:
        _store_findings(publication, source, screen_text(getattr(publication, source), allowed))


def _screen_attachment(attachment: Attachment) -> list[ScreeningFinding]:
    allowed = _allowed_values(attachment.publication.agency)
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
        return screen_file(Path(attachment.name), data, allowed)
    except ScreeningError as exc:
        # A file the machine cannot read must be read by a person: the reviewer acknowledges it explicitly.
        return [ScreeningFinding("unreadable", attachment.name, 0, 0, exc.message)]


def _rescreen_all(publication: Publication) -> None:
    _screen_text_sources(publication)
    for attachment in publication.attachments.filter(is_removed=False):
        _store_findings(publication, "attachment", _screen_attachment(attachment), attachment)


def open_findings(publication: Publication) -> list[Finding]:
    return list(publication.findings.filter(resolution=FindingResolution.OPEN).select_related("attachment"))


# ---- drafting -----------------------------------------------------------------------------------------


@transaction.atomic
def create_draft(
    agency: Agency,
    actor: AbstractBaseUser | None,
    *,
    title: str,
    made_on: date,
    category: str,
    summary: str = "",
    body: str = "",
    document_number: str = "",
    issuing_body: str = "",
    subcategory: Subcategory | None = None,
    origin: str = Origin.DRAFTED,
    source_request_ids: list[int] | None = None,
    check_role: bool = True,
) -> Publication:
    """Start a draft. The Reg. 26 due date is set from `made_on` at once."""
    if check_role:
        _require_role(actor, agency, ("clerk", "head"), "起草主动公开信息")
    if not title.strip():
        raise PublicationError("请填写信息名称。")
    _check_category(agency, category, subcategory)
    due_on, provisional = due_on_for(agency, made_on)
    publication = Publication(
        agency=agency,
        title=title.strip(),
        made_on=made_on,
        category=category,
        subcategory=subcategory,
        summary=summary,
        body=body,
        document_number=document_number.strip(),
        issuing_body=issuing_body.strip() or agency.name,
        origin=origin,
        source_request_ids=list(source_request_ids or []),
        due_on=due_on,
        is_due_on_provisional=provisional,
        created_by=actor,
    )
    _set_search_fields(publication)
    publication.save()
    _record(publication, "created", actor, to_status=Status.DRAFT, data={"due_on": due_on.isoformat()})
    _screen_text_sources(publication)
    return publication


@transaction.atomic
def update_draft(publication: Publication, actor: AbstractBaseUser | None, **changes: Any) -> Publication:
    """Edit a draft's fields; a new `made_on` moves the Reg. 26 due date (条例第二十六条：形成或者变更之日起)."""
    current = _lock(publication)
    _require_role(actor, current.agency, ("clerk", "head"), "修改主动公开信息")
    if current.status not in workflow.EDITABLE_STATES:
        raise PublicationError(f"当前状态为“{current.get_status_display()}”，只有草稿可以修改。")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise PublicationError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, changes[name])
    if not current.title.strip():
        raise PublicationError("请填写信息名称。")
    _check_category(current.agency, current.category, current.subcategory)
    fields = list(changed)
    if "made_on" in changed:
        current.due_on, current.is_due_on_provisional = due_on_for(current.agency, current.made_on)
        fields += ["due_on", "is_due_on_provisional"]
    _set_search_fields(current)
    current.save(update_fields=[*fields, "search_title_tokens", "search_tokens", "updated_at"])
    _record(current, "edited", actor, data={"fields": changed})
    _screen_text_sources(current)
    publication.refresh_from_db()
    return current


@transaction.atomic
def add_attachment(
    publication: Publication, actor: AbstractBaseUser | None, upload: File[Any], name: str | None = None
) -> Attachment:
    """Attach a file and screen it at once; findings appear before anyone can submit the draft."""
    current = _lock(publication)
    _require_role(actor, current.agency, ("clerk", "head", "reviewer"), "上传附件")
    if current.status not in workflow.FIXABLE_STATES:
        raise PublicationError(f"当前状态为“{current.get_status_display()}”，不能上传附件。")
    data = upload.read()
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise PublicationError("附件超过 50 MB，请压缩或拆分后上传。")
    file_name = Path(name or upload.name or "附件").name
    import hashlib

    attachment = Attachment(
        publication=current,
        name=file_name,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(file_name, ContentFile(data), save=False)
    attachment.save()
    found = _screen_attachment(attachment)
    _store_findings(current, "attachment", found, attachment)
    _record(
        current,
        "attachment_added",
        actor,
        data={"attachment": attachment.pk, "name": file_name, "findings": len(found)},
    )
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, actor: AbstractBaseUser | None, reason: str = "") -> None:
    """Take an attachment off the item (kept for the record); its open findings count as fixed."""
    current = _lock(attachment.publication)
    _require_role(actor, current.agency, ("clerk", "head", "reviewer"), "删除附件")
    if current.status not in workflow.FIXABLE_STATES:
        raise PublicationError(f"当前状态为“{current.get_status_display()}”，不能删除附件。")
    attachment.is_removed = True
    attachment.save(update_fields=["is_removed"])
    attachment.findings.filter(resolution=FindingResolution.OPEN).update(
        resolution=FindingResolution.FIXED,
        resolution_note="附件已删除",
        resolved_by=actor,
        resolved_at=timezone.now(),
    )
    _record(
        current,
        "attachment_removed",
        actor,
        note=reason,
        data={"attachment": attachment.pk, "name": attachment.name},
    )


# ---- findings -----------------------------------------------------------------------------------------


@transaction.atomic
def acknowledge_finding(finding: Finding, actor: AbstractBaseUser | None, note: str) -> Finding:
    """The reviewer confirms a finding may be published as it is (e.g. the office's public telephone)."""
    current = _lock(finding.publication)
    _require_role(actor, current.agency, ("reviewer",), "确认筛查发现")
    if current.status not in (Status.IN_REVIEW, Status.REFERRED):
        raise PublicationError("只有在保密审查中才能确认筛查发现。")
    if not note.strip():
        raise PublicationError("请说明为什么可以公开。")
    finding = Finding.objects.get(pk=finding.pk)
    if finding.resolution != FindingResolution.OPEN:
        raise PublicationError("这项发现已经处理过了。")
    finding.resolution = FindingResolution.ACKNOWLEDGED
    finding.resolution_note = note.strip()[:300]
    finding.resolved_by = actor
    finding.resolved_at = timezone.now()
    finding.save(update_fields=["resolution", "resolution_note", "resolved_by", "resolved_at"])
    _record(
        current, "finding_acknowledged", actor, note=note, data={"finding": finding.pk, "kind": finding.kind}
    )
    return finding


def default_replacement(finding: Finding) -> str:
    if finding.kind in ("classification_mark", "internal_mark"):
        return ""
    return mask_identity_number(finding.text)


@transaction.atomic
def fix_finding(finding: Finding, actor: AbstractBaseUser | None, replacement: str | None = None) -> Finding:
    """Replace the found text in the title, summary or body (masked by default: 130*************3X).

    Attachments are fixed by replacing or removing the file."""
    current = _lock(finding.publication)
    _require_role(actor, current.agency, ("clerk", "head", "reviewer"), "修改筛查发现")
    if current.status not in workflow.FIXABLE_STATES:
        raise PublicationError(f"当前状态为“{current.get_status_display()}”，不能修改。")
    finding = Finding.objects.get(pk=finding.pk)
    if finding.resolution != FindingResolution.OPEN:
        raise PublicationError("这项发现已经处理过了。")
    if finding.source not in TEXT_SOURCES:
        raise PublicationError("附件中的内容请修改文件后重新上传，或删除该附件。")
    text = getattr(current, finding.source)
    if text[finding.start : finding.end] != finding.text:
        raise PublicationError("内容已经变化，请重新筛查后再处理。")
    new_value = default_replacement(finding) if replacement is None else replacement
    setattr(current, finding.source, text[: finding.start] + new_value + text[finding.end :])
    _set_search_fields(current)
    current.save(update_fields=[finding.source, "search_title_tokens", "search_tokens", "updated_at"])
    finding.resolution = FindingResolution.FIXED
    finding.resolution_note = f"已替换为“{new_value}”" if new_value else "已删除"
    finding.resolved_by = actor
    finding.resolved_at = timezone.now()
    finding.save(update_fields=["resolution", "resolution_note", "resolved_by", "resolved_at"])
    _record(
        current,
        "finding_fixed",
        actor,
        data={"finding": finding.pk, "kind": finding.kind, "source": finding.source},
    )
    # Offsets of the other findings moved; screening again is simpler and always right.
    _screen_text_sources(current)
    return finding


# ---- review and approval ------------------------------------------------------------------------------


@transaction.atomic
def submit_for_review(publication: Publication, actor: AbstractBaseUser | None) -> Publication:
    """Send the draft to 保密审查; screening runs again on every text and attachment at this moment."""
    if not publication.summary.strip():
        raise PublicationError("请填写内容概述（条例第十二条：目录应包括内容概述）。")
    current = _transition(publication, "submit_for_review", actor, "提交保密审查")
    _rescreen_all(current)
    count = len(open_findings(current))
    if count:
        _record(
            current, "screened", actor, note=f"自动筛查发现 {count} 处需要处理", data={"open_findings": count}
        )
    return current


def _submitter_ids(publication: Publication) -> set[int]:
    return set(
        PublicationEvent.objects.filter(publication=publication, kind="submit_for_review").values_list(
            "actor_id", flat=True
        )
    ) | ({publication.created_by_id} if publication.created_by_id else set())


@transaction.atomic
def refer_to_secrecy_office(
    publication: Publication, actor: AbstractBaseUser | None, *, office: str, question: str, referred_on: date
) -> SecrecyReferral:
    """条例第十七条：不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定."""
    if not office.strip() or not question.strip():
        raise PublicationError("请填写报送机关和需确定的事项。")
    current = _transition(
        publication,
        "refer_to_secrecy_office",
        actor,
        "报保密行政管理部门确定",
        note=question,
        data={"office": office},
    )
    return SecrecyReferral.objects.create(
        publication=current,
        office=office.strip(),
        question=question.strip(),
        referred_by=actor,
        referred_on=referred_on,
    )


@transaction.atomic
def record_secrecy_opinion(
    referral: SecrecyReferral, actor: AbstractBaseUser | None, *, answered_on: date, opinion: str
) -> SecrecyReferral:
    """Record the secrecy office's answer; the item returns to review, where the reviewer decides."""
    if not opinion.strip():
        raise PublicationError("请填写答复意见。")
    if answered_on < referral.referred_on:
        raise PublicationError("答复日期不能早于报送日期。")
    _transition(
        referral.publication,
        "record_secrecy_opinion",
        actor,
        "登记保密部门意见",
        note=opinion,
        data={"referral": referral.pk},
    )
    referral.answered_on = answered_on
    referral.opinion = opinion.strip()
    referral.save(update_fields=["answered_on", "opinion"])
    return referral


@transaction.atomic
def decide_review(
    publication: Publication,
    actor: AbstractBaseUser | None,
    *,
    decision: str,
    basis: str,
    reassess_on: date | None = None,
) -> Review:
    """Record the 保密审查 decision (reviewer, decision, basis). 条例第十七条."""
    if decision not in ReviewDecision.values:
        raise PublicationError("审查结论无效。")
    if not basis.strip():
        raise PublicationError("请填写审查依据和意见。")
    current = _lock(publication)
    _require_role(actor, current.agency, workflow.roles_for("review:publish"), "作出审查结论")
    # Nobody reviews what they drafted or submitted themselves: the review must be a second pair of eyes.
    if actor is not None and actor.pk in _submitter_ids(current):
        raise PublicationPermissionError("起草或提交该信息的人员不能审查本信息。")
    if decision == ReviewDecision.PUBLISH:
        pending = open_findings(current)
        if pending:
            raise PublicationError(f"还有 {len(pending)} 处筛查发现未处理，请逐项确认或修改后再同意公开。")
        if current.referrals.filter(answered_on__isnull=True).exists():
            raise PublicationError("保密行政管理部门尚未答复，不能同意公开。")
    today = timezone.localdate()
    if decision == ReviewDecision.WITHHOLD and reassess_on is None:
        reassess_on = today + timedelta(days=DEFAULT_REASSESS_DAYS)
    _transition(current, f"review:{decision}", actor, "作出审查结论", note=basis, data={"decision": decision})
    return Review.objects.create(
        publication=current,
        reviewer=actor,
        decision=decision,
        basis=basis.strip(),
        decided_at=timezone.now(),
        reassess_on=reassess_on if decision == ReviewDecision.WITHHOLD else None,
    )


@transaction.atomic
def approve(publication: Publication, actor: AbstractBaseUser | None, note: str = "") -> Publication:
    """负责人 approves publication after a favourable review."""
    return _transition(publication, "approve", actor, "批准发布", note=note)


@transaction.atomic
def return_to_draft(publication: Publication, actor: AbstractBaseUser | None, reason: str) -> Publication:
    if not reason.strip():
        raise PublicationError("请说明退回理由。")
    return _transition(publication, "return_to_draft", actor, "退回修改", note=reason)


# ---- publication --------------------------------------------------------------------------------------


def _format_index(agency: Agency, publication: Publication, seq: int) -> str:
    settings_row = CatalogueSettings.objects.filter(agency=agency).first()
    pattern = settings_row.index_pattern if settings_row else "{prefix}/{year}-{seq:05d}"
    prefix = (settings_row.index_prefix if settings_row else "") or agency.code
    try:
        return pattern.format(
            prefix=prefix,
            year=publication.made_on.year,
            seq=seq,
            category=publication.category.split("_")[-1],
        )
    except (KeyError, ValueError, IndexError) as exc:
        raise PublicationError(f"索引号格式“{pattern}”无效，请在目录设置中修改。") from exc


def assign_index_number(publication: Publication) -> str:
    """Generate the next free index number (条例第十二条：目录包括索引); call inside a transaction."""
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(
        agency=publication.agency, year=publication.made_on.year
    )
    while True:
        counter.last_seq += 1
        candidate = _format_index(publication.agency, publication, counter.last_seq)
        if not Publication.objects.filter(index_number=candidate).exists():
            break
    counter.save(update_fields=["last_seq"])
    return candidate


@transaction.atomic
def publish(
    publication: Publication, actor: AbstractBaseUser | None, published_on: date | None = None
) -> Publication:
    """Put an approved item on the portal's disclosure platform (条例第二十四条). Refused without a recorded review."""
    current = _lock(publication)
    last_review = current.reviews.order_by("-decided_at", "-id").first()
    # 条例第十七条: the review gate, checked again here in case the status was changed by other means.
    if last_review is None or last_review.decision != ReviewDecision.PUBLISH:
        raise PublicationError("没有同意公开的保密审查记录，不能发布。")
    if open_findings(current):
        raise PublicationError("还有未处理的筛查发现，不能发布。")
    published_on = published_on or timezone.localdate()
    if published_on < current.made_on:
        raise PublicationError("发布日期不能早于信息生成日期。")
    fields: dict[str, Any] = {"published_on": published_on}
    if not current.index_number:
        fields["index_number"] = assign_index_number(current)
    current = _transition(current, "publish", actor, "发布", fields=fields)
    _set_search_fields(current)
    current.save(update_fields=["search_title_tokens", "search_tokens"])
    PublicationChannel.objects.create(publication=current, channel=Channel.PORTAL, published_on=published_on)
    return current


@transaction.atomic
def record_channel(
    publication: Publication,
    actor: AbstractBaseUser | None,
    *,
    channel: str,
    published_on: date,
    url: str = "",
    note: str = "",
) -> PublicationChannel:
    """Record another channel the item went out on (条例第二十三条: 公报、政务新媒体、公开栏…)."""
    current = _lock(publication)
    _require_role(actor, current.agency, ("clerk", "head"), "登记发布渠道")
    if current.status != Status.PUBLISHED:
        raise PublicationError("只有已发布的信息才能登记发布渠道。")
    if channel not in Channel.values:
        raise PublicationError("发布渠道无效。")
    row = PublicationChannel.objects.create(
        publication=current, channel=channel, published_on=published_on, url=url, note=note
    )
    _record(
        current,
        "channel_recorded",
        actor,
        data={"channel": channel, "published_on": published_on.isoformat()},
    )
    return row


@transaction.atomic
def withdraw(publication: Publication, actor: AbstractBaseUser | None, reason: str) -> Publication:
    if not reason.strip():
        raise PublicationError("请说明撤回理由。")
    return _transition(publication, "withdraw", actor, "撤回", note=reason)


@transaction.atomic
def reopen(publication: Publication, actor: AbstractBaseUser | None, reason: str) -> Publication:
    """Start again from a draft: a withheld item re-assessed (条例第十七条), or a withdrawn item corrected."""
    if not reason.strip():
        raise PublicationError("请说明理由。")
    return _transition(publication, "reopen", actor, "重新起草", note=reason)


@transaction.atomic
def change_validity(
    publication: Publication,
    actor: AbstractBaseUser | None,
    *,
    validity: str,
    changed_on: date,
    repealed_by: Publication | None = None,
) -> Publication:
    """Mark a published item 失效 or 废止 (with the repealing document), or 有效 again."""
    current = _lock(publication)
    _require_role(actor, current.agency, ("clerk", "head"), "变更效力")
    if current.status != Status.PUBLISHED:
        raise PublicationError("只有已发布的信息才能变更效力。")
    if validity not in Validity.values:
        raise PublicationError("效力状态无效。")
    if validity == Validity.REPEALED and repealed_by is None:
        raise PublicationError("废止的，请选择废止它的文件。")
    if repealed_by is not None and (
        repealed_by.pk == current.pk or repealed_by.agency_id != current.agency_id
    ):
        raise PublicationError("废止文件无效。")
    old = current.validity
    current.validity = validity
    current.repealed_by = repealed_by if validity == Validity.REPEALED else None
    current.validity_changed_on = changed_on
    current.save(update_fields=["validity", "repealed_by", "validity_changed_on", "updated_at"])
    _record(
        current,
        "validity_changed",
        actor,
        data={
            "from": old,
            "to": validity,
            "on": changed_on.isoformat(),
            "repealed_by": repealed_by.pk if repealed_by else None,
        },
    )
    return current


# ---- 条例第四十四条 -------------------------------------------------------------------------------------


@transaction.atomic
def propose_publication_from_requests(
    agency: Agency,
    description_text: str,
    actor: AbstractBaseUser | None = None,
    request_ids: Iterable[int] = (),
    *,
    made_on: date | None = None,
    category: str = "art20_15",
) -> Publication:
    """Start a draft from information several applicants asked for (条例第四十四条：可以纳入主动公开范围).

    Independent of the request models: takes text and the request ids (stored as JSON). The clerk completes the
    draft; the usual review applies. The Reg. 26 clock starts from `made_on` (default: today, the day the agency
    decides to publish it)."""
    text = description_text.strip()
    if not text:
        raise PublicationError("请描述拟主动公开的信息。")
    title = text.splitlines()[0][:200]
    publication = create_draft(
        agency,
        actor,
        title=title,
        made_on=made_on or timezone.localdate(),
        category=category,
        summary=text[:2000],
        origin=Origin.REQUESTS,
        source_request_ids=sorted({int(i) for i in request_ids}),
        check_role=actor is not None,
    )
    _record(
        publication,
        "proposed_from_requests",
        actor,
        note="依申请公开转主动公开（条例第四十四条）",
        data={"requests": publication.source_request_ids},
    )
    return publication
