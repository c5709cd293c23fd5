"""Technology demands (科技需求) and offerings (供给: 科技成果, expert and platform services)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    NEGOTIATING = "negotiating", _("In negotiation")
    CONTRACTED = "contracted", _("Contracted")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: The workflow: draft → published → in negotiation → contracted → closed; withdrawn from any open state.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (Status.PUBLISHED, Status.WITHDRAWN),
    Status.PUBLISHED: (Status.NEGOTIATING, Status.WITHDRAWN),
    Status.NEGOTIATING: (Status.CONTRACTED, Status.PUBLISHED, Status.WITHDRAWN),
    Status.CONTRACTED: (Status.CLOSED,),
    Status.CLOSED: (),
    Status.WITHDRAWN: (),
}
OPEN_STATUSES = (Status.DRAFT, Status.PUBLISHED, Status.NEGOTIATING)
#: Statuses that others than the owners may see.
VISIBLE_STATUSES = (Status.PUBLISHED, Status.NEGOTIATING, Status.CONTRACTED, Status.CLOSED)
#: Statuses a match may be offered for.
MATCHABLE_STATUSES = (Status.PUBLISHED, Status.NEGOTIATING)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MECHANISM = "mechanism", _("Parties of the mechanism")
    OWN_PARTY = "own_party", _("Own party only")


class CooperationForm(models.TextChoices):
    TRANSFER = "transfer", _("Technology transfer")
    LICENCE = "licence", _("Licence")
    JOINT_DEVELOPMENT = "joint_dev", _("Joint development")
    COMMISSIONED = "commissioned", _("Commissioned development")
    SERVICE = "service", _("Technical service")
    TALENT = "talent", _("Talent recruitment")
    OPEN_CALL = "open_call", _("Open call (揭榜挂帅)")


def validate_forms(value: list[str]) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Cooperation forms must be a list."))
    allowed = set(CooperationForm.values)
    bad = [v for v in value if v not in allowed]
    if bad:
        raise ValidationError(
            _("Unknown cooperation form: %(forms)s"), params={"forms": ", ".join(map(str, bad))}
        )


class Listing(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    recommending_unit = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recommending unit"),
    )
    party = models.ForeignKey(
        "taxonomy.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    clusters = models.ManyToManyField(
        "taxonomy.Cluster", blank=True, related_name="+", verbose_name=_("clusters")
    )
    fields = models.ManyToManyField("taxonomy.Field", blank=True, related_name="+", verbose_name=_("fields"))
    cooperation_forms = models.JSONField(
        _("cooperation forms"), default=list, blank=True, validators=[validate_forms]
    )
    amount = models.DecimalField(
        _("amount (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty means negotiable."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MECHANISM
    )
    source_ref = models.CharField(_("source reference"), max_length=60, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
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

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


def _listing_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(amount__isnull=True) | Q(amount__gte=0), name=f"{prefix}_amount_not_negative"
        ),
        models.CheckConstraint(condition=Q(status__in=Status.values), name=f"{prefix}_status_valid"),
        models.CheckConstraint(
            condition=Q(visibility__in=Visibility.values), name=f"{prefix}_visibility_valid"
        ),
    ]


class Demand(Listing):
    """科技需求: what an organisation needs."""

    min_trl = models.PositiveSmallIntegerField(
        _("minimum maturity (TRL)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("The least technology readiness level that would help (1–9)."),
    )
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("technology demand")
        verbose_name_plural = _("technology demands")
        constraints = [
            *_listing_constraints("demand"),
            models.CheckConstraint(
                condition=Q(min_trl__isnull=True) | Q(min_trl__gte=1, min_trl__lte=9), name="demand_trl_range"
            ),
        ]


class Offering(Listing):
    """供给: a technology achievement, an expert service or a platform service."""

    class Kind(models.TextChoices):
        ACHIEVEMENT = "achievement", _("Technology achievement")
        EXPERT_SERVICE = "expert_service", _("Expert service")
        PLATFORM_SERVICE = "platform_service", _("Platform service")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACHIEVEMENT)
    trl = models.PositiveSmallIntegerField(
        _("maturity (TRL)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    maturity = models.CharField(_("maturity stage"), max_length=60, blank=True)
    ip_status = models.CharField(_("IP status"), max_length=60, blank=True)
    patent_numbers = models.CharField(_("patent numbers"), max_length=300, blank=True)
    expert = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offerings",
        verbose_name=_("expert"),
    )
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("technology offering")
        verbose_name_plural = _("technology offerings")
        constraints = [
            *_listing_constraints("offering"),
            models.CheckConstraint(
                condition=Q(trl__isnull=True) | Q(trl__gte=1, trl__lte=9), name="offering_trl_range"
            ),
        ]
