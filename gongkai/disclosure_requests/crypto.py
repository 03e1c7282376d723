"""Identity numbers at rest: Fernet encryption plus a keyed hash (HMAC) for duplicate detection.

The key is `settings.FIELD_ENCRYPTION_KEY` (a Fernet key). In development (DEBUG or the development SECRET_KEY) an empty key is
derived from SECRET_KEY so the demo works out of the box; in production an empty key refuses to start
(checked in `DisclosureRequestsConfig.ready`), because numbers encrypted under a derived key would be
lost with a rotated SECRET_KEY.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _key_material() -> str:
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    if key:
        return str(key)
    # Development: DEBUG, or the development secret key (pytest runs with DEBUG=False). Production runs
    # with its own SECRET_KEY (settings.py enforces that) and must then set the encryption key too.
    dev_secret = getattr(settings, "DEV_SECRET_KEY", None)
    if not settings.DEBUG and dev_secret != settings.SECRET_KEY:
        raise ImproperlyConfigured(
            "生产环境必须设置 GONGKAI_FIELD_ENCRYPTION_KEY（用于加密申请人证件号码），"
            "可用 python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())' 生成。"
        )
    digest = hashlib.sha256(("gongkai-field-encryption:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


@cache
def _fernet(material: str) -> Fernet:
    try:
        return Fernet(material.encode())
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "GONGKAI_FIELD_ENCRYPTION_KEY 不是有效的 Fernet 密钥（32字节 urlsafe base64）。"
        ) from exc


def check_key() -> None:
    """Raise ImproperlyConfigured when no usable key is configured (called at start-up)."""
    _fernet(_key_material())


def encrypt(value: str) -> str:
    return _fernet(_key_material()).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(_key_material()).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured("无法解密证件号码：加密密钥与加密时不一致。") from exc


def identity_hash(value: str) -> str:
    """A keyed hash of a normalised identity number: equal numbers match, the number cannot be recovered."""
    # A separate key derived from the encryption key, so the hash reveals nothing about the Fernet key.
    hmac_key = hashlib.sha256(("gongkai-identity-hmac:" + _key_material()).encode()).digest()
    normalised = value.strip().upper().replace(" ", "")
    return hmac.new(hmac_key, normalised.encode(), hashlib.sha256).hexdigest()
