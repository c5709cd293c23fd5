"""Changes to meetings, tasks and their supervision; reminders; confirming report drafts.

Every function takes the acting user first (keyword-only after it), checks permission,
validates with ``full_clean``, runs in one transaction and logs each supervision step in
``TaskStep`` with its time and actor. Mail goes out only after commit."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.accounts.models import Role, User
from sifang.core.text import search_document
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Cluster, Field, Party

from . import permissions as perms
from .models import (
    OPEN_STATUSES,
    WORKING_STATUSES,
    Attendance,
    ExtensionRequest,
    IngestDraft,
    Meeting,
    MeetingDocument,
    Notification,
    ProgressUpdate,
    ReminderLog,
    StepAction,
    Task,
    TaskStatus,
    TaskStep,
)

log = logging.getLogger(__name__)

DOCUMENT_EXTENSIONS = {
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".txt",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
}
EVIDENCE_EXTENSIONS = DOCUMENT_EXTENSIONS
REPORT_EXTENSIONS = {".txt", ".html", ".htm"}


def _max_document_bytes() -> int:
    return int(getattr(settings, "MEETING_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))


def _max_report_bytes() -> int:
    return int(getattr(settings, "MEETING_REPORT_MAX_BYTES", 2 * 1024 * 1024))


def yellow_days() -> int:
    return int(getattr(settings, "SUPERVISION_YELLOW_DAYS", 7))


def reminder_days() -> int:
    return int(getattr(settings, "SUPERVISION_REMINDER_DAYS", 7))


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def check_upload(file: UploadedFile, *, allowed: set[str], max_bytes: int, field: str = "file") -> None:
    ext = PurePath(file.name or "").suffix.lower()
    if ext not in allowed:
        raise ValidationError(
            {
                field: _("Files of type “%(ext)s” are not accepted; use one of: %(allowed)s.")
                % {"ext": ext or "?", "allowed": ", ".join(sorted(allowed))}
            }
        )
    if file.size is not None and file.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file is too large (%(size)d KB); the limit is %(limit)d KB.")
                % {"size": file.size // 1024, "limit": max_bytes // 1024}
            }
        )
    if not file.size:
        raise ValidationError({field: _("The file is empty.")})


# --------------------------------------------------------------------------------------- parties


def party_resolve(value: Any) -> Party | None:
    """A party from an object, id, code, full name or short name; top-level parties win when a
    unit shares their name."""
    if value in (None, ""):
        return None
    if isinstance(value, Party):
        return value
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return Party.objects.filter(pk=int(value)).first()
    text = str(value).strip()
    qs = Party.objects.filter(Q(code=text) | Q(name=text) | Q(short_name=text) | Q(name_en__iexact=text))
    return qs.order_by(F("parent_id").asc(nulls_first=True), "order", "id").first() if qs.exists() else None


def _parties(values: Iterable[Any] | None, field: str) -> list[Party]:
    out: list[Party] = []
    for v in values or []:
        p = party_resolve(v)
        if p is None:
            raise ValidationError({field: _("Unknown party: %(p)s") % {"p": v}})
        if p not in out:
            out.append(p)
    return out


# --------------------------------------------------------------------------------------- meetings

MEETING_FIELDS = {"name", "kind", "date", "place", "host_party", "agenda", "minutes"}


def _index_meeting(m: Meeting) -> None:
    m.search_tokens = search_document(m.name, m.place, m.agenda, m.minutes)


@transaction.atomic
def meeting_create(actor: Any, *, parties: Iterable[Any] | None = None, **data: Any) -> Meeting:
    if not perms.can_create_meeting(actor):
        raise PermissionDenied(_("Only the liaison office and party officers may record meetings."))
    unknown = set(data) - MEETING_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    meeting = Meeting(created_by=actor if getattr(actor, "pk", None) else None, **data)
    _index_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    meeting.parties.set(_parties(parties, "parties"))
    return meeting


@transaction.atomic
def meeting_update(
    actor: Any, *, meeting: Meeting, parties: Iterable[Any] | None = None, **data: Any
) -> Meeting:
    if not perms.can_change_meeting(actor, meeting):
        raise PermissionDenied(_("You may not change this meeting."))
    unknown = set(data) - MEETING_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(meeting, key, value)
    _index_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    if parties is not None:
        meeting.parties.set(_parties(parties, "parties"))
    return meeting


@transaction.atomic
def attendance_add(
    actor: Any,
    *,
    meeting: Meeting,
    person: Person,
    title: str = "",
    party: Party | None = None,
    is_speaker: bool = False,
) -> Attendance:
    if not perms.can_change_meeting(actor, meeting):
        raise PermissionDenied(_("You may not change this meeting."))
    if meeting.attendances.filter(person=person).exists():
        raise ValidationError(
            {"person": _("%(name)s is already listed for this meeting.") % {"name": person.name}}
        )
    att = Attendance(
        meeting=meeting,
        person=person,
        title=title or person.title,
        party=party or person.organisation.party,
        is_speaker=is_speaker,
    )
    att.full_clean()
    att.save()
    return att


@transaction.atomic
def document_upload(actor: Any, *, meeting: Meeting, file: UploadedFile, name: str = "") -> MeetingDocument:
    if not perms.can_upload_document(actor, meeting):
        raise PermissionDenied(_("You may not add documents to this meeting."))
    check_upload(file, allowed=DOCUMENT_EXTENSIONS, max_bytes=_max_document_bytes())
    filename = PurePath(file.name or "document").name
    doc = MeetingDocument(
        meeting=meeting,
        name=(name or filename)[:200],
        content_type=(getattr(file, "content_type", "") or "")[:100],
        size=file.size or 0,
        uploaded_by=actor,
    )
    doc.file.save(filename, file, save=False)
    doc.full_clean()
    doc.save()
    return doc


# ------------------------------------------------------------------------------------------ tasks

TASK_FIELDS = {"title", "description", "owner_organisation", "responsible_person", "field", "cluster"}


def _index_task(t: Task) -> None:
    t.search_tokens = search_document(
        t.title, t.description, t.owner_organisation.name if t.owner_organisation else ""
    )


def _step(
    task: Task,
    *,
    action: str,
    actor: Any,
    at: dt.datetime,
    from_status: str = "",
    to_status: str = "",
    comment: str = "",
    old_deadline: dt.date | None = None,
    new_deadline: dt.date | None = None,
) -> TaskStep:
    return TaskStep.objects.create(
        task=task,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        old_deadline=old_deadline,
        new_deadline=new_deadline,
    )


def _lock(task: Task) -> Task:
    return (
        Task.objects.select_for_update(of=("self",))
        .select_related("lead_party", "owner_organisation")
        .get(pk=task.pk)
    )


def _sync(obj: Task, locked: Task) -> Task:
    for f in ("status", "deadline", "original_deadline", "progress", "updated_at"):
        setattr(obj, f, getattr(locked, f))
    return locked


@transaction.atomic
def task_create(
    actor: Any,
    *,
    meeting: Meeting,
    title: str,
    lead_party: Party,
    deadline: dt.date,
    contributing_parties: Iterable[Any] | None = None,
    parent: Task | None = None,
    now: dt.datetime | None = None,
    comment: str = "",
    **data: Any,
) -> Task:
    """Create a task of a meeting (交办). The office assigns tasks; the owner side of a task may
    split it into sub-tasks (see ``task_split``)."""
    if parent is None and not perms.can_create_task(actor):
        raise PermissionDenied(_("Only the liaison office assigns tasks."))
    if parent is not None and not perms.can_split_task(actor, parent):
        raise PermissionDenied(_("You may not split this task."))
    unknown = set(data) - TASK_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    at = _now(now)
    task = Task(
        meeting=meeting,
        parent=parent,
        title=title,
        lead_party=lead_party,
        deadline=deadline,
        created_by=actor if getattr(actor, "pk", None) else None,
        **data,
    )
    if parent is not None and not parent.is_open:
        raise ValidationError({"parent": _("A closed or cancelled task cannot be split.")})
    if parent is not None and deadline > parent.deadline:
        raise ValidationError(
            {
                "deadline": _("A sub-task cannot be due after its parent task (%(d)s).")
                % {"d": parent.deadline}
            }
        )
    _index_task(task)
    task.full_clean()
    task.save()
    contrib = [p for p in _parties(contributing_parties, "contributing_parties") if p.pk != lead_party.pk]
    task.contributing_parties.set(contrib)
    _step(
        task,
        action=StepAction.SPLIT if parent else StepAction.ASSIGN,
        actor=actor,
        at=at,
        to_status=TaskStatus.ASSIGNED,
        comment=comment,
        new_deadline=deadline,
    )
    if parent is not None:
        _step(
            parent, action=StepAction.SPLIT, actor=actor, at=at, comment=_("Sub-task: %(t)s") % {"t": title}
        )
    return task


def task_split(actor: Any, *, parent: Task, title: str, deadline: dt.date, **data: Any) -> Task:
    data.setdefault("lead_party", parent.lead_party)
    data.setdefault("owner_organisation", parent.owner_organisation)
    return task_create(actor, meeting=parent.meeting, parent=parent, title=title, deadline=deadline, **data)


@transaction.atomic
def task_update(
    actor: Any, *, task: Task, contributing_parties: Iterable[Any] | None = None, **data: Any
) -> Task:
    """Edit the description of a task (not its status or deadline: those move by steps)."""
    if not perms.can_supervise_task(actor, task):
        raise PermissionDenied(_("Only the liaison office edits tasks."))
    unknown = set(data) - TASK_FIELDS - {"lead_party"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(task, key, value)
    _index_task(task)
    task.full_clean()
    task.save()
    if contributing_parties is not None:
        task.contributing_parties.set(
            [p for p in _parties(contributing_parties, "contributing_parties") if p.pk != task.lead_party_id]
        )
    return task


def _bad_state(task: Task, action: str) -> ValidationError:
    return ValidationError(
        {
            "status": _("A task that is “%(s)s” cannot take the step “%(a)s”.")
            % {"s": TaskStatus(task.status).label, "a": StepAction(action).label}
        }
    )


def _move(
    task: Task,
    actor: Any,
    *,
    action: str,
    allowed_from: Iterable[str],
    to: str,
    may: bool,
    denied: str,
    comment: str = "",
    now: dt.datetime | None = None,
    comment_required: bool = False,
) -> Task:
    locked = _lock(task)
    if not may:
        raise PermissionDenied(denied)
    if locked.status not in allowed_from:
        raise _bad_state(locked, action)
    if comment_required and not comment.strip():
        raise ValidationError({"comment": _("Give a reason.")})
    old = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    _step(locked, action=action, actor=actor, at=_now(now), from_status=old, to_status=to, comment=comment)
    return _sync(task, locked)


@transaction.atomic
def task_acknowledge(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> Task:
    return _move(
        task,
        actor,
        action=StepAction.ACKNOWLEDGE,
        allowed_from=[TaskStatus.ASSIGNED],
        to=TaskStatus.ACKNOWLEDGED,
        may=perms.can_acknowledge_task(actor, task),
        denied=_("Only the lead party's officers or the owner organisation acknowledge a task."),
        comment=comment,
        now=now,
    )


@transaction.atomic
def task_report(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> Task:
    if task.children.filter(status__in=WORKING_STATUSES).exists():
        raise ValidationError({"status": _("Some sub-tasks are still being worked on.")})
    return _move(
        task,
        actor,
        action=StepAction.REPORT,
        allowed_from=[TaskStatus.ACKNOWLEDGED, TaskStatus.IN_PROGRESS],
        to=TaskStatus.COMPLETION_REPORTED,
        may=perms.can_report_task(actor, task),
        denied=_("Only the lead party's officers or the owner organisation report completion."),
        comment=comment,
        now=now,
        comment_required=True,
    )


@transaction.atomic
def task_return(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> Task:
    return _move(
        task,
        actor,
        action=StepAction.RETURN,
        allowed_from=[TaskStatus.COMPLETION_REPORTED],
        to=TaskStatus.IN_PROGRESS,
        may=perms.can_supervise_task(actor, task),
        denied=_("Only the liaison office returns a completion report."),
        comment=comment,
        now=now,
        comment_required=True,
    )


@transaction.atomic
def task_close(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> Task:
    if task.children.filter(status__in=OPEN_STATUSES).exists():
        raise ValidationError({"status": _("Close or cancel its sub-tasks first.")})
    return _move(
        task,
        actor,
        action=StepAction.CLOSE,
        allowed_from=[TaskStatus.COMPLETION_REPORTED],
        to=TaskStatus.CLOSED,
        may=perms.can_supervise_task(actor, task),
        denied=_("Only the liaison office closes a task."),
        comment=comment,
        now=now,
    )


@transaction.atomic
def task_cancel(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> Task:
    t = _move(
        task,
        actor,
        action=StepAction.CANCEL,
        allowed_from=OPEN_STATUSES,
        to=TaskStatus.CANCELLED,
        may=perms.can_supervise_task(actor, task),
        denied=_("Only the liaison office cancels a task."),
        comment=comment,
        now=now,
        comment_required=True,
    )
    ExtensionRequest.objects.filter(task=t, status=ExtensionRequest.Status.PENDING).update(
        status=ExtensionRequest.Status.REFUSED,
        decided_by=actor,
        decided_at=_now(now),
        decision_comment=_("The task was cancelled."),
    )
    return t


@transaction.atomic
def progress_add(
    actor: Any,
    *,
    task: Task,
    percent: int,
    text: str,
    evidence: str = "",
    evidence_file: UploadedFile | None = None,
    date: dt.date | None = None,
    now: dt.datetime | None = None,
) -> ProgressUpdate:
    """A dated progress update with evidence; the first one moves an acknowledged task to 推进中."""
    locked = _lock(task)
    if not perms.can_update_task(actor, locked):
        raise PermissionDenied(_("Only the parties responsible for this task post progress."))
    if locked.status not in (TaskStatus.ACKNOWLEDGED, TaskStatus.IN_PROGRESS):
        if locked.status == TaskStatus.ASSIGNED:
            raise ValidationError({"status": _("The task must be acknowledged before progress is reported.")})
        raise _bad_state(locked, StepAction.UPDATE)
    at = _now(now)
    upd = ProgressUpdate(
        task=locked, date=date or _today(at), percent=percent, text=text, evidence=evidence, author=actor
    )
    if evidence_file is not None:
        check_upload(
            evidence_file, allowed=EVIDENCE_EXTENSIONS, max_bytes=_max_document_bytes(), field="evidence_file"
        )
        upd.evidence_file.save(PurePath(evidence_file.name or "evidence").name, evidence_file, save=False)
    upd.full_clean()
    upd.save()
    old = locked.status
    locked.status = TaskStatus.IN_PROGRESS
    locked.progress = percent
    locked.save(update_fields=["status", "progress", "updated_at"])
    _step(
        locked,
        action=StepAction.UPDATE,
        actor=actor,
        at=at,
        from_status=old,
        to_status=locked.status,
        comment=f"{percent}% · {text[:200]}",
    )
    _sync(task, locked)
    return upd


@transaction.atomic
def extension_request(
    actor: Any, *, task: Task, new_deadline: dt.date, reasons: str, now: dt.datetime | None = None
) -> ExtensionRequest:
    """延期申请: only before the deadline has passed, with reasons, for a later date."""
    locked = _lock(task)
    at = _now(now)
    if not perms.can_request_extension(actor, locked):
        raise PermissionDenied(
            _("Only the lead party's officers or the owner organisation may ask for more time.")
        )
    if locked.status not in WORKING_STATUSES:
        raise _bad_state(locked, StepAction.REQUEST_EXTENSION)
    if _today(at) > locked.deadline:
        raise ValidationError(
            {
                "new_deadline": _(
                    "An extension must be requested before the deadline (%(d)s); the task is overdue."
                )
                % {"d": locked.deadline}
            }
        )
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the extension.")})
    if new_deadline <= locked.deadline:
        raise ValidationError(
            {"new_deadline": _("The new deadline must be later than %(d)s.") % {"d": locked.deadline}}
        )
    if locked.extensions.filter(status=ExtensionRequest.Status.PENDING).exists():
        raise ValidationError(
            {"new_deadline": _("An extension request for this task is already waiting for a decision.")}
        )
    ext = ExtensionRequest(
        task=locked,
        current_deadline=locked.deadline,
        requested_deadline=new_deadline,
        reasons=reasons,
        requested_by=actor,
        requested_at=at,
    )
    ext.full_clean()
    ext.save()
    _step(
        locked,
        action=StepAction.REQUEST_EXTENSION,
        actor=actor,
        at=at,
        comment=reasons,
        old_deadline=locked.deadline,
        new_deadline=new_deadline,
    )
    return ext


@transaction.atomic
def extension_decide(
    actor: Any,
    *,
    extension: ExtensionRequest,
    approve: bool,
    comment: str = "",
    now: dt.datetime | None = None,
) -> ExtensionRequest:
    ext = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    task = _lock(ext.task)
    if not perms.can_supervise_task(actor, task):
        raise PermissionDenied(_("Only the liaison office decides on extensions."))
    if ext.status != ExtensionRequest.Status.PENDING:
        raise ValidationError({"status": _("This extension request has already been decided.")})
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Give a reason.")})
    at = _now(now)
    ext.status = ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REFUSED
    ext.decided_by, ext.decided_at, ext.decision_comment = actor, at, comment
    ext.save()
    old_deadline = task.deadline
    if approve:
        if task.original_deadline is None:
            task.original_deadline = task.deadline
        task.deadline = ext.requested_deadline
        task.save(update_fields=["deadline", "original_deadline", "updated_at"])
    _step(
        task,
        action=StepAction.APPROVE_EXTENSION if approve else StepAction.REFUSE_EXTENSION,
        actor=actor,
        at=at,
        comment=comment,
        old_deadline=old_deadline,
        new_deadline=task.deadline,
    )
    extension.status = ext.status
    return ext


@transaction.atomic
def task_urge(actor: Any, *, task: Task, comment: str = "", now: dt.datetime | None = None) -> TaskStep:
    """催办: the office presses the owner side of an overdue task; they are notified."""
    locked = _lock(task)
    at = _now(now)
    if not perms.can_supervise_task(actor, locked):
        raise PermissionDenied(_("Only the liaison office urges tasks."))
    if locked.status not in WORKING_STATUSES:
        raise _bad_state(locked, StepAction.URGE)
    if _today(at) <= locked.deadline:
        raise ValidationError(
            {"status": _("Only an overdue task can be urged (deadline %(d)s).") % {"d": locked.deadline}}
        )
    step = _step(locked, action=StepAction.URGE, actor=actor, at=at, comment=comment)
    days = (_today(at) - locked.deadline).days
    message = _("Urged by the liaison office: “%(t)s” is %(n)d days overdue (deadline %(d)s). %(c)s") % {
        "t": locked.title,
        "n": days,
        "d": locked.deadline,
        "c": comment,
    }
    _notify(
        task_recipients(locked),
        task=locked,
        kind="urge",
        message=message.strip(),
        at=at,
        mail_after_commit=True,
    )
    return step


STEP_SERVICES = {
    StepAction.ACKNOWLEDGE: task_acknowledge,
    StepAction.REPORT: task_report,
    StepAction.RETURN: task_return,
    StepAction.CLOSE: task_close,
    StepAction.CANCEL: task_cancel,
    StepAction.URGE: task_urge,
}


def task_step(
    actor: Any, *, task: Task, action: str, comment: str = "", now: dt.datetime | None = None
) -> Task:
    """Take a status step named ``action`` (the API and the task page use this one entry)."""
    service = STEP_SERVICES.get(action)  # type: ignore[call-overload]
    if service is None:
        raise ValidationError({"action": _("Unknown step: %(a)s") % {"a": action}})
    service(actor, task=task, comment=comment, now=now)
    task.refresh_from_db()
    return task


# -------------------------------------------------------------------------- notifications, mail


def task_recipients(task: Task) -> list[User]:
    """The owner side: active officers of the lead party (or of the party it belongs to) and
    members of the owner organisation."""
    parties = {task.lead_party_id}
    if task.lead_party.parent_id:
        parties.add(task.lead_party.parent_id)
    q = Q(role=Role.OFFICER, party_id__in=parties)
    if task.owner_organisation_id:
        q |= Q(role=Role.MEMBER, organisation_id=task.owner_organisation_id)
    return list(User.objects.filter(q, is_active=True).order_by("id"))


def office_users() -> list[User]:
    return list(User.objects.filter(Q(role=Role.ADMIN) | Q(is_superuser=True), is_active=True).order_by("id"))


def _send_mails(recipients: list[tuple[str, str]], subject: str) -> None:
    for address, body in recipients:
        try:
            send_mail(subject, body, None, [address], fail_silently=False)
        except Exception:  # noqa: BLE001 - a mail server problem must not break the job
            log.exception("could not send reminder to %s", address)


def _notify(
    users: Iterable[User],
    *,
    task: Task | None,
    kind: str,
    message: str,
    at: dt.datetime,
    mail_after_commit: bool,
) -> list[tuple[str, str]]:
    seen: set[int] = set()
    mails: list[tuple[str, str]] = []
    rows = []
    for u in users:
        if u.pk in seen:
            continue
        seen.add(u.pk)
        rows.append(Notification(user=u, task=task, kind=kind, message=message, created_at=at))
        if u.email:
            mails.append((u.email, message))
    Notification.objects.bulk_create(rows)
    if mail_after_commit and mails:
        subject = _("[Sifang supervision] %(t)s") % {"t": task.title if task else kind}
        transaction.on_commit(lambda: _send_mails(mails, subject))
    return mails


@transaction.atomic
def notification_mark_read(
    actor: Any, *, ids: Iterable[int] | None = None, now: dt.datetime | None = None
) -> int:
    qs = Notification.objects.filter(user=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=_now(now))


def reminders_send(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind the owner side N days before a deadline (``SUPERVISION_REMINDER_DAYS``) and when a
    deadline is missed (the office is told too). Each (task, kind, deadline) is sent once, so an
    approved extension brings new reminders."""
    at = _now(now)
    today = _today(at)
    soon = today + dt.timedelta(days=reminder_days())
    counts = {"due_soon": 0, "overdue": 0, "skipped": 0}
    tasks = (
        Task.objects.filter(status__in=WORKING_STATUSES, deadline__lte=soon)
        .select_related("lead_party", "owner_organisation")
        .order_by("deadline", "id")
    )
    for task in tasks:
        kind = ReminderLog.Kind.OVERDUE if task.deadline < today else ReminderLog.Kind.DUE_SOON
        if ReminderLog.objects.filter(task=task, kind=kind, deadline=task.deadline).exists():
            counts["skipped"] += 1
            continue
        users = task_recipients(task)
        if kind == ReminderLog.Kind.OVERDUE:
            message = _("Overdue: “%(t)s” was due on %(d)s (%(n)d days ago).") % {
                "t": task.title,
                "d": task.deadline,
                "n": (today - task.deadline).days,
            }
            users += office_users()
        else:
            message = _("Reminder: “%(t)s” is due on %(d)s (in %(n)d days).") % {
                "t": task.title,
                "d": task.deadline,
                "n": (task.deadline - today).days,
            }
        try:
            with transaction.atomic():
                entry = ReminderLog.objects.create(task=task, kind=kind, deadline=task.deadline, sent_at=at)
                mails = _notify(users, task=task, kind=kind, message=message, at=at, mail_after_commit=False)
                entry.recipients = len({u.pk for u in users})
                entry.save(update_fields=["recipients"])
        except IntegrityError:  # another worker sent it meanwhile
            counts["skipped"] += 1
            continue
        _send_mails(mails, _("[Sifang supervision] %(t)s") % {"t": task.title})
        counts[kind] += 1
    return counts


