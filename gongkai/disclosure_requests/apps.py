from __future__ import annotations

from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "gongkai.disclosure_requests"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        # Refuse to start in production without the key that encrypts applicants' identity numbers.
        from gongkai.disclosure_requests.crypto import check_key

        check_key()
