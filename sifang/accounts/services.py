"""Account changes: personal API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.core.errors import NotFound

from .models import ApiToken, User
from .permissions import is_office

TOKEN_PREFIX = "sf_"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def token_create(actor: Any, *, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the record and the raw token, shown only once."""
    if actor is not None and actor != user and not is_office(actor):
        raise PermissionDenied(_("You may only create tokens for yourself."))
    if not user.is_active:
        raise PermissionDenied(_("This account is disabled."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name[:100], prefix=raw[:10], key_hash=hash_token(raw))
    return token, raw


@transaction.atomic
def token_revoke(actor: Any, *, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(pk=token_id).select_for_update().first()
    if token is None or (actor is not None and actor.pk != token.user_id and not is_office(actor)):
        raise NotFound(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None (unknown, revoked or disabled)."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__party", "user__organisation")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
