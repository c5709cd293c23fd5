"""Users with their role in the mechanism, and personal API tokens (stored hashed)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Liaison-office administrator")
    OFFICER = "officer", _("Party officer")
    MEMBER = "member", _("Organisation member")
    VIEWER = "viewer", _("Viewer")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    party = models.ForeignKey(
        "taxonomy.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("party"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("organisation"),
    )
    display_timezone = models.CharField(
        _("display time zone"),
        max_length=40,
        default="Asia/Shanghai",
        choices=[("Asia/Shanghai", _("Beijing time")), ("Asia/Urumqi", _("Xinjiang time"))],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="officer") | Q(party__isnull=False), name="user_officer_has_party"
            ),
            models.CheckConstraint(
                condition=~Q(role="member") | Q(organisation__isnull=False),
                name="user_member_has_organisation",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role == Role.OFFICER and not self.party_id:
            raise ValidationError({"party": _("A party officer needs a party.")})
        if self.role == Role.MEMBER and not self.organisation_id:
            raise ValidationError({"organisation": _("An organisation member needs an organisation.")})
        if self.organisation_id and self.organisation and not self.party_id:
            self.party = self.organisation.party

    @property
    def is_office(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def top_party_id(self) -> int | None:
        if not self.party_id or self.party is None:
            return None
        return self.party.parent_id or self.party_id


class ApiToken(models.Model):
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
