"""Joint meetings (推进会, 联席会议, 专题会), the tasks they assign and their supervision (督办),
notifications and reminders, and drafts of meeting reports awaiting review."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Meeting(models.Model):
    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress meeting (推进会)")
        JOINT = "joint", _("Joint meeting (联席会议)")
        TOPIC = "topic", _("Topic meeting (专题会)")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROGRESS)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    host_party = models.ForeignKey(
        "taxonomy.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
        verbose_name=_("hosting party"),
    )
    parties = models.ManyToManyField(
        "taxonomy.Party", blank=True, related_name="meetings", verbose_name=_("parties present")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
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
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["progress", "joint", "topic"]), name="meeting_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%Y-%m-%d})"


class Attendance(models.Model):
    """A person at a meeting, with the title they held there and the party they spoke for."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
        verbose_name=_("person"),
    )
    title = models.CharField(_("title at the meeting"), max_length=200, blank=True)
    party = models.ForeignKey(
        "taxonomy.Party",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("party"),
    )
    is_speaker = models.BooleanField(_("spoke"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}"


def _document_path(instance: MeetingDocument, filename: str) -> str:
    return f"meetings/{instance.meeting_id or 'new'}/{filename}"


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.name


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned (交办)")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged (签收)")
    IN_PROGRESS = "in_progress", _("In progress (推进中)")
    COMPLETION_REPORTED = "completion_reported", _("Completion reported (办结报告)")
    CLOSED = "closed", _("Closed (销号)")
    CANCELLED = "cancelled", _("Cancelled (已取消)")


#: Statuses in which the owner still has work to do: the deadline counts, lights and reminders apply.
WORKING_STATUSES = (TaskStatus.ASSIGNED, TaskStatus.ACKNOWLEDGED, TaskStatus.IN_PROGRESS)
#: Statuses not yet closed or cancelled.
OPEN_STATUSES = (*WORKING_STATUSES, TaskStatus.COMPLETION_REPORTED)


class Light(models.TextChoices):
    GREEN = "green", _("On track")
    YELLOW = "yellow", _("Due soon")
    RED = "red", _("Overdue")
    NONE = "none", _("No light")


class Task(models.Model):
    """A resolution or task of a meeting (合作备忘录 item), possibly split into sub-tasks."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("meeting")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent task"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_party = models.ForeignKey(
        "taxonomy.Party", on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("lead party")
    )
    contributing_parties = models.ManyToManyField(
        "taxonomy.Party", blank=True, related_name="contributed_tasks", verbose_name=_("contributing parties")
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_tasks",
        verbose_name=_("owner organisation"),
    )
    responsible_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_tasks",
        verbose_name=_("responsible person"),
    )
    field = models.ForeignKey(
        "taxonomy.Field",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("field"),
    )
    cluster = models.ForeignKey(
        "taxonomy.Cluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cluster"),
    )
    deadline = models.DateField(_("deadline"))
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.ASSIGNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
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
    history = HistoricalRecords(excluded_fields=["search_tokens"])

    # Set by meetings.selectors.board_data (not a column); declared so that its readers are type-checked.
    days_overdue: int

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="task_status_valid"),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="task_progress_range"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="task_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.meeting_id != self.meeting_id:
            raise ValidationError({"parent": _("A sub-task belongs to the meeting of its parent task.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def light_on(self, today: dt.date, yellow_days: int) -> str:
        if self.status not in WORKING_STATUSES:
            return Light.NONE
        if self.deadline < today:
            return Light.RED
        if (self.deadline - today).days <= yellow_days:
            return Light.YELLOW
        return Light.GREEN

    def days_overdue_on(self, today: dt.date) -> int:
        if self.status not in WORKING_STATUSES or self.deadline >= today:
            return 0
        return (today - self.deadline).days


class StepAction(models.TextChoices):
    ASSIGN = "assign", _("Assign (交办)")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge (签收)")
    UPDATE = "update", _("Progress update")
    REPORT = "report", _("Report completion (办结报告)")
    RETURN = "return", _("Return the report")
    CLOSE = "close", _("Close (销号)")
    REQUEST_EXTENSION = "request_extension", _("Request an extension (延期申请)")
    APPROVE_EXTENSION = "approve_extension", _("Approve the extension")
    REFUSE_EXTENSION = "refuse_extension", _("Refuse the extension")
    URGE = "urge", _("Urge (催办)")
    CANCEL = "cancel", _("Cancel")
    SPLIT = "split", _("Split into a sub-task")


class TaskStep(models.Model):
    """One step of the supervision chain, timestamped with who took it."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="steps", verbose_name=_("task"))
    action = models.CharField(_("action"), max_length=20, choices=StepAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=TaskStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=TaskStatus.choices, blank=True)
    actor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)
    old_deadline = models.DateField(_("old deadline"), null=True, blank=True)
    new_deadline = models.DateField(_("new deadline"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("task step")
        verbose_name_plural = _("task steps")
        constraints = [
            models.CheckConstraint(condition=Q(action__in=StepAction.values), name="taskstep_action_valid")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.action} {self.at:%Y-%m-%d}"


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("task")
    )
    current_deadline = models.DateField(_("deadline at request"))
    requested_deadline = models.DateField(_("requested deadline"))
    reasons = models.TextField(_("reasons"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        "accounts.User",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"))
    decided_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("decision comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(
                fields=["task"], condition=Q(status="pending"), name="extension_one_pending"
            ),
            models.CheckConstraint(
                condition=Q(requested_deadline__gt=models.F("current_deadline")), name="extension_moves_later"
            ),
        ]


def _evidence_path(instance: ProgressUpdate, filename: str) -> str:
    return f"tasks/{instance.task_id}/{filename}"


class ProgressUpdate(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates", verbose_name=_("task"))
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    text = models.TextField(_("what was done"))
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Documents, links or figures that show it.")
    )
    evidence_file = models.FileField(_("evidence file"), upload_to=_evidence_path, max_length=300, blank=True)
    author = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="update_percent_range")
        ]


class Notification(models.Model):
    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="meeting_notifications",
        verbose_name=_("user"),
    )
    task = models.ForeignKey(
        Task,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("task"),
    )
    kind = models.CharField(_("kind"), max_length=20)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]


class ReminderLog(models.Model):
    """One reminder event, so that it is never sent twice; a new deadline is a new event."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Deadline approaching")
        OVERDUE = "overdue", _("Deadline missed")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("task"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    deadline = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "deadline"], name="reminder_once_per_event")
        ]


class IngestDraft(models.Model):
    """A meeting report run through the ingestion engine, waiting for a reviewer to confirm it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        CONFIRMED = "confirmed", _("Confirmed")
        EMPTY = "empty", _("Nothing to extract")

    filename = models.CharField(_("file name"), max_length=255, blank=True)
    original_text = models.TextField(_("original text"), blank=True)
    normalised_text = models.TextField(_("normalised text"), blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    extracted = models.JSONField(_("extracted data"), default=dict, blank=True)
    uncertain = models.JSONField(_("uncertain spots"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
        verbose_name=_("meeting"),
    )
    created_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report draft")
        verbose_name_plural = _("report drafts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(meeting__isnull=False),
                name="draft_confirmed_has_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.filename or f"#{self.pk}"
