"""Joint projects (联合攻关) along the chain, their funding, milestones, outcomes and technology-
transfer contracts (成果转化).

Workflows live in ``services.py``; visibility in ``permissions.py`` (see its docstring)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ZERO = Decimal("0")


class Stage(models.TextChoices):
    BASIC_RESEARCH = "basic", _("Basic research")
    DEVELOPMENT = "development", _("Technology development")
    DEMONSTRATION = "demonstration", _("Demonstration and application")
    INDUSTRIALISATION = "industrialisation", _("Industrialisation")


class Status(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    ACCEPTANCE = "acceptance", _("Under acceptance")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


#: 申报 → 立项 → 执行中 → 验收 → 结题; 终止 from any open state.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.APPLIED: (Status.APPROVED, Status.TERMINATED),
    Status.APPROVED: (Status.IN_PROGRESS, Status.TERMINATED),
    Status.IN_PROGRESS: (Status.ACCEPTANCE, Status.TERMINATED),
    Status.ACCEPTANCE: (Status.COMPLETED, Status.TERMINATED),
    Status.COMPLETED: (),
    Status.TERMINATED: (),
}
OPEN_STATUSES = (Status.APPLIED, Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE)
#: Statuses in which milestones run (and may be overdue).
RUNNING_STATUSES = (Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE)
#: Statuses from 立项 on, which every signed-in user may see.
APPROVED_STATUSES = (Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE, Status.COMPLETED)


class FundingSource(models.TextChoices):
    CENTRAL = "central", _("Central government funds")
    LOCAL = "local", _("Local government funds")
    ENTERPRISE = "enterprise", _("Enterprise own funds")
    SOCIAL = "social", _("Social capital")
    OTHER = "other", _("Other")


class Project(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="led_projects",
        verbose_name=_("lead organisation"),
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_projects",
        verbose_name=_("partner organisations"),
    )
    clusters = models.ManyToManyField(
        "taxonomy.Cluster", blank=True, related_name="+", verbose_name=_("clusters")
    )
    fields = models.ManyToManyField("taxonomy.Field", blank=True, related_name="+", verbose_name=_("fields"))
    stage = models.CharField(_("stage of the chain"), max_length=20, choices=Stage.choices)
    programme = models.ForeignKey(
        "taxonomy.Programme", on_delete=models.PROTECT, related_name="+", verbose_name=_("programme")
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.APPLIED)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    demand = models.ForeignKey(
        "market.Demand",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("demand"),
    )
    offering = models.ForeignKey(
        "market.Offering",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        verbose_name=_("offering"),
    )
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
    history = HistoricalRecords(excluded_fields=["search_tokens"], m2m_fields=[partners])

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="project_dates_in_order"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="project_status_valid"),
            models.CheckConstraint(condition=Q(stage__in=Stage.values), name="project_stage_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date must not be before the start date.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]


class ProjectTransition(models.Model):
    """One move along the workflow: who, when, from what to what, and why."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("project")
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("project transition")
        verbose_name_plural = _("project transitions")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} → {self.to_status}"


