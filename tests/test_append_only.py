"""Audit rows are append-only everywhere: neither a row nor a bulk query can change or delete them."""

from __future__ import annotations

import pytest

from gongkai.annual_reports.models import CaseEvent, ReportEvent
from gongkai.append_only import ImmutableRowError
from gongkai.disclosure_requests.models import Event, IdentityAccessLog
from gongkai.publications.models import PublicationEvent, RegisterEvent, Review

AUDIT_MODELS = [Event, IdentityAccessLog, PublicationEvent, RegisterEvent, Review, CaseEvent, ReportEvent]


@pytest.mark.django_db
@pytest.mark.parametrize("model", AUDIT_MODELS, ids=lambda m: m.__name__)
def test_bulk_update_and_delete_are_refused(model: type) -> None:
    with pytest.raises(ImmutableRowError, match="不可修改"):
        model.objects.all().update(pk=1)
    with pytest.raises(ImmutableRowError, match="不可删除"):
        model.objects.all().delete()