# ------------------------------------------------------------------------------ report drafts


@transaction.atomic
def draft_create(actor: Any, *, data: bytes, filename: str = "", year_hint: int | None = None) -> IngestDraft:
    """Run the engine over an uploaded report and store what it found as a draft. Nothing else is
    written. Raises ``ValidationError`` with the engine's explanation for unusable input."""
    from .engine import run_engine

    if not perms.can_ingest_report(actor):
        raise PermissionDenied(_("Only the liaison office and party officers may ingest reports."))
    ext = PurePath(filename or "report.txt").suffix.lower()
    if filename and ext not in REPORT_EXTENSIONS:
        raise ValidationError({"file": _("Upload a .txt, .html or .htm report.")})
    if len(data) > _max_report_bytes():
        raise ValidationError(
            {
                "file": _("The report is too large; the limit is %(n)d KB.")
                % {"n": _max_report_bytes() // 1024}
            }
        )
    if not data.strip():
        raise ValidationError({"file": _("The file is empty.")})
    result = run_engine(data, filename=filename or None, year_hint=year_hint)
    draft = IngestDraft(
        filename=(filename or "")[:255],
        original_text=result.original_text,
        normalised_text=result.payload.get("normalised_text") or "",
        changes=result.payload.get("changes") or [],
        extracted=result.payload,
        uncertain=result.uncertain,
        warnings=result.warnings,
        status=IngestDraft.Status.EMPTY if result.empty else IngestDraft.Status.PENDING,
        created_by=actor,
    )
    draft.full_clean()
    draft.save()
    return draft


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    if text.startswith("--"):
        raise ValidationError(
            {"date": _("The report gives no year (%(d)s); enter the full date.") % {"d": text}}
        )
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError({"date": _("Enter the meeting date as YYYY-MM-DD.")}) from None


def placeholder_organisation(party: Party) -> Organisation:
    """The party's agency organisation, where people named in reports are filed when they match
    no one on record; created when the party has none."""
    top = party
    org = (
        Organisation.objects.filter(party=top, kind=Organisation.Kind.AGENCY, name=top.name).first()
        or Organisation.objects.filter(party=top, kind=Organisation.Kind.AGENCY).order_by("id").first()
    )
    if org is not None:
        return org
    name = (
        top.name if not Organisation.objects.filter(name=top.name).exists() else f"{top.name}（{top.code}）"
    )
    org = Organisation(
        name=name,
        kind=Organisation.Kind.AGENCY,
        party=top,
        description=_("Created for people named in meeting reports."),
    )
    org.search_tokens = search_document(org.name)
    org.full_clean()
    org.save()
    return org


def person_match_or_create(*, name: str, title: str, party: Party | None) -> tuple[Person, bool]:
    """An existing person of that name (within the party when known), else a new contact under
    the party's placeholder organisation."""
    name = name.strip()
    qs = Person.objects.filter(name=name).select_related("organisation__party").order_by("id")
    if party is not None:
        scoped = qs.filter(
            Q(organisation__party=party)
            | Q(organisation__party__parent=party)
            | Q(organisation__party=party.parent_id)
        )
        found = scoped.first()
    else:
        found = qs.first()
    if found is not None:
        return found, False
    if party is None:
        raise ValidationError(
            {
                "attendees": _("Choose the party of %(name)s: no person of that name is on record.")
                % {"name": name}
            }
        )
    org = placeholder_organisation(party)
    person = Person(name=name, kind=Person.Kind.CONTACT, organisation=org, title=title[:120])
    person.search_tokens = search_document(person.name, person.title, org.name)
    person.full_clean()
    person.save()
    return person, True


def _field_resolve(value: Any) -> tuple[Field | None, Cluster | None]:
    if not value:
        return None, None
    text = str(value).strip()
    f = Field.objects.filter(name=text).first()
    if f is not None:
        return f, None
    c = Cluster.objects.filter(name=text).order_by("-scheme__valid_from").first()
    return None, c


@transaction.atomic
def draft_confirm(actor: Any, *, draft: IngestDraft, data: dict[str, Any]) -> Meeting:
    """Turn a reviewed draft into a meeting, its attendees and one task per commitment — all or
    nothing. ``data`` has the shape of the engine's JSON as corrected by the reviewer."""
    locked = IngestDraft.objects.select_for_update().get(pk=draft.pk)
    if (
        not perms.can_ingest_report(actor)
        or not IngestDraft.objects.filter(perms.visible_draft_q(actor), pk=locked.pk).exists()
    ):
        raise PermissionDenied(_("You may not confirm this draft."))
    if locked.status != IngestDraft.Status.PENDING:
        raise ValidationError(
            {"status": _("This draft has already been confirmed or has nothing to confirm.")}
        )
    m = data.get("meeting") or {}
    name = str(m.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the meeting a name.")})
    date = _parse_date(m.get("date"))
    parties = _parties(data.get("parties") or [], "parties")
    host = party_resolve(m.get("host_party")) if m.get("host_party") else None
    meeting = Meeting(
        name=name[:200],
        kind=m.get("kind") or Meeting.Kind.PROGRESS,
        date=date,
        place=str(m.get("place") or "")[:120],
        host_party=host,
        minutes=locked.normalised_text,
        created_by=actor,
    )
    _index_meeting(meeting)
    meeting.full_clean()
    meeting.save()
    meeting.parties.set(parties)
    seen: set[int] = set()
    for row in data.get("attendees") or []:
        pname = str(row.get("name") or "").strip()
        if not pname:
            continue
        party = party_resolve(row.get("party")) if row.get("party") else None
        if row.get("party") and party is None:
            raise ValidationError({"attendees": _("Unknown party: %(p)s") % {"p": row.get("party")}})
        person, _created = person_match_or_create(name=pname, title=str(row.get("title") or ""), party=party)
        if person.pk in seen:
            continue
        seen.add(person.pk)
        Attendance.objects.create(
            meeting=meeting,
            person=person,
            title=str(row.get("title") or "")[:200],
            party=party or person.organisation.party,
            is_speaker=bool(row.get("is_speaker")),
        )
        if party is not None and party not in parties:
            parties.append(party)
            meeting.parties.add(party)
    default_deadline = _add_year(date)
    at = timezone.now()
    for row in data.get("commitments") or []:
        action = str(row.get("action") or "").strip()
        if not action:
            continue
        lead = party_resolve(row.get("party"))
        if lead is None:
            raise ValidationError(
                {"commitments": _("Choose the lead party of “%(a)s”.") % {"a": action[:40]}}
            )
        deadline = _parse_date(row["deadline"]) if row.get("deadline") else default_deadline
        field, cluster = _field_resolve(row.get("field"))
        task = Task(
            meeting=meeting,
            title=action[:300],
            description=action,
            lead_party=lead,
            deadline=deadline,
            field=field,
            cluster=cluster,
            created_by=actor,
        )
        _index_task(task)
        task.full_clean()
        task.save()
        _step(
            task,
            action=StepAction.ASSIGN,
            actor=actor,
            at=at,
            to_status=TaskStatus.ASSIGNED,
            comment=_("From the report of %(m)s") % {"m": meeting.name},
            new_deadline=deadline,
        )
    locked.status = IngestDraft.Status.CONFIRMED
    locked.meeting = meeting
    locked.confirmed_by = actor
    locked.confirmed_at = at
    locked.save()
    draft.status, draft.meeting = locked.status, meeting
    return meeting


def _add_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)
