from tests.disclosure_requests.conftest import (  # noqa: F401 — shared personas
    _isolated_calendar,
    agencies,
    clerk,
    head,
    other_agency,
    other_clerk,
    reviewer,
    supervisor,
    town,
)
