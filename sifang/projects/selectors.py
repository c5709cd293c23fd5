"""Reads of projects and everything attached to them, always limited to what the actor may see;
a missing or forbidden record is ``NotFound``. Aggregates (totals by party, cluster, region, year)
are computed by the database for the dashboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from sifang.core.errors import NotFound
from sifang.core.search import search_q
from sifang.talent.history import history_rows
from sifang.taxonomy.selectors import count_by_top_party

from .models import (
    RUNNING_STATUSES,
    Attachment,
    Funding,
    Milestone,
    Outcome,
    Project,
    TransferContract,
)
from .permissions import changeable_q, contract_changeable_q, contract_visible_q, visible_q

ZERO = Decimal("0")


def _overdue_q(today: dt.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}completed_on__isnull": True,
            f"{prefix}due_date__lt": today,
            f"{prefix}project__status__in": RUNNING_STATUSES,
        }
    )


def project_list(
    *,
    user: Any,
    q: str = "",
    status: str | None = None,
    stage: str | None = None,
    party: str | None = None,
    programme: int | None = None,
    cluster: int | None = None,
    organisation: int | None = None,
    overdue: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Project]:
    today = today or timezone.localdate()
    qs = (
        Project.objects.filter(visible_q(user))
        .select_related("lead", "lead__party", "lead__party__parent", "programme", "region")
        .prefetch_related("partners", "partners__party", "clusters", "fields")
        .annotate(
            has_overdue=Exists(Milestone.objects.filter(_overdue_q(today), project=OuterRef("pk"))),
        )
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if status:
        qs = qs.filter(status=status)
    if stage:
        qs = qs.filter(stage=stage)
    if party:
        in_party = Q(lead__party__code=party) | Q(lead__party__parent__code=party)
        in_party |= Q(
            pk__in=Project.objects.filter(
                Q(partners__party__code=party) | Q(partners__party__parent__code=party)
            ).values("pk")
        )
        in_party |= Q(
            pk__in=Project.objects.filter(
                Q(fundings__party__code=party) | Q(fundings__party__parent__code=party)
            ).values("pk")
        )
        qs = qs.filter(in_party)
    if programme:
        qs = qs.filter(programme=programme)
    if cluster:
        qs = qs.filter(pk__in=Project.objects.filter(clusters=cluster).values("pk"))
    if organisation:
        qs = qs.filter(
            Q(lead=organisation) | Q(pk__in=Project.objects.filter(partners=organisation).values("pk"))
        )
    if overdue:
        qs = qs.filter(has_overdue=True)
    return qs


def project_get(*, user: Any, pk: int) -> Project:
    obj = project_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Project._meta.verbose_name)
    return obj


def project_get_for_change(*, user: Any, pk: int) -> Project:
    obj = project_list(user=user).filter(changeable_q(user)).filter(pk=pk).first()
    if obj is None:
        raise NotFound(Project._meta.verbose_name)
    return obj


def project_fundings(*, project: Project) -> QuerySet[Funding]:
    return project.fundings.select_related("party", "party__parent").prefetch_related("adjustments__actor")


def project_funding_totals(*, project: Project) -> dict[str, Decimal]:
    agg = project.fundings.aggregate(
        planned=Coalesce(Sum("planned"), ZERO), spent=Coalesce(Sum("spent"), ZERO)
    )
    return {"planned": agg["planned"], "spent": agg["spent"]}


def project_milestones(*, project: Project) -> QuerySet[Milestone]:
    return project.milestones.select_related("project").prefetch_related("files")


def project_outcomes(*, project: Project) -> QuerySet[Outcome]:
    return project.outcomes.prefetch_related("files")


def project_history(*, project: Project) -> list[dict[str, Any]]:
    return history_rows(project)


def funding_get(*, user: Any, pk: int) -> Funding:
    obj = (
        Funding.objects.select_related("project", "party")
        .filter(pk=pk, project__in=project_list(user=user))
        .first()
    )
    if obj is None:
        raise NotFound(Funding._meta.verbose_name)
    return obj


def milestone_get(*, user: Any, pk: int) -> Milestone:
    obj = (
        Milestone.objects.select_related("project", "project__lead")
        .filter(pk=pk, project__in=Project.objects.filter(visible_q(user)))
        .first()
    )
    if obj is None:
        raise NotFound(Milestone._meta.verbose_name)
    return obj


def outcome_get(*, user: Any, pk: int) -> Outcome:
    obj = (
        Outcome.objects.select_related("project", "project__lead")
        .filter(pk=pk, project__in=Project.objects.filter(visible_q(user)))
        .first()
    )
    if obj is None:
        raise NotFound(Outcome._meta.verbose_name)
    return obj


def attachment_get(*, user: Any, pk: int) -> Attachment:
    """An attachment whose record (milestone or outcome, hence project) ``user`` may see."""
    visible = Project.objects.filter(visible_q(user))
    obj = (
        Attachment.objects.select_related("milestone__project", "outcome__project")
        .filter(Q(milestone__project__in=visible) | Q(outcome__project__in=visible), pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound(Attachment._meta.verbose_name)
    return obj


# Overdue milestones ---------------------------------------------------------------------------


def milestones_overdue(
    *,
    user: Any = None,
    organisation: Any = None,
    party: str | None = None,
    today: dt.date | None = None,
) -> QuerySet[Milestone]:
    """Overdue milestones of running projects (立项, 执行中, 验收), limited to what ``user`` may
    see (all when ``user`` is None: for internal callers such as jobs); optionally of projects
    led by ``organisation`` or whose lead belongs to ``party`` (a code; units included)."""
    today = today or timezone.localdate()
    qs = Milestone.objects.filter(_overdue_q(today)).select_related(
        "project", "project__lead", "project__lead__party"
    )
    if user is not None:
        qs = qs.filter(project__in=Project.objects.filter(visible_q(user)))
    if organisation is not None:
        qs = qs.filter(project__lead=getattr(organisation, "pk", organisation))
    if party:
        qs = qs.filter(Q(project__lead__party__code=party) | Q(project__lead__party__parent__code=party))
    return qs.order_by("due_date", "id")


def milestones_overdue_for_organisation(
    org: Any, *, user: Any = None, today: dt.date | None = None
) -> QuerySet[Milestone]:
    """Overdue milestones of projects led by ``org`` (see ``milestones_overdue``)."""
    return milestones_overdue(user=user, organisation=org, today=today)


def overdue_counts_by_party(*, user: Any = None, today: dt.date | None = None) -> list[dict[str, Any]]:
    """Rows ``{"party": code of the lead's top-level party, "n": overdue milestones}``."""
    totals = count_by_top_party(milestones_overdue(user=user, today=today), "project__lead__party")
    return [{"party": k, "n": v} for k, v in sorted(totals.items())]


# Outcomes and contracts -------------------------------------------------------------------------


def contract_list(
    *,
    user: Any,
    q: str = "",
    form: str | None = None,
    party: str | None = None,
    region: int | None = None,
    year: int | None = None,
    project: int | None = None,
    without_project: bool = False,
) -> QuerySet[TransferContract]:
    qs = TransferContract.objects.filter(contract_visible_q(user)).select_related(
        "project", "transferor", "transferor__party", "transferee", "transferee__party", "region"
    )
    if q.strip():
        qs = qs.filter(search_q(q))
    if form:
        qs = qs.filter(form=form)
    if party:
        qs = qs.filter(
            Q(transferor__party__code=party)
            | Q(transferor__party__parent__code=party)
            | Q(transferee__party__code=party)
            | Q(transferee__party__parent__code=party)
        )
    if region:
        qs = qs.filter(region=region)
    if year:
        qs = qs.filter(signed_on__year=year)
    if project:
        qs = qs.filter(project=project)
    if without_project:
        qs = qs.filter(project__isnull=True)
    return qs


def contract_get(*, user: Any, pk: int) -> TransferContract:
    obj = contract_list(user=user).filter(pk=pk).first()
    if obj is None:
        raise NotFound(TransferContract._meta.verbose_name)
    return obj


def contract_get_for_change(*, user: Any, pk: int) -> TransferContract:
    obj = contract_list(user=user).filter(contract_changeable_q(user)).filter(pk=pk).first()
    if obj is None:
        raise NotFound(TransferContract._meta.verbose_name)
    return obj


_OUTCOME_GROUPS = {
    "party": ("project__lead__party__code", "project__lead__party__parent__code"),
    "cluster": ("project__clusters__id", "project__clusters__name"),
    "region": ("project__region__id", "project__region__name"),
    "year": ("year", None),
}


def outcome_totals(*, user: Any, by: str = "party") -> list[dict[str, Any]]:
    """Outcomes of visible projects aggregated by ``party`` (top-level party of the lead),
    ``cluster`` (of the project; a project in two clusters counts in both), ``region`` (of the
    project) or ``year`` (of the outcome). Rows ``{"key", "label", "kind", "n", "quantity"}``."""
    if by not in _OUTCOME_GROUPS:
        raise ValueError(f"unknown grouping {by!r}")
    qs = Outcome.objects.filter(project__in=Project.objects.filter(visible_q(user)))
    key_field, label_field = _OUTCOME_GROUPS[by]
    if by == "year":
        qs = qs.annotate(year=ExtractYear("achieved_on"))
    values = [key_field, "kind"] + ([label_field] if label_field else [])
    rows = qs.values(*values).annotate(n=Count("id"), quantity=Coalesce(Sum("quantity"), 0)).order_by()
    return _merge_rows(
        rows, by=by, key_field=key_field, label_field=label_field, sums=("n", "quantity"), extra="kind"
    )


def contract_totals(*, user: Any, by: str = "party", side: str = "transferee") -> list[dict[str, Any]]:
    """Visible contracts aggregated by ``party`` (top-level party of the ``side``: transferee or
    transferor), ``cluster`` (of the project; contracts without a project under key None),
    ``region`` (of the contract) or ``year`` (signed). Rows ``{"key", "label", "n", "value"}``."""
    qs = TransferContract.objects.filter(contract_visible_q(user))
    groups = {
        "party": (f"{side}__party__code", f"{side}__party__parent__code"),
        "cluster": ("project__clusters__id", "project__clusters__name"),
        "region": ("region__id", "region__name"),
        "year": ("year", None),
    }
    if by not in groups:
        raise ValueError(f"unknown grouping {by!r}")
    key_field, label_field = groups[by]
    if by == "year":
        qs = qs.annotate(year=ExtractYear("signed_on"))
    values = [key_field] + ([label_field] if label_field else [])
    rows = qs.values(*values).annotate(n=Count("id"), value=Coalesce(Sum("value"), ZERO)).order_by()
    return _merge_rows(
        rows, by=by, key_field=key_field, label_field=label_field, sums=("n", "value"), extra=None
    )


def _merge_rows(
    rows: Any, *, by: str, key_field: str, label_field: str | None, sums: tuple[str, ...], extra: str | None
) -> list[dict[str, Any]]:
    merged: dict[tuple[Any, Any], dict[str, Any]] = {}
    for r in rows:
        if by == "party":
            key = r[label_field] or r[key_field] if label_field else r[key_field]
            label = key
        else:
            key = r[key_field]
            label = r[label_field] if label_field else key
        ident = (key, r[extra] if extra else None)
        row = merged.setdefault(ident, {"key": key, "label": label, **({extra: r[extra]} if extra else {})})
        for s in sums:
            row[s] = row.get(s, 0) + r[s]
    return sorted(merged.values(), key=lambda d: (str(d["key"]), str(d.get(extra, "")) if extra else ""))


def contract_history(*, contract: TransferContract) -> list[dict[str, Any]]:
    return history_rows(contract)


def record_history(*, obj: Any) -> list[dict[str, Any]]:
    """History rows of a funding line, milestone or outcome (shown on the project page)."""
    return history_rows(obj)