class Funding(models.Model):
    """Planned and spent money of one party from one source, in 万元."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("project")
    )
    party = models.ForeignKey(
        "taxonomy.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    source = models.CharField(_("source"), max_length=12, choices=FundingSource.choices)
    planned = models.DecimalField(
        _("planned (10,000 yuan)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    spent = models.DecimalField(
        _("spent (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["party__order", "source", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "party", "source"], name="funding_unique_party_source"
            ),
            models.CheckConstraint(condition=Q(planned__gte=0), name="funding_planned_not_negative"),
            models.CheckConstraint(condition=Q(spent__gte=0), name="funding_spent_not_negative"),
            models.CheckConstraint(condition=Q(spent__lte=F("planned")), name="funding_spent_within_plan"),
            models.CheckConstraint(condition=Q(source__in=FundingSource.values), name="funding_source_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.party} · {self.get_source_display()}"

    def clean(self) -> None:
        if self.spent is not None and self.planned is not None and self.spent > self.planned:
            raise ValidationError(
                {
                    "spent": _(
                        "Spending (%(spent)s) may not exceed the plan (%(planned)s); record a plan adjustment first."
                    )
                    % {"spent": self.spent, "planned": self.planned}
                }
            )

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent


class FundingAdjustment(models.Model):
    """An explicit, recorded change of a funding plan."""

    funding = models.ForeignKey(
        Funding, on_delete=models.CASCADE, related_name="adjustments", verbose_name=_("funding")
    )
    previous_planned = models.DecimalField(_("previous plan"), max_digits=14, decimal_places=2)
    new_planned = models.DecimalField(_("new plan"), max_digits=14, decimal_places=2)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("funding adjustment")
        verbose_name_plural = _("funding adjustments")
        constraints = [
            models.CheckConstraint(condition=Q(new_planned__gte=0), name="fundingadj_new_not_negative"),
            models.CheckConstraint(condition=~Q(reason=""), name="fundingadj_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.previous_planned} → {self.new_planned}"


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"))
    deliverables = models.TextField(_("deliverables"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.completed_on is None and self.due_date < day and self.project.status in RUNNING_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class OutcomeKind(models.TextChoices):
    PAPER = "paper", _("Paper")
    PATENT = "patent", _("Patent")
    STANDARD = "standard", _("Standard")
    SOFTWARE = "software", _("Software copyright")
    PRODUCT = "product", _("New product")
    PROCESS = "process", _("New process")
    DEMO_SITE = "demo_site", _("Demonstration site")
    TALENTS = "talents", _("Talents trained")


_PATENT_APPLICATION = re.compile(r"^(ZL)?(\d{8}|\d{12})\.?[0-9X]$")
_PATENT_PUBLICATION = re.compile(r"^CN\d{7,9}[ABCUSY]\d?$")


def normalise_patent_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_patent_number(value: str) -> None:
    """A Chinese patent application or grant number (2017200012851, 201720001285.X,
    ZL201720001285.X; old 8-digit numbers too) or a publication number (CN105123456A, CN209876543U).
    The format is checked, not the check digit."""
    code = normalise_patent_number(value)
    if not (_PATENT_APPLICATION.match(code) or _PATENT_PUBLICATION.match(code)):
        raise ValidationError(
            _(
                "“%(value)s” is not a Chinese patent number: use an application or grant number such as "
                "201720001285.X or ZL201720001285.X, or a publication number such as CN105123456A."
            ),
            code="patent_number",
            params={"value": value},
        )


class Outcome(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=OutcomeKind.choices)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(
        _("number"), max_length=60, blank=True, help_text=_("Patent, standard or registration number.")
    )
    achieved_on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, help_text=_("For talents trained: the number of people; otherwise 1.")
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-achieved_on", "-id"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="outcome_quantity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == OutcomeKind.PATENT:
            if not self.number:
                raise ValidationError(
                    {"number": _("A patent needs its application, grant or publication number.")}
                )
            self.number = normalise_patent_number(self.number)
            try:
                validate_patent_number(self.number)
            except ValidationError as exc:
                raise ValidationError({"number": exc.messages}) from exc


class ContractForm(models.TextChoices):
    TRANSFER = "transfer", _("Transfer of rights")
    LICENCE = "licence", _("Licence")
    EQUITY = "equity", _("Equity investment")
    DEVELOPMENT = "development", _("Technology development")
    SERVICE = "service", _("Technical service")
    CONSULTING = "consulting", _("Technical consulting")


class TransferContract(models.Model):
    """A technology-transfer contract (技术合同), with or without a project."""

    title = models.CharField(_("title"), max_length=200)
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
        verbose_name=_("project"),
    )
    transferor = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("transferor")
    )
    transferee = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("transferee")
    )
    form = models.CharField(_("form"), max_length=12, choices=ContractForm.choices)
    value = models.DecimalField(
        _("contract value (10,000 yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    signed_on = models.DateField(_("signed on"))
    region = models.ForeignKey(
        "taxonomy.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
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
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("technology-transfer contract")
        verbose_name_plural = _("technology-transfer contracts")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="contract_value_not_negative"),
            models.CheckConstraint(condition=Q(form__in=ContractForm.values), name="contract_form_valid"),
            models.CheckConstraint(condition=~Q(transferor=F("transferee")), name="contract_two_sides"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.transferor_id and self.transferor_id == self.transferee_id:
            raise ValidationError(
                {"transferee": _("Transferor and transferee must be different organisations.")}
            )


def _upload_to(instance: Attachment, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"projects/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Attachment(models.Model):
    """An evidence file of a milestone or an attachment of an outcome. Stored under a random name
    through the default storage and served only by a permission-checked view."""

    milestone = models.ForeignKey(
        Milestone,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("milestone"),
    )
    outcome = models.ForeignKey(
        Outcome,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("outcome"),
    )
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(milestone__isnull=False) & Q(outcome__isnull=True))
                | (Q(milestone__isnull=True) & Q(outcome__isnull=False)),
                name="attachment_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def project(self) -> Project:
        return self.milestone.project if self.milestone_id else self.outcome.project
