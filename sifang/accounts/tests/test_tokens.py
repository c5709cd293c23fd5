import io

import pytest
from django.core.management import call_command
from django.test import Client

from sifang.accounts import services
from sifang.accounts.models import ApiToken
from sifang.accounts.services import hash_token

pytestmark = pytest.mark.django_db


def test_cli_creates_a_token_that_authenticates(users):
    out = io.StringIO()
    call_command("token", "create", "member_xj", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("sf_")
    token = ApiToken.objects.get(user=users["member_xj"])
    assert token.key_hash == hash_token(raw) and raw not in token.key_hash
    response = Client().get("/api/v1/market/demands", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_revoked_and_unknown_tokens_are_refused(users):
    token, raw = services.token_create(users["viewer"], user=users["viewer"])
    services.token_revoke(users["viewer"], token_id=token.pk)
    assert Client().get("/api/v1/market/demands", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert Client().get("/api/v1/market/demands", HTTP_AUTHORIZATION="Bearer sf_nonsense").status_code == 401


def test_disabled_user_token_is_refused(users):
    _, raw = services.token_create(None, user=users["viewer"])
    users["viewer"].is_active = False
    users["viewer"].save()
    assert Client().get("/api/v1/market/demands", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_cli_unknown_user_is_a_clear_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no such user"):
        call_command("token", "create", "nobody")


def test_users_revoke_only_their_own_tokens(users):
    from sifang.core.errors import NotFound

    token, _ = services.token_create(None, user=users["viewer"])
    with pytest.raises(NotFound):
        services.token_revoke(users["member_xj"], token_id=token.pk)


def test_profile_page_creates_and_revokes(users):
    c = Client()
    c.force_login(users["member_xj"])
    r = c.post("/accounts/me/", {"name": "scripts"})
    assert r.status_code == 200 and "sf_" in r.content.decode()
    token = ApiToken.objects.get(user=users["member_xj"])
    c.post(f"/accounts/me/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_login_and_logout(users):
    c = Client()
    r = c.post("/accounts/login/", {"username": "member_xj", "password": "pw-Sifang-2026"})
    assert r.status_code == 302
    assert c.get("/accounts/me/").status_code == 200
    c.post("/accounts/logout/")
    assert c.get("/accounts/me/").status_code == 302


def test_wrong_password_shows_an_error_in_chinese(users):
    r = Client().post("/accounts/login/", {"username": "member_xj", "password": "wrong"})
    assert r.status_code == 200
    assert "用户名" in r.content.decode() or "密码" in r.content.decode()
