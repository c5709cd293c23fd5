"""Stored matches, user feedback on them, batch runs with progress, and the index change log
that keeps every process's live index current."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Collection(models.TextChoices):
    DEMANDS = "demands", _("Demands")
    OFFERINGS = "offerings", _("Offerings")
    PEOPLE = "people", _("People")


class IndexChange(models.Model):
    """A record to (re)index or drop; every process applies new rows to its in-memory delta."""

    collection = models.CharField(max_length=10, choices=Collection.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["collection", "id"])]


class IndexState(models.Model):
    """Which saved index version is current for a collection and up to which change it is built."""

    collection = models.CharField(max_length=10, choices=Collection.choices, unique=True)
    version = models.CharField(max_length=40)
    last_change_id = models.BigIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(auto_now=True)


class MatchResult(models.Model):
    """A stored top match of a demand (computed by the batch job or on publication)."""

    demand = models.ForeignKey("market.Demand", on_delete=models.CASCADE, related_name="match_results")
    offering = models.ForeignKey("market.Offering", on_delete=models.CASCADE, related_name="match_results")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["demand", "rank"]
        constraints = [models.UniqueConstraint(fields=["demand", "offering"], name="matchresult_unique_pair")]


class Verdict(models.TextChoices):
    INTERESTED = "interested", _("Interested")
    CONTACTED = "contacted", _("Contacted")
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    NEGOTIATING = "negotiating", _("In negotiation")


class RejectReason(models.TextChoices):
    TOO_EARLY = "too_early", _("Too early a stage")
    BENEFIT_UNCLEAR = "benefit_unclear", _("Benefit unclear")
    PRICE = "price", _("Price")
    REGION = "region", _("Region")
    ALREADY_SOLVED = "already_solved", _("Already solved")
    DESCRIPTION_UNCLEAR = "description_unclear", _("Description unclear")
    OTHER = "other", _("Other")


class MatchFeedback(models.Model):
    demand = models.ForeignKey("market.Demand", on_delete=models.CASCADE, related_name="match_feedback")
    offering = models.ForeignKey("market.Offering", on_delete=models.CASCADE, related_name="match_feedback")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=RejectReason.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["demand", "offering", "user"], name="matchfeedback_one_per_user"),
            models.CheckConstraint(
                condition=~models.Q(verdict="not_relevant") | ~models.Q(reason=""),
                name="matchfeedback_reason_required",
            ),
        ]


class MatchRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    @property
    def percent(self) -> int:
        return (
            int(100 * self.done / self.total) if self.total else (100 if self.state == self.State.DONE else 0)
        )
