"""Demo meetings and supervised tasks: the 2023-07-22 推进会 in 乌鲁木齐 and the 2024-10-13
第七次全国科技援疆暨“四方合作”推进会议, with tasks in every state (some overdue, some extended),
progress updates, the supervision log, reminders, and one report draft awaiting review.
Deterministic for a given ``rng``; deadlines are set relative to today so that the board shows
every light."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sifang.accounts.models import Role, User
from sifang.core.text import search_document
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Field, Party

from .models import (
    Attendance,
    ExtensionRequest,
    IngestDraft,
    Meeting,
    ProgressUpdate,
    StepAction,
    Task,
    TaskStatus,
    TaskStep,
)
from .services import person_match_or_create, reminders_send

SAMPLE = Path(__file__).parent / "tests" / "data" / "report_2023_07_22.txt"

ATTENDEES_2023 = [
    ("马兴瑞", "自治区党委书记", "XJ", True),
    ("王志刚", "科学技术部党组书记、部长", "MOST", True),
    ("侯建国", "中国科学院院长、党组书记", "CAS", True),
    ("覃伟中", "深圳市委副书记、市长", "SZ", True),
    ("艾尔肯·吐尼亚孜", "自治区党委副书记、自治区主席", "XJ", True),
    ("李邑飞", "自治区党委副书记、兵团政委", "XJ-BT", False),
    ("吴朝晖", "科学技术部党组成员、副部长（主持会议）", "MOST", False),
    ("汪克强", "中国科学院副院长", "CAS", False),
    ("薛斌", "兵团领导", "XJ-BT", True),
]

# (title, lead, contributing, field, status, deadline offset from today in days, progress, extended)
TASKS_2023 = [
    (
        "瞄准“八大产业集群”开展关键核心技术联合攻关",
        "XJ",
        ["MOST", "CAS"],
        None,
        TaskStatus.IN_PROGRESS,
        -45,
        60,
        False,
    ),
    (
        "建设面向中亚五国的丝绸之路经济带区域科技创新中心",
        "XJ",
        ["MOST", "SZ"],
        None,
        TaskStatus.IN_PROGRESS,
        5,
        70,
        True,
    ),
    (
        "围绕战略性矿产资源、新能源、新材料促进创新链产业链深度融合",
        "MOST",
        ["XJ"],
        "战略性矿产资源",
        TaskStatus.CLOSED,
        -200,
        100,
        False,
    ),
    (
        "支持组织建设高水平科技创新平台，推动成果转化与工程化示范",
        "CAS",
        ["XJ"],
        "新材料",
        TaskStatus.COMPLETION_REPORTED,
        -10,
        100,
        False,
    ),
    (
        "在可再生能源、光储充一体、数字能源等领域深度合作",
        "SZ",
        ["XJ"],
        "可再生能源",
        TaskStatus.ACKNOWLEDGED,
        -3,
        0,
        False,
    ),
    (
        "兵团深化“四方合作”成果总结并提出加强合作的建议",
        "XJ-BT",
        ["XJ"],
        None,
        TaskStatus.ASSIGNED,
        -20,
        0,
        False,
    ),
    ("推动园区合作共建和人才交流交往", "SZ", ["XJ-BT"], None, TaskStatus.CANCELLED, -100, 10, False),
]
TASKS_2024 = [
    (
        "国家风力发电技术创新中心建设运行",
        "XJ",
        ["MOST", "CAS"],
        "新能源",
        TaskStatus.IN_PROGRESS,
        120,
        35,
        False,
    ),
    ("科技援疆项目库建设与需求征集", "MOST", ["XJ", "XJ-BT"], None, TaskStatus.ACKNOWLEDGED, 3, 0, False),
    ("共建水资源高效利用联合实验室", "CAS", ["XJ"], "水资源利用", TaskStatus.IN_PROGRESS, 60, 20, True),
    ("喀什深圳产业园科技创新服务平台", "SZ", [], "数字能源", TaskStatus.ASSIGNED, 200, 0, False),
    ("生物医药中试平台共建", "XJ", ["SZ"], "生物医药", TaskStatus.IN_PROGRESS, -8, 45, False),
]
UPDATE_TEXTS = [
    "完成方案论证并报送联席办",
    "召开专题协调会，明确分工",
    "完成设备采购招标",
    "首批联合攻关项目立项",
    "平台主体建设完成",
    "组织专家现场评估",
    "签署合作协议",
    "完成年度目标任务",
]


def _party(code: str) -> Party:
    return Party.objects.get(code=code)


def _actor(role: str, party: Party | None = None) -> User | None:
    qs = User.objects.filter(role=role, is_active=True)
    if party is not None:
        qs = qs.filter(party__in=[party.pk, party.parent_id or party.pk])
    return qs.order_by("id").first()


def _owner_org(party: Party, rng: random.Random) -> Organisation | None:
    orgs = list(Organisation.objects.filter(party=party).order_by("id")[:10]) or list(
        Organisation.objects.filter(party__parent=party).order_by("id")[:10]
    )
    return rng.choice(orgs) if orgs else None


def _meeting(
    name: str, kind: str, date: dt.date, place: str, host: str, parties: list[str], agenda: str
) -> Meeting:
    m = Meeting(name=name, kind=kind, date=date, place=place, host_party=_party(host), agenda=agenda)
    m.search_tokens = search_document(m.name, m.place, m.agenda)
    m.full_clean()
    m.save()
    m.parties.set([_party(c) for c in parties])
    return m


def _task(meeting: Meeting, spec: tuple, rng: random.Random, today: dt.date, office: User | None) -> Task:
    title, lead_code, contrib, field_name, status, offset, progress, extended = spec
    lead = _party(lead_code)
    owner = _owner_org(lead, rng)
    person = Person.objects.filter(organisation=owner).order_by("id").first() if owner else None
    deadline = today + dt.timedelta(days=offset)
    original = deadline - dt.timedelta(days=90) if extended else None
    task = Task(
        meeting=meeting,
        title=title,
        description=title,
        lead_party=lead,
        owner_organisation=owner,
        responsible_person=person,
        field=Field.objects.filter(name=field_name).first() if field_name else None,
        deadline=deadline,
        original_deadline=original,
        status=status,
        progress=progress,
        created_by=office,
    )
    task.search_tokens = search_document(task.title, task.description, owner.name if owner else "")
    task.full_clean()
    task.save()
    task.contributing_parties.set([_party(c) for c in contrib])
    _history(task, meeting, rng, office, extended, original)
    return task


def _history(
    task: Task,
    meeting: Meeting,
    rng: random.Random,
    office: User | None,
    extended: bool,
    original: dt.date | None,
) -> None:
    """The supervision log that leads to the task's current state."""
    owner = _actor(Role.OFFICER, task.lead_party)
    tz = timezone.get_current_timezone()
    at = dt.datetime.combine(meeting.date + dt.timedelta(days=3), dt.time(10), tzinfo=tz)
    steps = [
        TaskStep(
            task=task,
            action=StepAction.ASSIGN,
            actor=office,
            at=at,
            to_status=TaskStatus.ASSIGNED,
            new_deadline=original or task.deadline,
        )
    ]
    status = task.status
    if status != TaskStatus.ASSIGNED and not (status == TaskStatus.CANCELLED and task.progress == 0):
        at += dt.timedelta(days=rng.randint(2, 10))
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.ACKNOWLEDGE,
                actor=owner,
                at=at,
                from_status=TaskStatus.ASSIGNED,
                to_status=TaskStatus.ACKNOWLEDGED,
            )
        )
    if task.progress:
        n = 1 + rng.randint(1, 3)
        for k in range(n):
            at += dt.timedelta(days=rng.randint(20, 60))
            pct = min(100, round(task.progress * (k + 1) / n))
            text = rng.choice(UPDATE_TEXTS)
            ProgressUpdate.objects.create(
                task=task,
                date=at.date(),
                percent=pct,
                text=text,
                evidence=f"佐证材料：{text}（会议纪要、照片）",
                author=owner,
            )
            steps.append(
                TaskStep(
                    task=task,
                    action=StepAction.UPDATE,
                    actor=owner,
                    at=at,
                    from_status=TaskStatus.ACKNOWLEDGED if k == 0 else TaskStatus.IN_PROGRESS,
                    to_status=TaskStatus.IN_PROGRESS,
                    comment=f"{pct}% · {text}",
                )
            )
    if extended and original:
        at += dt.timedelta(days=5)
        reasons = "受设备到货和冬季施工影响，申请延期。"
        ExtensionRequest.objects.create(
            task=task,
            current_deadline=original,
            requested_deadline=task.deadline,
            reasons=reasons,
            status=ExtensionRequest.Status.APPROVED,
            requested_by=owner,
            requested_at=at,
            decided_by=office,
            decided_at=at + dt.timedelta(days=2),
            decision_comment="同意延期",
        )
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.REQUEST_EXTENSION,
                actor=owner,
                at=at,
                comment=reasons,
                old_deadline=original,
                new_deadline=task.deadline,
            )
        )
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.APPROVE_EXTENSION,
                actor=office,
                at=at + dt.timedelta(days=2),
                comment="同意延期",
                old_deadline=original,
                new_deadline=task.deadline,
            )
        )
    if status in (TaskStatus.COMPLETION_REPORTED, TaskStatus.CLOSED):
        at += dt.timedelta(days=10)
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.REPORT,
                actor=owner,
                at=at,
                from_status=TaskStatus.IN_PROGRESS,
                to_status=TaskStatus.COMPLETION_REPORTED,
                comment="任务已完成，报送办结报告。",
            )
        )
    if status == TaskStatus.CLOSED:
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.CLOSE,
                actor=office,
                at=at + dt.timedelta(days=7),
                from_status=TaskStatus.COMPLETION_REPORTED,
                to_status=TaskStatus.CLOSED,
                comment="同意销号",
            )
        )
    if status == TaskStatus.CANCELLED:
        steps.append(
            TaskStep(
                task=task,
                action=StepAction.CANCEL,
                actor=office,
                at=at + dt.timedelta(days=15),
                from_status=steps[-1].to_status or TaskStatus.ASSIGNED,
                to_status=TaskStatus.CANCELLED,
                comment="任务并入新一轮合作备忘录",
            )
        )
    if task.deadline < timezone.localdate() and status in (
        TaskStatus.ASSIGNED,
        TaskStatus.ACKNOWLEDGED,
        TaskStatus.IN_PROGRESS,
    ):
        urge_at = dt.datetime.combine(task.deadline + dt.timedelta(days=2), dt.time(9), tzinfo=tz)
        steps.append(
            TaskStep(
                task=task, action=StepAction.URGE, actor=office, at=urge_at, comment="请抓紧推进并报送进展。"
            )
        )
    TaskStep.objects.bulk_create(steps)


