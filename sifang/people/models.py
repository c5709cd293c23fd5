"""Experts, talents and contacts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sifang.core.validators import validate_id_number, validate_phone


class Person(models.Model):
    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert")
        TALENT = "talent", _("Talent")
        CONTACT = "contact", _("Contact")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EXPERT)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    fields = models.ManyToManyField("taxonomy.Field", blank=True, verbose_name=_("technology fields"))
    expertise = models.TextField(_("expertise"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    id_number = models.CharField(_("ID number"), max_length=18, blank=True, validators=[validate_id_number])
    search_tokens = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def party(self):  # noqa: ANN201
        return self.organisation.party
