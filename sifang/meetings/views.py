"""Pages of meetings and supervision. Each view parses with a form and calls one service or
selector; ``NotFound`` becomes 404 and ``PermissionDenied`` 403."""

from __future__ import annotations

import csv
import functools
import io
import mimetypes
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifang.core.errors import NotFound, error_messages

from . import permissions as perms
from . import selectors, services
from .forms import (
    AttendanceForm,
    AttendeeFormSet,
    BoardFilterForm,
    CommitmentFormSet,
    DecideForm,
    DocumentForm,
    DraftMeetingForm,
    ExtensionForm,
    MeetingFilterForm,
    MeetingForm,
    ProgressForm,
    SplitForm,
    StepForm,
    TaskFilterForm,
    TaskForm,
    UploadForm,
    review_data,
    review_initial,
)
from .models import ExtensionRequest, IngestDraft, Light, ProgressUpdate
from .review import marked_text

PER_PAGE = 20


def not_found_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc

    return wrapper


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    for field, msgs in error_messages(exc).items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)


def _flash_errors(request: HttpRequest, exc: ValidationError) -> None:
    for msgs in error_messages(exc).values():
        for msg in msgs:
            messages.error(request, msg)


def _page(request: HttpRequest, qs: Any) -> Any:
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def _history(obj: Any) -> list[dict[str, Any]]:
    rows = list(obj.history.select_related("history_user").all()[:50])
    out = []
    for new, old in zip(rows, [*rows[1:], None], strict=False):
        changes = []
        if old is not None:
            changes = [(c.field, c.old, c.new) for c in new.diff_against(old).changes]
        out.append({"record": new, "changes": changes})
    return out


# ------------------------------------------------------------------------------------ meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingFilterForm(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data.items() if form.is_valid() else []) if v}
    qs = selectors.meeting_list(user=request.user, **filters)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "page": _page(request, qs),
            "can_create": perms.can_create_meeting(request.user),
            "can_ingest": perms.can_ingest_report(request.user),
        },
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not perms.can_create_meeting(request.user):
        raise PermissionDenied
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parties = data.pop("parties")
        try:
            meeting = services.meeting_create(request.user, parties=parties, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Meeting recorded."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


@login_required
@not_found_404
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not perms.can_change_meeting(request.user, meeting):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in services.MEETING_FIELDS}
        try:
            services.meeting_update(
                request.user, meeting=meeting, parties=form.cleaned_data["parties"], **data
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Meeting saved."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@not_found_404
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    tasks = selectors.task_list(user=request.user, meeting=meeting.pk)
    can_change = perms.can_change_meeting(request.user, meeting)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "tasks": tasks,
            "can_change": can_change,
            "can_create_task": perms.can_create_task(request.user),
            "attendance_form": AttendanceForm() if can_change else None,
            "document_form": DocumentForm() if can_change else None,
            "history": _history(meeting),
        },
    )


