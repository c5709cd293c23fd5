from __future__ import annotations

from django.db.models import QuerySet

from .models import ApiToken, User


def token_list_for_user(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_get_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).select_related("party", "organisation").first()
