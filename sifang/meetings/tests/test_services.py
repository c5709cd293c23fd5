from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sifang.core.testing import OrganisationFactory, UserFactory, party
from sifang.meetings import selectors, services
from sifang.meetings.models import ExtensionRequest, Light, Meeting, StepAction, Task, TaskStatus, TaskStep

from .conftest import at
from .factories import TaskFactory

NOW = at(2024, 3, 1)


def _ack(task, users):
    return services.task_acknowledge(users["member_xj"], task=task, now=NOW)


# ---------------------------------------------------------------------------------- meetings


def test_meeting_create_by_office_with_parties(users):
    m = services.meeting_create(
        users["admin"],
        name="第七次全国科技援疆暨“四方合作”推进会议",
        date=dt.date(2024, 10, 13),
        place="乌鲁木齐",
        host_party=party("XJ"),
        parties=["XJ", "科学技术部", "中科院", party("SZ")],
    )
    assert {p.code for p in m.parties.all()} == {"XJ", "MOST", "CAS", "SZ"}
    assert " 推进 " in m.search_tokens


@pytest.mark.parametrize("role", ["member_xj", "viewer", "outsider"])
def test_meeting_create_refused_for_others(users, role):
    with pytest.raises(PermissionDenied):
        services.meeting_create(users[role], name="x", date=dt.date(2024, 1, 1))


def test_meeting_update_only_by_host_officer_or_office(users, meeting):
    services.meeting_update(users["officer_xj"], meeting=meeting, place="喀什")
    assert Meeting.objects.get(pk=meeting.pk).place == "喀什"
    with pytest.raises(PermissionDenied):
        services.meeting_update(users["officer_cas"], meeting=meeting, place="北京")


