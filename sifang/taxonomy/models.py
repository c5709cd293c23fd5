"""Parties of the mechanism and the editable taxonomies: clusters (versioned), fields, regions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        lang = translation.get_language() or "zh-hans"
        return self.name_en if lang.startswith("en") and self.name_en else self.name


class Party(BilingualName):
    """A party of the mechanism, or a unit inside one that reports its own figures (兵团, 新疆分院)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    @property
    def top(self) -> Party:
        return self.parent if self.parent_id and self.parent else self


class ClusterScheme(BilingualName):
    """A list of industrial clusters valid for a period (新疆八大 → 十大, 深圳"20+8")."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("cluster list")
        verbose_name_plural = _("cluster lists")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="clusterscheme_valid_range",
            )
        ]

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Cluster(BilingualName):
    scheme = models.ForeignKey(ClusterScheme, on_delete=models.PROTECT, related_name="clusters")
    confirmed = models.BooleanField(_("confirmed"), default=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    maps_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="mapped_from",
        verbose_name=_("maps to (current list)"),
    )

    class Meta:
        ordering = ["scheme__code", "id"]
        verbose_name = _("industrial cluster")
        verbose_name_plural = _("industrial clusters")
        constraints = [models.UniqueConstraint(fields=["scheme", "name"], name="cluster_unique_in_scheme")]

    def __str__(self) -> str:
        return f"{self.label}"


class Field(BilingualName):
    """A technology field."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")
        constraints = [models.UniqueConstraint(fields=["name"], name="field_unique_name")]


class Region(BilingualName):
    class Kind(models.TextChoices):
        XJ_PREFECTURE = "xj_prefecture", _("Xinjiang prefecture or city")
        BINGTUAN_DIVISION = "bingtuan_division", _("XPCC division")
        CENTRAL_ASIA = "central_asia", _("Central Asian country")
        PROVINCE = "province", _("Other province or city")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [models.UniqueConstraint(fields=["name"], name="region_unique_name")]


class AidPairing(models.Model):
    """对口援疆: which province or city supports which Xinjiang prefecture."""

    supporter = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="supports", verbose_name=_("supporter")
    )
    supported = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="supported_by", verbose_name=_("supported region")
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("counterpart-aid pairing")
        verbose_name_plural = _("counterpart-aid pairings")
        constraints = [models.UniqueConstraint(fields=["supporter", "supported"], name="aidpairing_unique")]

    def __str__(self) -> str:
        return f"{self.supporter} → {self.supported}"


class Programme(BilingualName):
    class Meta:
        ordering = ["id"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [models.UniqueConstraint(fields=["name"], name="programme_unique_name")]
