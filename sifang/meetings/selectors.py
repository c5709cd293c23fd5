"""Reads of meetings, tasks, the supervision board and notifications, limited to what the actor
may see. Lights and days overdue are computed against a given day so that tests can fake the
clock."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone
from django.utils.translation import gettext_noop as _noop

from sifang.core.errors import NotFound
from sifang.core.search import search_q

from . import permissions as perms
from .models import (
    WORKING_STATUSES,
    ExtensionRequest,
    IngestDraft,
    Light,
    Meeting,
    Notification,
    ProgressUpdate,
    Task,
    TaskStatus,
)
from .services import yellow_days


def today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------- meetings


def meeting_list(
    *, user: Any, q: str = "", party: str | None = None, kind: str | None = None, year: int | None = None
) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.filter(perms.visible_meeting_q(user))
        .select_related("host_party")
        .prefetch_related("parties")
        .annotate(n_tasks=Count("tasks", distinct=True))
        .order_by("-date", "-id")
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(Q(parties__code=party) | Q(host_party__code=party)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    return qs


def meeting_get(*, user: Any, pk: int) -> Meeting:
    obj = (
        Meeting.objects.filter(perms.visible_meeting_q(user), pk=pk)
        .select_related("host_party", "created_by")
        .prefetch_related("parties", "attendances__person__organisation", "attendances__party", "documents")
        .first()
    )
    if obj is None:
        raise NotFound(Meeting._meta.verbose_name)
    return obj


def document_get(*, user: Any, meeting_pk: int, pk: int) -> Any:
    meeting = meeting_get(user=user, pk=meeting_pk)
    doc = meeting.documents.filter(pk=pk).first()
    if doc is None:
        raise NotFound(meeting._meta.verbose_name)
    return doc


# ------------------------------------------------------------------------------------- tasks


def _light_case(day: dt.date, yellow: int) -> Case:
    soon = day + dt.timedelta(days=yellow)
    return Case(
        When(~Q(status__in=WORKING_STATUSES), then=Value(Light.NONE)),
        When(deadline__lt=day, then=Value(Light.RED)),
        When(deadline__lte=soon, then=Value(Light.YELLOW)),
        default=Value(Light.GREEN),
    )


def _light_rank(day: dt.date, yellow: int) -> Case:
    soon = day + dt.timedelta(days=yellow)
    return Case(
        When(~Q(status__in=WORKING_STATUSES), then=Value(3)),
        When(deadline__lt=day, then=Value(0)),
        When(deadline__lte=soon, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def _child_avg() -> Subquery:
    return Subquery(
        Task.objects.filter(parent=OuterRef("pk"))
        .exclude(status=TaskStatus.CANCELLED)
        .values("parent")
        .annotate(a=Avg("progress"))
        .values("a")[:1]
    )


def task_queryset(*, user: Any, day: dt.date | None = None) -> QuerySet[Task]:
    """Visible tasks with ``light``, ``light_rank`` and ``rolled_progress`` (mean of the children's
    progress when a task has sub-tasks, else its own)."""
    day = day or today()
    yellow = yellow_days()
    return (
        Task.objects.filter(perms.visible_task_q(user))
        .select_related(
            "meeting",
            "lead_party",
            "lead_party__parent",
            "owner_organisation",
            "responsible_person",
            "field",
            "cluster",
            "parent",
        )
        .prefetch_related("contributing_parties")
        .annotate(
            light=_light_case(day, yellow),
            light_rank=_light_rank(day, yellow),
            rolled_progress=Coalesce(
                Cast(Round(_child_avg()), IntegerField()), "progress", output_field=IntegerField()
            ),
            n_children=Count("children", distinct=True),
        )
    )


def task_list(
    *,
    user: Any,
    day: dt.date | None = None,
    q: str = "",
    party: str | None = None,
    meeting: int | None = None,
    status: str | None = None,
    light: str | None = None,
    top_level: bool = False,
) -> QuerySet[Task]:
    """Tasks, overdue first (most overdue at the top), then due soon, on track, then finished."""
    qs = task_queryset(user=user, day=day)
    if q.strip():
        qs = qs.filter(search_q(q))
    if party:
        qs = qs.filter(
            Q(lead_party__code=party)
            | Q(lead_party__parent__code=party)
            | Q(contributing_parties__code=party)
        ).distinct()
    if meeting:
        qs = qs.filter(meeting_id=meeting)
    if status:
        qs = qs.filter(status=status)
    if light:
        qs = qs.filter(light=light)  # type: ignore[misc]
    if top_level:
        qs = qs.filter(parent__isnull=True)
    return qs.order_by("light_rank", "deadline", "id")  # type: ignore[misc]


def task_get(*, user: Any, pk: int, day: dt.date | None = None) -> Task:
    obj = (
        task_queryset(user=user, day=day)
        .prefetch_related(
            "steps__actor",
            Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
            Prefetch(
                "extensions", queryset=ExtensionRequest.objects.select_related("requested_by", "decided_by")
            ),
            "children__lead_party",
        )
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound(Task._meta.verbose_name)
    return obj


def task_progress(task: Task) -> int:
    """Progress rolled up through every level of sub-tasks: the mean of the children (cancelled
    ones left out), recursively; a task without sub-tasks counts its own progress."""
    children: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    ids = [task.pk]
    frontier = [task.pk]
    while frontier:
        rows = list(
            Task.objects.filter(parent_id__in=frontier)
            .exclude(status=TaskStatus.CANCELLED)
            .values_list("id", "parent_id", "progress")
        )
        frontier = []
        for pk, parent_id, progress in rows:
            children[parent_id].append((pk, progress))
            frontier.append(pk)
            ids.append(pk)

    def roll(pk: int, own: int) -> float:
        kids = children.get(pk)
        if not kids:
            return float(own)
        return sum(roll(k, p) for k, p in kids) / len(kids)

    return round(roll(task.pk, task.progress))


def days_overdue(task: Task, day: dt.date | None = None) -> int:
    return task.days_overdue_on(day or today())


def pending_extension(task: Task) -> ExtensionRequest | None:
    return next((e for e in task.extensions.all() if e.status == ExtensionRequest.Status.PENDING), None)


# ------------------------------------------------------------------------------------- board


@dataclass
class BoardRow:
    key: Any
    label: str
    red: int = 0
    yellow: int = 0
    green: int = 0
    done: int = 0
    reported: int = 0
    total: int = 0
    max_overdue: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Board:
    day: dt.date
    yellow_days: int
    by_party: list[BoardRow]
    by_meeting: list[BoardRow]
    tasks: list[Task]
    totals: BoardRow


def board_data(
    *,
    user: Any,
    day: dt.date | None = None,
    party: str | None = None,
    meeting: int | None = None,
    q: str = "",
) -> Board:
    """Counts of red / yellow / green tasks by lead party (the party the lead unit belongs to) and
    by meeting, and the task list overdue first."""
    day = day or today()
    tasks = list(task_list(user=user, day=day, party=party, meeting=meeting, q=q))
    parties: dict[Any, BoardRow] = {}
    meetings: dict[Any, BoardRow] = {}
    totals = BoardRow(key=None, label="")
    for t in tasks:
        t.days_overdue = t.days_overdue_on(day)
        top = t.lead_party.parent or t.lead_party
        prow = parties.setdefault(top.pk, BoardRow(key=top.code, label=str(top), extra={"order": top.order}))
        mrow = meetings.setdefault(
            t.meeting_id, BoardRow(key=t.meeting_id, label=t.meeting.name, extra={"date": t.meeting.date})
        )
        for row in (prow, mrow, totals):
            row.total += 1
            if t.light in (Light.RED, Light.YELLOW, Light.GREEN):  # type: ignore[attr-defined]
                setattr(row, t.light, getattr(row, t.light) + 1)  # type: ignore[attr-defined]
            elif t.status == TaskStatus.COMPLETION_REPORTED:
                row.reported += 1
            else:
                row.done += 1
            row.max_overdue = max(row.max_overdue, t.days_overdue)
    by_party = sorted(parties.values(), key=lambda r: (-r.red, -r.yellow, r.extra["order"]))
    by_meeting = sorted(meetings.values(), key=lambda r: (-r.red, -r.yellow, r.extra["date"]), reverse=False)
    return Board(
        day=day,
        yellow_days=yellow_days(),
        by_party=by_party,
        by_meeting=by_meeting,
        tasks=tasks,
        totals=totals,
    )


LEDGER_COLUMNS = [
    ("meeting", _noop("Meeting")),
    ("meeting_date", _noop("Meeting date")),
    ("task_id", _noop("No.")),
    ("parent_id", _noop("Parent task")),
    ("title", _noop("Task")),
    ("lead_party", _noop("Lead party")),
    ("contributing", _noop("Contributing parties")),
    ("owner", _noop("Owner organisation")),
    ("responsible", _noop("Responsible person")),
    ("field", _noop("Field or cluster")),
    ("deadline", _noop("Deadline")),
    ("original_deadline", _noop("Original deadline")),
    ("status", _noop("Status")),
    ("progress", _noop("Progress (%)")),
    ("light", _noop("Light")),
    ("days_overdue", _noop("Days overdue")),
    ("last_update", _noop("Latest progress")),
]


def ledger_rows(*, user: Any, day: dt.date | None = None, **filters: Any) -> list[dict[str, Any]]:
    """台账: one row per visible task for the next meeting, overdue first."""
    day = day or today()
    latest = ProgressUpdate.objects.filter(task=OuterRef("pk")).order_by("-date", "-id")
    qs = task_list(user=user, day=day, **filters).annotate(
        last_text=Subquery(latest.values("text")[:1]), last_date=Subquery(latest.values("date")[:1])
    )
    out = []
    for t in qs:
        out.append(
            {
                "meeting": t.meeting.name,
                "meeting_date": t.meeting.date,
                "task_id": t.pk,
                "parent_id": t.parent_id or "",
                "title": t.title,
                "lead_party": str(t.lead_party),
                "contributing": "、".join(str(p) for p in t.contributing_parties.all()),
                "owner": str(t.owner_organisation or ""),
                "responsible": str(t.responsible_person or ""),
                "field": str(t.field or t.cluster or ""),
                "deadline": t.deadline,
                "original_deadline": t.original_deadline or "",
                "status": str(t.get_status_display()),
                "progress": t.rolled_progress,  # type: ignore[attr-defined]
                "light": str(Light(t.light).label),  # type: ignore[attr-defined]
                "days_overdue": t.days_overdue_on(day),
                "last_update": f"{t.last_date:%Y-%m-%d} {t.last_text}" if t.last_date else "",
            }
        )
    return out


# ---------------------------------------------------------------------- notifications, drafts


def notification_list(*, user: Any, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user_id=getattr(user, "pk", None)).select_related("task")  # type: ignore[misc]
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notification_unread_count(*, user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def draft_list(*, user: Any) -> QuerySet[IngestDraft]:
    return IngestDraft.objects.filter(perms.visible_draft_q(user)).select_related("created_by", "meeting")


def draft_get(*, user: Any, pk: int) -> IngestDraft:
    obj = draft_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(IngestDraft._meta.verbose_name)
    return obj
