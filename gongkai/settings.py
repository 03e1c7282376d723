"""Django settings: one file, every value from the environment with a development default.

Every variable is listed in `.env.example`.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEV_SECRET_KEY = "dev-insecure-gongkai-secret-key-change-me"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("生产环境必须设置 DJANGO_SECRET_KEY（不能使用开发用密钥）。")

ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]

# Key for encrypting applicants' identity numbers at rest (Fernet, urlsafe base64, 32 bytes).
# Development default is derived from SECRET_KEY; production must set its own and keep it safe.
FIELD_ENCRYPTION_KEY = os.environ.get("GONGKAI_FIELD_ENCRYPTION_KEY", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # domain apps (models + services)
    "gongkai.calendars",
    "gongkai.agencies",
    "gongkai.disclosure_requests",
    "gongkai.publications",
    "gongkai.annual_reports",
    # interface apps (views, no models)
    "gongkai.portal",
    "gongkai.office",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gongkai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (production, CI) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/office/login/"
LOGIN_REDIRECT_URL = "/office/"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "gongkai" / "static"]
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "gongkai@localhost")

# Editable calendar data (holidays and 调休 working days) added by administrators, e.g. for 2027.
GONGKAI_CALENDAR_DIR = Path(os.environ.get("GONGKAI_CALENDAR_DIR", VAR_DIR / "calendar"))

# [U] Local deadline for townships' annual reports (spec §3.1): month-day of the following year.
GONGKAI_TOWNSHIP_REPORT_DEADLINE = os.environ.get("GONGKAI_TOWNSHIP_REPORT_DEADLINE", "01-31")
# [U] Whether the reply clock pauses while a fee notice is unpaid (fee Measures; spec §5). Default: pause.
GONGKAI_FEE_PAUSES_CLOCK = os.environ.get("GONGKAI_FEE_PAUSES_CLOCK", "1") == "1"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0") == "1"


# [U] Days to file the defence in review / litigation cases (spec §1.20); dashboards' "due soon" window.
GONGKAI_REVIEW_DEFENCE_DAYS = _env_int("GONGKAI_REVIEW_DEFENCE_DAYS", 10)
GONGKAI_LITIGATION_DEFENCE_DAYS = _env_int("GONGKAI_LITIGATION_DEFENCE_DAYS", 15)
GONGKAI_DUE_SOON_DAYS = _env_int("GONGKAI_DUE_SOON_DAYS", 5)

# Public portal: abuse limits (per hour / day), the self-hosted challenge, identity proof, proxies.
GONGKAI_PORTAL_SUBMISSIONS_PER_IP_PER_HOUR = _env_int("GONGKAI_PORTAL_SUBMISSIONS_PER_IP_PER_HOUR", 10)
GONGKAI_PORTAL_SUBMISSIONS_PER_APPLICANT_PER_DAY = _env_int(
    "GONGKAI_PORTAL_SUBMISSIONS_PER_APPLICANT_PER_DAY", 5
)
GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS = _env_int("GONGKAI_PORTAL_CHALLENGE_AFTER_SUBMISSIONS", 3)
GONGKAI_PORTAL_REQUIRE_IDENTITY_PROOF = _env_bool("GONGKAI_PORTAL_REQUIRE_IDENTITY_PROOF", True)
GONGKAI_TRUST_X_FORWARDED_FOR = _env_bool("GONGKAI_TRUST_X_FORWARDED_FOR", False)
GONGKAI_PORTAL_BASE_URL = os.environ.get("GONGKAI_PORTAL_BASE_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
