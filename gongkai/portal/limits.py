"""Abuse limits for the public portal: rate limits in Django's cache and a self-hosted arithmetic challenge.

Fixed-window counters (`gk:rl:<scope>:<who>:<window>`) in the default cache — the local-memory cache is
enough for one server; with several servers configure a shared cache (database or Redis) in settings.
Every limit is a setting so an agency can tune it without code (issue #6 item 7); the defaults are
generous for people and tight for scripts.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True)
class Limit:
    scope: str
    max_hits: int
    window_seconds: int
    message: str


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def submission_limit() -> Limit:
    return Limit(
        "submit-ip",
        _setting("GONGKAI_PORTAL_SUBMISSIONS_PER_IP_PER_HOUR", 10),
        HOUR,
        "同一网络地址在一小时内提交的申请过多，请一小时后再试。如确有需要，请按政府信息公开指南中的电话联系本机关。",
    )


def applicant_limit() -> Limit:
    return Limit(
        "submit-applicant",
        _setting("GONGKAI_PORTAL_SUBMISSIONS_PER_APPLICANT_PER_DAY", 5),
        DAY,
        "同一申请人今天在网上提交的申请已达上限，请明天再提交，或按政府信息公开指南中的电话联系本机关。",
    )


def lookup_limit() -> Limit:
    return Limit(
        "lookup-ip",
        _setting("GONGKAI_PORTAL_LOOKUPS_PER_IP_PER_15_MIN", 30),
        15 * 60,
        "查询过于频繁，请15分钟后再试。",
    )


def failed_lookup_limit() -> Limit:
    return Limit(
        "lookup-fail-ip",
        _setting("GONGKAI_PORTAL_FAILED_LOOKUPS_PER_IP_PER_15_MIN", 10),
        15 * 60,
        "申请编号或查询码输错次数过多，请15分钟后再试。请核对回执或确认邮件中的申请编号和查询码。",
    )


def similar_limit() -> Limit:
    # The as-you-type search runs jieba and a few LIKE queries: cheap, but not free for a script.
    return Limit("similar-ip", _setting("GONGKAI_PORTAL_SIMILAR_PER_IP_PER_15_MIN", 300), 15 * 60, "")


def challenge_after() -> int:
    """Submissions from one address within an hour after which the arithmetic question is asked."""
    return _setting("GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS", 3)


def client_ip(request: HttpRequest) -> str:
    # Behind a reverse proxy REMOTE_ADDR is the proxy; trust X-Forwarded-For only when told to.
    if getattr(settings, "GONGKAI_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def _key(limit: Limit, who: str) -> str:
    window = int(time.time() // limit.window_seconds)
    digest = hashlib.sha256(who.encode()).hexdigest()[:24]
    return f"gk:rl:{limit.scope}:{digest}:{window}"


def count(limit: Limit, who: str) -> int:
    return int(cache.get(_key(limit, who), 0))


def is_exceeded(limit: Limit, who: str) -> bool:
    return count(limit, who) >= limit.max_hits


def hit(limit: Limit, who: str) -> int:
    """Count one more hit and return the new count."""
    key = _key(limit, who)
    cache.add(key, 0, limit.window_seconds + 60)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, limit.window_seconds + 60)
        return 1


# --- the arithmetic challenge ---------------------------------------------------------------------------

_CHALLENGE_SESSION_KEY = "portal_challenge"
_NUMBERS = "零一二三四五六七八九十"


def needs_challenge(ip: str) -> bool:
    return count(submission_limit(), ip) >= challenge_after()


def new_challenge(request: HttpRequest) -> str:
    """Store a fresh question's answer in the session and return the question in words."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    request.session[_CHALLENGE_SESSION_KEY] = a + b
    # Written in Chinese numerals as well as digits so it reads naturally aloud by screen readers.
    return f"{a}（{_NUMBERS[a]}）加 {b}（{_NUMBERS[b]}）等于多少？"


def check_challenge(request: HttpRequest, answer: str) -> bool:
    """True when `answer` solves the stored question; the question is used up either way."""
    expected = request.session.pop(_CHALLENGE_SESSION_KEY, None)
    try:
        return expected is not None and int(answer.strip()) == int(expected)
    except ValueError:
        return False
