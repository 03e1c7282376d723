"""One-time form tokens: a second click on the same rendered form does nothing.

Each action form carries a token issued when the page was rendered; the first POST consumes it and
a repeated POST (double click, browser resubmit) finds it gone. The services refuse most repeats by
themselves (the state has moved on), but some actions are allowed twice in a row — a second
consultation, a second letter draft, a second delivery record — and a double click must not make two.
"""

from __future__ import annotations

import secrets

from django.http import HttpRequest

SESSION_KEY = "office_form_tokens"
MAX_TOKENS = 200


def issue(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(16)
    tokens: list[str] = list(request.session.get(SESSION_KEY, []))
    tokens.append(token)
    request.session[SESSION_KEY] = tokens[-MAX_TOKENS:]
    return token


def consume(request: HttpRequest) -> bool:
    """True the first time the POSTed token is seen; False for a missing, unknown or reused token."""
    token = request.POST.get("form_token", "")
    tokens: list[str] = list(request.session.get(SESSION_KEY, []))
    if not token or token not in tokens:
        return False
    tokens.remove(token)
    request.session[SESSION_KEY] = tokens
    return True
