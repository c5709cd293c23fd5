"""/api/v1/meetings/: meetings, tasks and their supervision steps, the board, report ingestion."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from . import selectors, services
from .models import Meeting, Task

router = Router(tags=["meetings"])


class PartyOut(Schema):
    code: str
    name: str


class MeetingOut(Schema):
    id: int
    name: str
    kind: str
    date: dt.date
    place: str
    host_party: PartyOut | None = None
    parties: list[PartyOut]

    @staticmethod
    def resolve_parties(obj: Meeting) -> list[Any]:
        return list(obj.parties.all())


class AttendeeOut(Schema):
    person_id: int
    name: str
    title: str
    party: str | None


class MeetingDetailOut(MeetingOut):
    agenda: str
    minutes: str
    attendees: list[AttendeeOut]

    @staticmethod
    def resolve_attendees(obj: Meeting) -> list[dict[str, Any]]:
        return [
            {
                "person_id": a.person_id,
                "name": a.person.name,
                "title": a.title,
                "party": a.party.code if a.party else None,
            }
            for a in obj.attendances.all()
        ]


class TaskOut(Schema):
    id: int
    meeting_id: int
    parent_id: int | None
    title: str
    lead_party: PartyOut
    contributing_parties: list[PartyOut]
    owner_organisation_id: int | None
    responsible_person_id: int | None
    deadline: dt.date
    original_deadline: dt.date | None
    status: str
    progress: int
    light: str
    days_overdue: int

    @staticmethod
    def resolve_contributing_parties(obj: Task) -> list[Any]:
        return list(obj.contributing_parties.all())

    @staticmethod
    def resolve_progress(obj: Task) -> int:
        return int(getattr(obj, "rolled_progress", obj.progress))

    @staticmethod
    def resolve_days_overdue(obj: Task) -> int:
        return obj.days_overdue_on(selectors.today())


class StepOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str
    old_deadline: dt.date | None
    new_deadline: dt.date | None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.username if obj.actor else None


class UpdateOut(Schema):
    id: int
    date: dt.date
    percent: int
    text: str
    evidence: str


class TaskDetailOut(TaskOut):
    description: str
    steps: list[StepOut]
    updates: list[UpdateOut]

    @staticmethod
    def resolve_steps(obj: Task) -> list[Any]:
        return list(obj.steps.all())

    @staticmethod
    def resolve_updates(obj: Task) -> list[Any]:
        return list(obj.updates.all())

    @staticmethod
    def resolve_progress(obj: Task) -> int:
        return selectors.task_progress(obj)


class StepIn(Schema):
    action: str
    comment: str = ""
    new_deadline: dt.date | None = None
    reasons: str = ""


class ExtensionDecisionIn(Schema):
    approve: bool
    comment: str = ""


class ProgressIn(Schema):
    percent: int
    text: str
    evidence: str = ""
    date: dt.date | None = None


class BoardRowOut(Schema):
    key: Any
    label: str
    red: int
    yellow: int
    green: int
    reported: int
    done: int
    total: int
    max_overdue: int


class BoardOut(Schema):
    day: dt.date
    yellow_days: int
    by_party: list[BoardRowOut]
    by_meeting: list[BoardRowOut]
    totals: BoardRowOut
    tasks: list[TaskOut]


class ReportIn(Schema):
    text: str
    filename: str = "report.txt"
    year: int | None = None


class DraftOut(Schema):
    id: int
    status: str
    filename: str
    extracted: dict[str, Any]
    uncertain: list[Any]
    warnings: list[str]
    meeting_id: int | None


class ConfirmIn(Schema):
    meeting: dict[str, Any]
    parties: list[str] = []
    attendees: list[dict[str, Any]] = []
    commitments: list[dict[str, Any]] = []


class Message(Schema):
    detail: str


@router.get("/", response=list[MeetingOut], operation_id="meetings_list")
@paginate(PageNumberPagination)
def meetings_list(
    request: HttpRequest, q: str = "", party: str | None = None, year: int | None = None
) -> Any:
    return selectors.meeting_list(user=request.auth, q=q, party=party, year=year)


@router.get("/tasks/", response=list[TaskOut], operation_id="meetings_task_list")
@paginate(PageNumberPagination)
def task_list(
    request: HttpRequest,
    q: str = "",
    party: str | None = None,
    meeting: int | None = None,
    status: str | None = None,
    light: str | None = None,
) -> Any:
    return selectors.task_list(
        user=request.auth, q=q, party=party, meeting=meeting, status=status, light=light
    )


@router.get("/tasks/{task_id}/", response=TaskDetailOut, operation_id="meetings_task_get")
def task_get(request: HttpRequest, task_id: int) -> Any:
    return selectors.task_get(user=request.auth, pk=task_id)


@router.post("/tasks/{task_id}/steps/", response=TaskDetailOut, operation_id="meetings_task_step")
def task_step(request: HttpRequest, task_id: int, payload: StepIn) -> Any:
    """Take a step: acknowledge, report, return, close, urge, cancel — or request_extension
    (with ``new_deadline`` and ``reasons``)."""
    task = selectors.task_get(user=request.auth, pk=task_id)
    if payload.action == "request_extension":
        if payload.new_deadline is None:
            raise ValidationError({"new_deadline": _("Give the new deadline.")})
        services.extension_request(
            request.auth, task=task, new_deadline=payload.new_deadline, reasons=payload.reasons
        )
    else:
        services.task_step(request.auth, task=task, action=payload.action, comment=payload.comment)
    return selectors.task_get(user=request.auth, pk=task_id)


@router.post(
    "/extensions/{extension_id}/decision/", response=TaskDetailOut, operation_id="meetings_extension_decide"
)
def extension_decide(request: HttpRequest, extension_id: int, payload: ExtensionDecisionIn) -> Any:
    from sifang.core.errors import NotFound

    from .models import ExtensionRequest

    ext = ExtensionRequest.objects.filter(pk=extension_id).first()
    if ext is None:
        raise NotFound("extension")
    task = selectors.task_get(user=request.auth, pk=ext.task_id)
    services.extension_decide(request.auth, extension=ext, approve=payload.approve, comment=payload.comment)
    return selectors.task_get(user=request.auth, pk=task.pk)


@router.post("/tasks/{task_id}/progress/", response={201: UpdateOut}, operation_id="meetings_progress_add")
def progress_add(request: HttpRequest, task_id: int, payload: ProgressIn) -> Status:
    task = selectors.task_get(user=request.auth, pk=task_id)
    return Status(201, services.progress_add(request.auth, task=task, **payload.dict()))


@router.get("/board/", response=BoardOut, operation_id="meetings_board")
def board(request: HttpRequest, party: str | None = None, meeting: int | None = None) -> Any:
    return selectors.board_data(user=request.auth, party=party, meeting=meeting)


@router.post("/ingest/", response={201: DraftOut}, operation_id="meetings_ingest")
def ingest_json(request: HttpRequest, payload: ReportIn) -> Status:
    """Run the engine over a report given as text; returns the draft (nothing else is written)."""
    return Status(
        201,
        services.draft_create(
            request.auth, data=payload.text.encode("utf-8"), filename=payload.filename, year_hint=payload.year
        ),
    )


@router.post("/ingest/upload/", response={201: DraftOut}, operation_id="meetings_ingest_upload")
def ingest_upload(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008
    year: int | None = Form(None),  # noqa: B008
) -> Status:
    """Run the engine over an uploaded report file (multipart)."""
    if file.size and file.size > services._max_report_bytes():
        raise ValidationError({"file": _("The report is too large.")})
    return Status(
        201, services.draft_create(request.auth, data=file.read(), filename=file.name or "", year_hint=year)
    )


@router.get("/ingest/{draft_id}/", response=DraftOut, operation_id="meetings_draft_get")
def draft_get(request: HttpRequest, draft_id: int) -> Any:
    return selectors.draft_get(user=request.auth, pk=draft_id)


@router.post(
    "/ingest/{draft_id}/confirm/", response={201: MeetingDetailOut}, operation_id="meetings_draft_confirm"
)
def draft_confirm(request: HttpRequest, draft_id: int, payload: ConfirmIn) -> Status:
    draft = selectors.draft_get(user=request.auth, pk=draft_id)
    meeting = services.draft_confirm(request.auth, draft=draft, data=payload.dict())
    return Status(201, selectors.meeting_get(user=request.auth, pk=meeting.pk))


# last, so that the fixed paths above win over the id pattern
@router.get("/{meeting_id}/", response=MeetingDetailOut, operation_id="meetings_get")
def meeting_get(request: HttpRequest, meeting_id: int) -> Any:
    return selectors.meeting_get(user=request.auth, pk=meeting_id)
