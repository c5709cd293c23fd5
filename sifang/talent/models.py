"""Talent exchange (人才交流): postings, visiting scholars, joint training, training courses,
science-and-technology commissioners and flexible recruitment between organisations."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ExchangeKind(models.TextChoices):
    SECONDMENT = "secondment", _("Secondment")
    VISITING = "visiting", _("Visiting scholar")
    JOINT_TRAINING = "joint_training", _("Joint training")
    TRAINING = "training", _("Training course")
    COMMISSIONER = "commissioner", _("S&T commissioner")
    FLEXIBLE = "flexible", _("Flexible recruitment")


class Exchange(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=ExchangeKind.choices)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="exchanges", verbose_name=_("person")
    )
    from_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("from organisation"),
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to organisation"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    programme = models.ForeignKey(
        "taxonomy.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )
    results = models.TextField(_("results"), blank=True)
    created_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    search_tokens = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("talent exchange")
        verbose_name_plural = _("talent exchanges")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="exchange_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(kind__in=ExchangeKind.values), name="exchange_kind_valid"),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="exchange_between_two_organisations",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}"

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date must not be before the start date.")
        if self.from_organisation_id and self.from_organisation_id == self.to_organisation_id:
            errors["to_organisation"] = _("An exchange goes from one organisation to another.")
        if errors:
            raise ValidationError(errors)