@transaction.atomic
def load(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if Meeting.objects.exists():
        log("meetings: demo meetings exist already, skipped")
        return
    today = timezone.localdate()
    office = _actor(Role.ADMIN)
    m2023 = _meeting(
        "新疆维吾尔自治区、科学技术部、中国科学院、深圳市“四方合作”工作推进会",
        Meeting.Kind.PROGRESS,
        dt.date(2023, 7, 22),
        "乌鲁木齐",
        "XJ",
        ["XJ", "XJ-BT", "MOST", "CAS", "SZ"],
        "研究部署新一轮“四方合作”；自治区、兵团介绍深化合作成效；各方讲话。",
    )
    for name, title, code, spoke in ATTENDEES_2023:
        party = _party(code)
        person, _created = person_match_or_create(name=name, title=title, party=party)
        Attendance.objects.create(meeting=m2023, person=person, title=title, party=party, is_speaker=spoke)
    m2024 = _meeting(
        "第七次全国科技援疆暨“四方合作”推进会议",
        Meeting.Kind.JOINT,
        dt.date(2024, 10, 13),
        "乌鲁木齐",
        "XJ",
        ["XJ", "XJ-BT", "MOST", "CAS", "SZ"],
        "总结科技援疆和“四方合作”进展；国家风力发电技术创新中心揭牌；部署下一阶段任务。",
    )
    for name, title, code, spoke in ATTENDEES_2023[:4]:
        party = _party(code)
        person, _created = person_match_or_create(name=name, title=title, party=party)
        Attendance.objects.create(meeting=m2024, person=person, title=title, party=party, is_speaker=spoke)
    tasks = [_task(m2023, spec, rng, today, office) for spec in TASKS_2023]
    tasks += [_task(m2024, spec, rng, today, office) for spec in TASKS_2024]
    # one task split into sub-tasks whose progress rolls up
    parent = tasks[len(TASKS_2023)]
    for i, (title, pct) in enumerate((("风电装备可靠性测试平台", 60), ("风资源评估与功率预测", 10))):
        child = Task(
            meeting=m2024,
            parent=parent,
            title=title,
            description=title,
            lead_party=parent.lead_party,
            owner_organisation=parent.owner_organisation,
            deadline=parent.deadline - dt.timedelta(days=30 * (i + 1)),
            status=TaskStatus.IN_PROGRESS,
            progress=pct,
            created_by=office,
        )
        child.search_tokens = search_document(child.title)
        child.full_clean()
        child.save()
        TaskStep.objects.create(
            task=child,
            action=StepAction.SPLIT,
            actor=office,
            at=dt.datetime.combine(
                m2024.date + dt.timedelta(days=20), dt.time(10), tzinfo=timezone.get_current_timezone()
            ),
            to_status=TaskStatus.ASSIGNED,
            new_deadline=child.deadline,
        )
    counts = reminders_send(now=timezone.now())
    log(f"meetings: 2 meetings, {Task.objects.count()} tasks, reminders {counts}")
    _demo_draft(log)


def _demo_draft(log: Callable[[str], None]) -> None:
    """A pending draft of the sample report for the review page (skipped without the engine)."""
    if not SAMPLE.exists():
        return
    try:
        from .engine import run_engine

        result = run_engine(SAMPLE.read_bytes(), filename=SAMPLE.name)
    except Exception as exc:  # noqa: BLE001 - the demo goes on without a draft
        log(f"meetings: no demo draft ({exc})")
        return
    IngestDraft.objects.create(
        filename=SAMPLE.name,
        original_text=result.original_text,
        normalised_text=result.payload.get("normalised_text") or "",
        changes=result.payload.get("changes") or [],
        extracted=result.payload,
        uncertain=result.uncertain,
        warnings=result.warnings,
        status=IngestDraft.Status.EMPTY if result.empty else IngestDraft.Status.PENDING,
        created_by=_actor(Role.ADMIN),
    )
    log("meetings: 1 report draft awaiting review")
