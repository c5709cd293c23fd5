"""Demo joint projects: every status, with funding, milestones (some overdue), outcomes and
contracts (some without a project). Deterministic for a given ``rng``; runs after the
foundation's demo data and uses its organisations, demands, offerings and users."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from sifang.accounts.models import Role, User
from sifang.core.history import set_change_reason
from sifang.market.models import Demand, Offering
from sifang.market.models import Status as ListingStatus
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Programme

from .models import (
    Funding,
    FundingAdjustment,
    FundingSource,
    Milestone,
    Outcome,
    OutcomeKind,
    Project,
    ProjectTransition,
    Stage,
    Status,
    TransferContract,
)
from .services import _refresh_contract_search, _refresh_search

TITLES = [
    "南疆棉花全程机械化采收关键技术联合攻关",
    "准东煤炭清洁高效转化示范",
    "光储充一体化微电网集成应用",
    "塔里木盆地油气田数字化运维平台",
    "绿色矿业尾矿综合利用技术",
    "高寒地区风电机组智能运维",
    "优质畜产品精深加工与冷链",
    "特色林果提质增效技术集成",
    "盐碱地改良与节水灌溉示范",
    "新型储能材料中试与产业化",
    "喀什地区智慧农业数字平台",
    "天山北坡生态资源监测与保护",
    "生物医药中亚药用植物资源开发",
    "纺织服装智能制造示范线",
    "大型科研仪器共享服务网络建设",
    "石河子高新区新材料产业化",
    "哈密风光储多能互补示范",
    "克拉玛依稠油高效开采技术",
]
#: The status of each demo project (every status at least twice).
STATUS_PLAN = [
    Status.APPLIED,
    Status.APPLIED,
    Status.APPROVED,
    Status.APPROVED,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.IN_PROGRESS,
    Status.ACCEPTANCE,
    Status.ACCEPTANCE,
    Status.COMPLETED,
    Status.COMPLETED,
    Status.COMPLETED,
    Status.TERMINATED,
    Status.TERMINATED,
    Status.IN_PROGRESS,
    Status.APPROVED,
    Status.APPLIED,
]
PATH = [Status.APPLIED, Status.APPROVED, Status.IN_PROGRESS, Status.ACCEPTANCE, Status.COMPLETED]
PATENTS = ["ZL201720001285.X", "CN105123456A", "CN209876543U", "201910234567.8", "ZL202121345678.9"]


def _top(org: Organisation) -> str:
    return org.party.parent.code if org.party.parent_id else org.party.code


def _user(role: str, **filters: Any) -> User | None:
    return User.objects.filter(role=role, is_active=True, **filters).order_by("pk").first()


@transaction.atomic
def load(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if Project.objects.exists():
        log("projects: demo projects exist already, skipped")
        return
    orgs = list(Organisation.objects.select_related("party", "party__parent").order_by("pk"))
    by_party: dict[str, list[Organisation]] = {}
    for o in orgs:
        by_party.setdefault(_top(o), []).append(o)
    if len(by_party) < 2:
        log("projects: fewer than two parties have organisations, nothing loaded")
        return
    programmes = list(Programme.objects.order_by("pk"))
    clusters = list(Cluster.objects.order_by("pk"))
    fields = list(Field.objects.order_by("pk"))
    office = _user(Role.ADMIN) or User.objects.filter(is_superuser=True).order_by("pk").first()
    today = timezone.localdate()
    demands = list(Demand.objects.filter(status=ListingStatus.NEGOTIATING).order_by("pk")[:3])
    offerings = list(Offering.objects.order_by("pk")[:3])
    xj_orgs = by_party.get("XJ") or next(iter(by_party.values()))
    parties = sorted(by_party)
    projects: list[Project] = []
    for i, status in enumerate(STATUS_PLAN):
        lead = (
            xj_orgs[i % len(xj_orgs)]
            if i % 3
            else by_party[parties[i % len(parties)]][i % len(by_party[parties[i % len(parties)]])]
        )
        others = [p for p in parties if p != _top(lead)]
        partner_parties = rng.sample(others, k=min(len(others), 1 + i % 2))
        partners = [rng.choice(by_party[p]) for p in partner_parties]
        start = today - dt.timedelta(
            days=rng.randint(60, 900) if status != Status.APPLIED else -rng.randint(10, 90)
        )
        if status in (Status.COMPLETED, Status.TERMINATED):
            start = today - dt.timedelta(days=rng.randint(900, 1400))
        end = start + dt.timedelta(days=rng.choice([365, 730, 1095]))
        if status == Status.COMPLETED:
            end = min(end, today - dt.timedelta(days=30))
        demand = demands[i] if i < len(demands) else None
        offering = offerings[i] if demand is not None and i < len(offerings) else None
        project = Project(
            title=TITLES[i % len(TITLES)],
            description=f"{TITLES[i % len(TITLES)]}：四方联合攻关，覆盖基础研究到产业化。",
            lead=lead,
            stage=list(Stage.values)[i % 4],
            programme=programmes[i % len(programmes)],
            region=lead.region,
            start_date=start,
            end_date=end,
            status=Status.APPLIED,
            created_by=None,
            demand=demand,
            offering=offering,
        )
        _refresh_search(project, partners)
        project.save()
        project.partners.set(partners)
        if clusters:
            project.clusters.set(rng.sample(clusters, k=min(2, len(clusters))))
        if fields:
            project.fields.set(rng.sample(fields, k=min(2, len(fields))))
        lead_member = _user(Role.MEMBER, organisation=lead)
        officer = _user(Role.OFFICER, party=lead.party.parent or lead.party) or _user(
            Role.OFFICER, party=lead.party
        )
        ProjectTransition.objects.create(
            project=project,
            to_status=Status.APPLIED,
            actor=lead_member,
            at=timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=30), dt.time(10))),
            comment="申报",
        )
        steps = (
            PATH[1 : PATH.index(status) + 1]
            if status in PATH
            else [Status.APPROVED, Status.IN_PROGRESS, Status.TERMINATED]
        )
        who = {
            Status.APPROVED: officer,
            Status.IN_PROGRESS: officer,
            Status.ACCEPTANCE: lead_member,
            Status.COMPLETED: office,
            Status.TERMINATED: office,
        }
        previous = Status.APPLIED
        for n, step in enumerate(steps):
            project.status = step
            if step == Status.APPROVED:
                project.approved_at = timezone.make_aware(
                    dt.datetime.combine(start - dt.timedelta(days=10), dt.time(10))
                )
            set_change_reason(project, Status(step).label)
            project.save()
            ProjectTransition.objects.create(
                project=project,
                from_status=previous,
                to_status=step,
                actor=who[step],
                at=timezone.make_aware(
                    dt.datetime.combine(min(start + dt.timedelta(days=120 * n), today), dt.time(11))
                ),
                comment="经费未落实，终止执行" if step == Status.TERMINATED else "",
            )
            previous = step
        _fund(project, lead, partners, rng, office)
        _milestones(project, rng, today)
        projects.append(project)
    _outcomes(projects, rng)
    n_contracts = _contracts(projects, orgs, by_party, rng)
    log(f"projects: {len(projects)} projects, {Outcome.objects.count()} outcomes, {n_contracts} contracts")


def _fund(
    project: Project, lead: Organisation, partners: list[Organisation], rng: random.Random, office: Any
) -> None:
    lines = [(lead.party, FundingSource.LOCAL), (lead.party, FundingSource.ENTERPRISE)]
    lines += [(p.party, rng.choice([FundingSource.CENTRAL, FundingSource.SOCIAL])) for p in partners]
    seen = set()
    running = project.status in (Status.IN_PROGRESS, Status.ACCEPTANCE, Status.COMPLETED, Status.TERMINATED)
    for party, source in lines:
        if (party.pk, source) in seen:
            continue
        seen.add((party.pk, source))
        planned = Decimal(rng.randrange(50, 2000) * 5) / 10
        spent = (
            (planned * Decimal(rng.randint(20, 95)) / 100).quantize(Decimal("0.01"))
            if running
            else Decimal("0")
        )
        f = Funding.objects.create(project=project, party=party, source=source, planned=planned, spent=spent)
        if running and rng.random() < 0.25:
            new = (planned * Decimal("1.2")).quantize(Decimal("0.01"))
            FundingAdjustment.objects.create(
                funding=f,
                previous_planned=planned,
                new_planned=new,
                reason="扩大示范规模，追加配套经费",
                actor=office,
            )
            f.planned = new
            set_change_reason(f, "扩大示范规模，追加配套经费")
            f.save()


def _milestones(project: Project, rng: random.Random, today: dt.date) -> None:
    span = (project.end_date - project.start_date).days
    for k, title in enumerate(["实施方案与任务分解", "关键技术突破与样机", "中试验证", "示范应用与验收准备"]):
        due = project.start_date + dt.timedelta(days=span * (k + 1) // 5)
        done = None
        if due < today and (project.status in (Status.COMPLETED,) or rng.random() < 0.6):
            done = due - dt.timedelta(days=rng.randint(0, 20))
        Milestone.objects.create(
            project=project,
            title=title,
            due_date=due,
            completed_on=done,
            deliverables=f"{title}报告及佐证材料",
        )


def _outcomes(projects: list[Project], rng: random.Random) -> None:
    kinds = list(OutcomeKind.values)
    p_i = 0
    for project in projects:
        if project.status not in (Status.IN_PROGRESS, Status.ACCEPTANCE, Status.COMPLETED):
            continue
        for j in range(rng.randint(2, 5)):
            kind = kinds[(j + project.pk) % len(kinds)]
            number = ""
            if kind == OutcomeKind.PATENT:
                number = PATENTS[p_i % len(PATENTS)]
                p_i += 1
            when = min(project.start_date + dt.timedelta(days=rng.randint(90, 700)), timezone.localdate())
            o = Outcome(
                project=project,
                kind=kind,
                title=f"{project.title[:20]}·{OutcomeKind(kind).label}{j + 1}",
                number=number,
                achieved_on=when,
                quantity=rng.randint(3, 30) if kind == OutcomeKind.TALENTS else 1,
            )
            o.full_clean()
            o.save()


def _contracts(
    projects: list[Project],
    orgs: list[Organisation],
    by_party: dict[str, list[Organisation]],
    rng: random.Random,
) -> int:
    from .models import ContractForm

    n = 0
    for project in projects:
        if project.status in (Status.ACCEPTANCE, Status.COMPLETED) and project.partners.exists():
            c = TransferContract(
                title=f"{project.title[:24]}成果转让合同",
                project=project,
                transferor=project.partners.first(),
                transferee=project.lead,
                form=rng.choice(ContractForm.values),
                value=Decimal(rng.randrange(100, 5000)),
                signed_on=project.end_date - dt.timedelta(days=rng.randint(0, 90)),
                region=project.lead.region,
            )
            _refresh_contract_search(c)
            c.save()
            n += 1
    parties = sorted(by_party)
    for k in range(6):
        a = by_party[parties[k % len(parties)]]
        b = by_party[parties[(k + 1) % len(parties)]]
        transferor, transferee = a[k % len(a)], b[(k * 2) % len(b)]
        if transferor.pk == transferee.pk:
            continue
        c = TransferContract(
            title=f"技术许可合同（无项目）{k + 1}",
            transferor=transferor,
            transferee=transferee,
            form=rng.choice(ContractForm.values),
            value=Decimal(rng.randrange(20, 800)),
            signed_on=timezone.localdate() - dt.timedelta(days=rng.randint(30, 1000)),
            region=transferee.region,
        )
        _refresh_contract_search(c)
        c.save()
        n += 1
    return n