@login_required
@require_POST
@not_found_404
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    form = AttendanceForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_add(request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Attendee added."))
        except ValidationError as exc:
            _flash_errors(request, exc)
    else:
        messages.error(request, _("Choose a person."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


@login_required
@require_POST
@not_found_404
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                request.user, meeting=meeting, file=form.cleaned_data["file"], name=form.cleaned_data["name"]
            )
            messages.success(request, _("Document added."))
        except ValidationError as exc:
            _flash_errors(request, exc)
    else:
        messages.error(request, _("Choose a file."))
    return redirect("meetings:meeting_detail", pk=meeting.pk)


def _file_response(file: Any, name: str) -> FileResponse:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@not_found_404
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    doc = selectors.document_get(user=request.user, meeting_pk=pk, pk=doc_pk)
    return _file_response(doc.file, doc.file.name.rsplit("/", 1)[-1])


# --------------------------------------------------------------------------------------- tasks


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    form = TaskFilterForm(request.GET or None)
    qs = selectors.task_list(user=request.user, **form.filters())
    page = _page(request, qs)
    today = selectors.today()
    for t in page:
        t.days_overdue = t.days_overdue_on(today)
    return render(request, "meetings/task_list.html", {"form": form, "page": page})


@login_required
@not_found_404
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    if not perms.can_create_task(request.user):
        raise PermissionDenied
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            task = services.task_create(request.user, meeting=meeting, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Task assigned."))
            return redirect("meetings:task_detail", pk=task.pk)
    return render(request, "meetings/task_form.html", {"form": form, "meeting": meeting})


@login_required
@not_found_404
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    user = request.user
    today = selectors.today()
    task.days_overdue = task.days_overdue_on(today)
    pending = selectors.pending_extension(task)
    return render(
        request,
        "meetings/task_detail.html",
        {
            "task": task,
            "progress": selectors.task_progress(task),
            "pending_extension": pending,
            "step_form": StepForm(),
            "progress_form": ProgressForm() if perms.can_update_task(user, task) and task.is_open else None,
            "extension_form": ExtensionForm()
            if perms.can_request_extension(user, task) and task.is_open and not pending
            else None,
            "decide_form": DecideForm() if pending and perms.can_supervise_task(user, task) else None,
            "split_form": SplitForm() if perms.can_split_task(user, task) and task.is_open else None,
            "is_owner": perms.is_task_owner(user, task),
            "is_office": perms.can_supervise_task(user, task),
            "history": _history(task),
        },
    )


@login_required
@require_POST
@not_found_404
def task_step(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown step."))
        return redirect("meetings:task_detail", pk=pk)
    try:
        services.task_step(
            request.user, task=task, action=form.cleaned_data["action"], comment=form.cleaned_data["comment"]
        )
        messages.success(request, _("Done."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("meetings:task_detail", pk=pk)


@login_required
@require_POST
@not_found_404
def task_progress(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(request, f"{form.fields[field].label if field in form.fields else ''} {e}")
        return redirect("meetings:task_detail", pk=pk)
    try:
        services.progress_add(request.user, task=task, **form.cleaned_data)
        messages.success(request, _("Progress recorded."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("meetings:task_detail", pk=pk)


@login_required
@require_POST
@not_found_404
def task_extension(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a new deadline and the reasons."))
        return redirect("meetings:task_detail", pk=pk)
    try:
        services.extension_request(request.user, task=task, **form.cleaned_data)
        messages.success(request, _("Extension requested."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("meetings:task_detail", pk=pk)


@login_required
@require_POST
@not_found_404
def extension_decide(request: HttpRequest, pk: int) -> HttpResponse:
    ext = ExtensionRequest.objects.filter(pk=pk).first()
    if ext is None:
        raise Http404
    task = selectors.task_get(user=request.user, pk=ext.task_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or refuse."))
        return redirect("meetings:task_detail", pk=task.pk)
    try:
        services.extension_decide(request.user, extension=ext, **form.cleaned_data)
        messages.success(request, _("Decision recorded."))
    except ValidationError as exc:
        _flash_errors(request, exc)
    return redirect("meetings:task_detail", pk=task.pk)


@login_required
@not_found_404
def task_split(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if not perms.can_split_task(request.user, task):
        raise PermissionDenied
    form = SplitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            child = services.task_split(request.user, parent=task, **data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _("Sub-task created."))
            return redirect("meetings:task_detail", pk=child.pk)
    return render(request, "meetings/task_split.html", {"form": form, "task": task})


@login_required
@not_found_404
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    update = ProgressUpdate.objects.filter(pk=pk).exclude(evidence_file="").first()
    if update is None:
        raise Http404
    selectors.task_get(user=request.user, pk=update.task_id)  # permission: may see the task
    return _file_response(update.evidence_file, update.evidence_file.name.rsplit("/", 1)[-1])


# ------------------------------------------------------------------------------ board, ledger


@login_required
def board(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    data = selectors.board_data(user=request.user, **form.filters())
    return render(
        request, "meetings/board.html", {"form": form, "board": data, "query": request.GET.urlencode()}
    )


def _ledger(request: HttpRequest) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    if not perms.can_export_ledger(request.user):
        raise PermissionDenied
    form = BoardFilterForm(request.GET or None)
    rows = selectors.ledger_rows(user=request.user, **form.filters())
    columns = [(key, _(label)) for key, label in selectors.LEDGER_COLUMNS]
    return columns, rows


def _ledger_name(ext: str) -> str:
    return f"supervision-ledger-{timezone.localdate():%Y%m%d}.{ext}"


@login_required
def ledger_csv(request: HttpRequest) -> HttpResponse:
    columns, rows = _ledger(request)
    buf = io.StringIO()
    buf.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(buf)
    writer.writerow([label for _key, label in columns])
    for row in rows:
        writer.writerow([row[key] for key, _label in columns])
    response = HttpResponse(buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_ledger_name("csv")}"'
    return response


@login_required
def ledger_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    columns, rows = _ledger(request)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Supervision ledger")[:31]
    ws.append([str(label) for _key, label in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {
        str(Light.RED.label): PatternFill("solid", fgColor="F8D7DA"),
        str(Light.YELLOW.label): PatternFill("solid", fgColor="FFF3CD"),
        str(Light.GREEN.label): PatternFill("solid", fgColor="D4EDDA"),
    }
    light_col = [k for k, _l in columns].index("light") + 1
    for row in rows:
        ws.append([row[key] for key, _label in columns])
        fill = fills.get(str(row["light"]))
        if fill is not None:
            ws.cell(row=ws.max_row, column=light_col).fill = fill
    for col, width in zip(
        "ABCDEFGHIJKLMNOPQ", (28, 12, 6, 8, 40, 14, 20, 24, 12, 16, 12, 12, 16, 8, 10, 8, 40), strict=False
    ):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_ledger_name("xlsx")}"'
    return response


# ------------------------------------------------------------------------------ notifications


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notification_mark_read(request.user)
        return redirect("meetings:notifications")
    qs = selectors.notification_list(user=request.user)
    return render(
        request,
        "meetings/notifications.html",
        {"page": _page(request, qs), "unread": selectors.notification_unread_count(user=request.user)},
    )


# ---------------------------------------------------------------------------------- ingestion


@login_required
def ingest_upload(request: HttpRequest) -> HttpResponse:
    if not perms.can_ingest_report(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services._max_report_bytes():
            form.add_error(
                "file",
                _("The report is too large; the limit is %(n)d KB.")
                % {"n": services._max_report_bytes() // 1024},
            )
        else:
            try:
                draft = services.draft_create(
                    request.user,
                    data=upload.read(),
                    filename=upload.name,
                    year_hint=form.cleaned_data.get("year"),
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                if draft.status == IngestDraft.Status.EMPTY:
                    messages.warning(request, _("The engine found nothing to extract from this report."))
                return redirect("meetings:draft_review", pk=draft.pk)
    drafts = selectors.draft_list(user=request.user)[:20]
    return render(request, "meetings/ingest_upload.html", {"form": form, "drafts": drafts})


@login_required
@not_found_404
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    initial = review_initial(draft.extracted or {})
    editable = draft.status == IngestDraft.Status.PENDING
    if request.method == "POST" and editable:
        meeting_form = DraftMeetingForm(request.POST, prefix="m")
        attendees = AttendeeFormSet(request.POST, prefix="att")
        commitments = CommitmentFormSet(request.POST, prefix="com")
        if meeting_form.is_valid() and attendees.is_valid() and commitments.is_valid():
            try:
                meeting = services.draft_confirm(
                    request.user, draft=draft, data=review_data(meeting_form, attendees, commitments)
                )
            except ValidationError as exc:
                _errors_to_form(meeting_form, exc)
            else:
                messages.success(request, _("Meeting and tasks created from the report."))
                return redirect("meetings:meeting_detail", pk=meeting.pk)
    else:
        meeting_form = DraftMeetingForm(initial=initial["meeting"], prefix="m")
        attendees = AttendeeFormSet(initial=initial["attendees"], prefix="att")
        commitments = CommitmentFormSet(initial=initial["commitments"], prefix="com")
    return render(
        request,
        "meetings/draft_review.html",
        {
            "draft": draft,
            "editable": editable,
            "meeting_form": meeting_form,
            "attendees": attendees,
            "commitments": commitments,
            "original_marked": marked_text(draft.original_text, draft.changes, uncertain=draft.uncertain),
            "normalised_marked": marked_text(
                draft.original_text, draft.changes, uncertain=draft.uncertain, result=True
            )
            if draft.original_text
            else draft.normalised_text,
            "changes": draft.changes,
        },
    )