def test_document_upload_limits_type_and_size(users, meeting, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    doc = services.document_upload(
        users["admin"], meeting=meeting, file=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 x")
    )
    assert doc.size == 10 and doc.name == "纪要.pdf"
    with pytest.raises(ValidationError):
        services.document_upload(users["admin"], meeting=meeting, file=SimpleUploadedFile("run.exe", b"MZ"))
    settings.MEETING_DOCUMENT_MAX_BYTES = 5
    with pytest.raises(ValidationError):
        services.document_upload(
            users["admin"], meeting=meeting, file=SimpleUploadedFile("big.pdf", b"0123456789")
        )
    with pytest.raises(PermissionDenied):
        services.document_upload(users["member_xj"], meeting=meeting, file=SimpleUploadedFile("a.pdf", b"1"))


# ------------------------------------------------------------------------------ task chain


def test_full_chain_logs_every_step_with_actor_and_time(users, meeting, org_xj):
    t = services.task_create(
        users["admin"],
        meeting=meeting,
        title="共建新能源联合实验室",
        lead_party=party("XJ"),
        deadline=dt.date(2024, 7, 22),
        contributing_parties=["CAS", "SZ", "XJ"],
        owner_organisation=org_xj,
        now=NOW,
    )
    assert {p.code for p in t.contributing_parties.all()} == {
        "CAS",
        "SZ",
    }  # the lead is not its own contributor
    services.task_acknowledge(users["member_xj"], task=t, now=at(2024, 3, 2))
    assert t.status == TaskStatus.ACKNOWLEDGED
    services.progress_add(
        users["officer_xj"], task=t, percent=40, text="完成选址", evidence="批复文件", now=at(2024, 4, 1)
    )
    assert t.status == TaskStatus.IN_PROGRESS and t.progress == 40
    services.task_report(users["member_xj"], task=t, comment="已建成", now=at(2024, 6, 1))
    services.task_close(users["admin"], task=t, comment="同意销号", now=at(2024, 6, 5))
    t.refresh_from_db()
    assert t.status == TaskStatus.CLOSED
    steps = list(TaskStep.objects.filter(task=t).values_list("action", "actor__username", "to_status"))
    assert steps == [
        ("assign", "admin1", "assigned"),
        ("acknowledge", "member_xj", "acknowledged"),
        ("update", "officer_xj", "in_progress"),
        ("report", "member_xj", "completion_reported"),
        ("close", "admin1", "closed"),
    ]
    assert TaskStep.objects.get(task=t, action="close").at == at(2024, 6, 5)
    assert t.history.count() >= 4


def test_only_office_assigns_tasks(users, meeting):
    for role in ("officer_xj", "member_xj", "viewer"):
        with pytest.raises(PermissionDenied):
            services.task_create(
                users[role], meeting=meeting, title="x", lead_party=party("XJ"), deadline=dt.date(2025, 1, 1)
            )


@pytest.mark.parametrize(
    "role,allowed",
    [
        ("member_xj", True),
        ("officer_xj", True),
        ("admin", False),
        ("officer_cas", False),
        ("member_cas", False),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_acknowledge_permission_by_role(users, task, role, allowed):
    if allowed:
        services.task_acknowledge(users[role], task=task, now=NOW)
        assert task.status == TaskStatus.ACKNOWLEDGED
    else:
        with pytest.raises(PermissionDenied):
            services.task_acknowledge(users[role], task=task, now=NOW)


def test_officer_of_parent_party_acts_for_unit_task(users, meeting):
    t = TaskFactory(meeting=meeting, lead_party=party("XJ-BT"))
    services.task_acknowledge(users["officer_xj"], task=t, now=NOW)
    assert t.status == TaskStatus.ACKNOWLEDGED


def test_progress_requires_acknowledgement(users, task):
    with pytest.raises(ValidationError) as exc:
        services.progress_add(users["member_xj"], task=task, percent=10, text="x", now=NOW)
    assert "acknowledged" in str(exc.value)


def test_contributing_party_officer_may_post_progress_but_not_report(users, task):
    task.contributing_parties.add(party("CAS"))
    _ack(task, users)
    services.progress_add(users["officer_cas"], task=task, percent=20, text="中科院完成方案", now=NOW)
    with pytest.raises(PermissionDenied):
        services.task_report(users["officer_cas"], task=task, comment="done", now=NOW)
    with pytest.raises(PermissionDenied):
        services.progress_add(users["member_cas"], task=task, percent=30, text="x", now=NOW)


def test_progress_percent_validated(users, task):
    _ack(task, users)
    with pytest.raises(ValidationError):
        services.progress_add(users["member_xj"], task=task, percent=120, text="x", now=NOW)


def test_report_needs_comment_and_right_state(users, task):
    with pytest.raises(ValidationError):
        services.task_report(users["member_xj"], task=task, comment="done", now=NOW)  # still only assigned
    _ack(task, users)
    with pytest.raises(ValidationError):
        services.task_report(users["member_xj"], task=task, comment="  ", now=NOW)


@pytest.mark.parametrize("role", ["officer_xj", "member_xj", "officer_cas", "viewer"])
def test_only_office_closes_returns_cancels(users, task, role):
    _ack(task, users)
    services.task_report(users["member_xj"], task=task, comment="done", now=NOW)
    for fn in (services.task_close, services.task_return, services.task_cancel):
        with pytest.raises(PermissionDenied):
            fn(users[role], task=task, comment="x", now=NOW)


def test_office_returns_report_then_closes(users, task):
    _ack(task, users)
    services.task_report(users["member_xj"], task=task, comment="done", now=NOW)
    with pytest.raises(ValidationError):
        services.task_return(users["admin"], task=task, comment="", now=NOW)
    services.task_return(users["admin"], task=task, comment="证据不足", now=NOW)
    assert task.status == TaskStatus.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.task_close(users["admin"], task=task, now=NOW)  # not reported any more


def test_cancel_from_any_open_state_needs_reason_and_refuses_pending_extension(users, task):
    services.extension_request(
        users["member_xj"], task=task, new_deadline=dt.date(2024, 12, 31), reasons="设备延迟", now=NOW
    )
    with pytest.raises(ValidationError):
        services.task_cancel(users["admin"], task=task, comment="", now=NOW)
    services.task_cancel(users["admin"], task=task, comment="任务调整", now=NOW)
    assert task.status == TaskStatus.CANCELLED
    assert task.extensions.get().status == ExtensionRequest.Status.REFUSED
    with pytest.raises(ValidationError):
        services.task_cancel(users["admin"], task=task, comment="again", now=NOW)
    with pytest.raises(ValidationError):
        services.task_acknowledge(users["member_xj"], task=task, now=NOW)


def test_task_step_dispatcher_rejects_unknown_action(users, task):
    with pytest.raises(ValidationError):
        services.task_step(users["admin"], task=task, action="explode")
    services.task_step(users["member_xj"], task=task, action="acknowledge", comment="收到")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.ACKNOWLEDGED


# ------------------------------------------------------------------------------ extensions


def test_extension_approved_moves_deadline_and_keeps_original(users, task):
    ext = services.extension_request(
        users["member_xj"], task=task, new_deadline=dt.date(2024, 12, 31), reasons="设备到货延迟", now=NOW
    )
    services.extension_decide(users["admin"], extension=ext, approve=True, comment="同意", now=NOW)
    task.refresh_from_db()
    assert task.deadline == dt.date(2024, 12, 31) and task.original_deadline == dt.date(2024, 7, 22)
    step = TaskStep.objects.get(task=task, action=StepAction.APPROVE_EXTENSION)
    assert (step.old_deadline, step.new_deadline) == (dt.date(2024, 7, 22), dt.date(2024, 12, 31))


def test_extension_refused_keeps_deadline_and_needs_reason(users, task):
    ext = services.extension_request(
        users["officer_xj"], task=task, new_deadline=dt.date(2024, 9, 1), reasons="r", now=NOW
    )
    with pytest.raises(ValidationError):
        services.extension_decide(users["admin"], extension=ext, approve=False, comment="", now=NOW)
    services.extension_decide(users["admin"], extension=ext, approve=False, comment="理由不充分", now=NOW)
    task.refresh_from_db()
    assert task.deadline == dt.date(2024, 7, 22)
    with pytest.raises(ValidationError):
        services.extension_decide(users["admin"], extension=ext, approve=True, now=NOW)  # already decided


def test_extension_only_before_deadline(users, task):
    with pytest.raises(ValidationError) as exc:
        services.extension_request(
            users["member_xj"],
            task=task,
            new_deadline=dt.date(2024, 12, 31),
            reasons="r",
            now=at(2024, 7, 23),
        )
    assert "before the deadline" in str(exc.value)
    # on the day itself it is still allowed
    services.extension_request(
        users["member_xj"], task=task, new_deadline=dt.date(2024, 12, 31), reasons="r", now=at(2024, 7, 22)
    )


def test_extension_rules(users, task):
    with pytest.raises(ValidationError):
        services.extension_request(
            users["member_xj"], task=task, new_deadline=dt.date(2024, 9, 1), reasons=" ", now=NOW
        )
    with pytest.raises(ValidationError):
        services.extension_request(
            users["member_xj"], task=task, new_deadline=dt.date(2024, 7, 1), reasons="r", now=NOW
        )
    with pytest.raises(PermissionDenied):
        services.extension_request(
            users["admin"], task=task, new_deadline=dt.date(2024, 9, 1), reasons="r", now=NOW
        )
    with pytest.raises(PermissionDenied):
        services.extension_request(
            users["officer_cas"], task=task, new_deadline=dt.date(2024, 9, 1), reasons="r", now=NOW
        )
    ext = services.extension_request(
        users["member_xj"], task=task, new_deadline=dt.date(2024, 9, 1), reasons="r", now=NOW
    )
    with pytest.raises(ValidationError):  # one pending at a time
        services.extension_request(
            users["member_xj"], task=task, new_deadline=dt.date(2024, 10, 1), reasons="r", now=NOW
        )
    for role in ("officer_xj", "member_xj", "viewer"):
        with pytest.raises(PermissionDenied):
            services.extension_decide(users[role], extension=ext, approve=True, now=NOW)


# ----------------------------------------------------------------------------------- urging


def test_urge_only_overdue_by_office_and_notifies_owner(
    users, task, mailoutbox, django_capture_on_commit_callbacks
):
    users["member_xj"].email = "m@example.org"
    users["member_xj"].save()
    with pytest.raises(ValidationError):
        services.task_urge(users["admin"], task=task, now=at(2024, 7, 22))
    with pytest.raises(PermissionDenied):
        services.task_urge(users["officer_xj"], task=task, now=at(2024, 8, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.task_urge(users["admin"], task=task, comment="请尽快办结", now=at(2024, 8, 1))
    notes = {n.user.username: n for n in task.notifications.filter(kind="urge")}
    assert set(notes) == {"member_xj", "officer_xj"}
    assert "10" in notes["member_xj"].message
    assert [m.to for m in mailoutbox] == [["m@example.org"]]
    assert TaskStep.objects.filter(task=task, action="urge", actor=users["admin"]).count() == 1


# ------------------------------------------------------------------------------- sub-tasks


def test_split_and_rollup(users, task, org_xj):
    _ack(task, users)
    a = services.task_split(
        users["member_xj"], parent=task, title="子任务A", deadline=dt.date(2024, 5, 1), now=NOW
    )
    b = services.task_split(
        users["admin"], parent=task, title="子任务B", deadline=dt.date(2024, 6, 1), now=NOW
    )
    c = services.task_split(users["admin"], parent=b, title="子任务B1", deadline=dt.date(2024, 6, 1), now=NOW)
    d = services.task_split(users["admin"], parent=b, title="子任务B2", deadline=dt.date(2024, 6, 1), now=NOW)
    for t, pct in ((a, 80), (c, 40), (d, 20)):
        services.task_acknowledge(users["member_xj"], task=t, now=NOW)
        services.progress_add(users["member_xj"], task=t, percent=pct, text="x", now=NOW)
    assert a.meeting_id == task.meeting_id and a.owner_organisation == org_xj
    # b = mean(40, 20) = 30; task = mean(80, 30) = 55
    assert selectors.task_progress(b) == 30
    assert selectors.task_progress(task) == 55
    row = selectors.task_list(user=users["admin"], day=dt.date(2024, 3, 1)).get(pk=b.pk)
    assert row.rolled_progress == 30
    with pytest.raises(ValidationError):
        services.task_split(users["admin"], parent=task, title="太晚", deadline=dt.date(2025, 1, 1), now=NOW)
    with pytest.raises(PermissionDenied):
        services.task_split(
            users["officer_cas"], parent=task, title="x", deadline=dt.date(2024, 5, 1), now=NOW
        )
    with pytest.raises(ValidationError):  # children still being worked on
        services.task_report(users["member_xj"], task=task, comment="done", now=NOW)


def test_close_parent_needs_children_done(users, task):
    _ack(task, users)
    child = services.task_split(
        users["admin"], parent=task, title="子任务", deadline=dt.date(2024, 5, 1), now=NOW
    )
    services.task_cancel(users["admin"], task=child, comment="合并", now=NOW)
    services.task_report(users["member_xj"], task=task, comment="done", now=NOW)
    services.task_close(users["admin"], task=task, now=NOW)
    assert task.status == TaskStatus.CLOSED


# --------------------------------------------------------------------------------- lights


@pytest.mark.parametrize(
    "day,light,overdue",
    [
        (dt.date(2024, 7, 1), Light.GREEN, 0),
        (dt.date(2024, 7, 15), Light.YELLOW, 0),  # exactly 7 days before
        (dt.date(2024, 7, 22), Light.YELLOW, 0),  # due today
        (dt.date(2024, 7, 23), Light.RED, 1),
        (dt.date(2024, 8, 1), Light.RED, 10),
    ],
)
def test_lights(users, task, day, light, overdue):
    row = selectors.task_list(user=users["viewer"], day=day).get(pk=task.pk)
    assert row.light == light == task.light_on(day, 7)
    assert task.days_overdue_on(day) == overdue


def test_yellow_days_setting(users, task, settings):
    settings.SUPERVISION_YELLOW_DAYS = 30
    assert (
        selectors.task_list(user=users["admin"], day=dt.date(2024, 7, 1)).get(pk=task.pk).light
        == Light.YELLOW
    )


def test_finished_and_reported_tasks_have_no_light(users, task):
    _ack(task, users)
    services.task_report(users["member_xj"], task=task, comment="done", now=NOW)
    assert (
        selectors.task_list(user=users["admin"], day=dt.date(2025, 1, 1)).get(pk=task.pk).light == Light.NONE
    )


def test_board_orders_overdue_first_and_counts_by_party(users, meeting):
    late = TaskFactory(meeting=meeting, lead_party=party("XJ-BT"), deadline=dt.date(2024, 1, 1), title="很晚")
    later = TaskFactory(meeting=meeting, lead_party=party("CAS"), deadline=dt.date(2024, 2, 1), title="晚")
    soon = TaskFactory(meeting=meeting, lead_party=party("SZ"), deadline=dt.date(2024, 3, 5), title="快到期")
    fine = TaskFactory(meeting=meeting, lead_party=party("MOST"), deadline=dt.date(2025, 1, 1), title="正常")
    board = selectors.board_data(user=users["viewer"], day=dt.date(2024, 3, 1))
    assert [t.pk for t in board.tasks] == [late.pk, later.pk, soon.pk, fine.pk]
    assert board.tasks[0].days_overdue == 60
    by_party = {r.key: r for r in board.by_party}
    assert by_party["XJ"].red == 1 and by_party["XJ"].max_overdue == 60  # 兵团 counts under 新疆
    assert by_party["SZ"].yellow == 1 and by_party["MOST"].green == 1
    assert board.totals.red == 2 and board.by_meeting[0].total == 4
    assert selectors.board_data(user=users["outsider"], day=dt.date(2024, 3, 1)).tasks == []


def test_outsider_sees_nothing(users, task):
    from sifang.core.errors import NotFound

    assert not selectors.task_list(user=users["outsider"]).exists()
    assert not selectors.meeting_list(user=users["outsider"]).exists()
    with pytest.raises(NotFound):
        selectors.task_get(user=users["outsider"], pk=task.pk)


def test_ledger_rows(users, task):
    _ack(task, users)
    services.progress_add(
        users["member_xj"], task=task, percent=50, text="过半", date=dt.date(2024, 3, 1), now=NOW
    )
    rows = selectors.ledger_rows(user=users["admin"], day=dt.date(2024, 8, 1))
    assert rows[0]["title"] == task.title and rows[0]["days_overdue"] == 10 and rows[0]["progress"] == 50
    assert rows[0]["last_update"] == "2024-03-01 过半"


def test_member_of_other_org_cannot_act(users, task):
    other = OrganisationFactory(party=party("XJ"))
    u = UserFactory(role="member", organisation=other, party=party("XJ"))
    with pytest.raises(PermissionDenied):
        services.task_acknowledge(u, task=task, now=NOW)
