"""Organisations of the mechanism: enterprises, institutes, universities, agencies, parks…"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sifang.core.validators import validate_credit_code


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        INSTITUTE = "institute", _("Research institute")
        UNIVERSITY = "university", _("University")
        AGENCY = "agency", _("Government agency")
        PARK = "park", _("Park")
        PLATFORM = "platform", _("Platform operator")
        FINANCE = "finance", _("Financial institution")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    party = models.ForeignKey(
        "taxonomy.Party", on_delete=models.PROTECT, related_name="organisations", verbose_name=_("party")
    )
    region = models.ForeignKey(
        "taxonomy.Region", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    fields = models.ManyToManyField("taxonomy.Field", blank=True, verbose_name=_("technology fields"))
    clusters = models.ManyToManyField("taxonomy.Cluster", blank=True, verbose_name=_("industrial clusters"))
    description = models.TextField(_("description"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    search_tokens = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["party__order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], name="organisation_unique_credit_code"),
            models.UniqueConstraint(fields=["name"], name="organisation_unique_name"),
            models.CheckConstraint(
                condition=~Q(kind="enterprise") | Q(credit_code__isnull=False),
                name="organisation_enterprise_has_credit_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.credit_code == "":
            self.credit_code = None
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.kind == self.Kind.ENTERPRISE and not self.credit_code:
            raise ValidationError({"credit_code": _("An enterprise needs its unified social credit code.")})
