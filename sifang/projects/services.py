"""Changes to joint projects and what hangs off them. Every function takes the acting user
first (keyword-only after it), checks permission, validates with ``full_clean`` and runs in one
transaction: a refused change leaves nothing behind. History is recorded by simple_history;
workflow moves also write a ``ProjectTransition`` (who, when, comment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sifang.core.history import set_change_reason
from sifang.core.text import search_document
from sifang.market.models import Demand, Offering
from sifang.market.models import Status as ListingStatus
from sifang.market.permissions import can_view_listing
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Cluster, Field, Party

from .files import check_upload
from .models import (
    TRANSITIONS,
    Attachment,
    Funding,
    FundingAdjustment,
    Milestone,
    Outcome,
    Project,
    ProjectTransition,
    Status,
    TransferContract,
)
from .permissions import (
    can_adjust_funding,
    can_change_contract,
    can_change_project,
    can_create_contract,
    can_create_project,
    can_transition_project,
)

PROJECT_EDITABLE = {"title", "description", "stage", "programme", "region", "start_date", "end_date"}
MILESTONE_EDITABLE = {"title", "due_date", "deliverables", "completed_on"}
OUTCOME_EDITABLE = {"kind", "title", "number", "achieved_on", "quantity", "description"}
CONTRACT_EDITABLE = {"title", "project", "transferor", "transferee", "form", "value", "signed_on", "region"}


# Helpers --------------------------------------------------------------------------------------


def _decimal(value: Any, field: str) -> Decimal:
    """A non-negative amount in 万元, or a ValidationError naming ``field``."""
    if isinstance(value, bool):
        raise ValidationError({field: _("Enter an amount in 10,000 yuan, e.g. 120.50.")})
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter an amount in 10,000 yuan, e.g. 120.50.")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in 10,000 yuan, e.g. 120.50.")})
    if amount < 0:
        raise ValidationError({field: _("An amount may not be negative.")})
    return amount.quantize(Decimal("0.01"))


def _ids(model: type[models.Model], values: Iterable[Any] | None, field: str) -> list[int] | None:
    if values is None:
        return None
    ids = [v.pk if isinstance(v, model) else int(v) for v in values]
    found = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({field: _("Unknown entries: %(ids)s") % {"ids": ", ".join(map(str, missing))}})
    return ids


def _top(party: Party) -> int:
    return party.parent_id or party.pk


def _check_parties(lead: Organisation, partners: list[Organisation]) -> None:
    if lead.pk in {p.pk for p in partners}:
        raise ValidationError({"partners": _("The lead organisation cannot also be a partner.")})
    tops = {_top(lead.party)} | {_top(p.party) for p in partners}
    if len(tops) < 2:
        raise ValidationError(
            {
                "partners": _(
                    "A joint project needs organisations from at least two parties; lead and partners all "
                    "belong to one party."
                )
            }
        )


def _refresh_search(project: Project, partners: list[Organisation] | None = None) -> None:
    names = [project.lead.name] + [p.name for p in (partners or [])]
    project.search_tokens = search_document(project.title, project.description, *names)


def _check_milestones_within(project: Project) -> None:
    outside = project.milestones.exclude(due_date__gte=project.start_date, due_date__lte=project.end_date)
    m = outside.first()
    if m is not None:
        raise ValidationError(
            {
                "end_date": _("Milestone “%(title)s” (due %(due)s) would fall outside the project's dates.")
                % {"title": m.title, "due": m.due_date}
            }
        )


# Projects -------------------------------------------------------------------------------------


@transaction.atomic
def project_create(
    actor: Any,
    *,
    lead: Organisation,
    partners: Iterable[Organisation],
    title: str,
    stage: str,
    programme: Any,
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    region: Any = None,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    demand: Demand | None = None,
    offering: Offering | None = None,
    fundings: Iterable[dict[str, Any]] = (),
    milestones: Iterable[dict[str, Any]] = (),
    comment: str = "",
    _permitted: bool = False,
) -> Project:
    """Submit (申报) a project. Funding lines and milestones may come along: all or nothing."""
    if not _permitted and not can_create_project(actor, lead=lead):
        raise PermissionDenied(_("You may only submit projects led by your own organisation or party."))
    partners = list(partners)
    project = Project(
        lead=lead,
        title=title,
        description=description,
        stage=stage,
        programme=programme,
        region=region if region is not None else lead.region,
        start_date=start_date,
        end_date=end_date,
        demand=demand,
        offering=offering,
        created_by=actor,
        status=Status.APPLIED,
    )
    errors: dict[str, list[str]] = {}
    try:
        project.full_clean(exclude=["search_tokens"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _check_parties(lead, partners)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    _refresh_search(project, partners)
    set_change_reason(project, _("submitted"))
    project.save()
    project.partners.set(partners)
    cluster_ids = _ids(Cluster, clusters, "clusters")
    field_ids = _ids(Field, fields, "fields")
    if cluster_ids is not None:
        project.clusters.set(cluster_ids)
    if field_ids is not None:
        project.fields.set(field_ids)
    ProjectTransition.objects.create(
        project=project, from_status="", to_status=Status.APPLIED, actor=actor, comment=comment
    )
    for line in fundings:
        funding_add(actor, project=project, **line)
    for m in milestones:
        milestone_create(actor, project=project, **m)
    return project


@transaction.atomic
def project_update(
    actor: Any,
    *,
    project: Project,
    partners: Iterable[Organisation] | None = None,
    clusters: Iterable[Any] | None = None,
    fields: Iterable[Any] | None = None,
    **data: Any,
) -> Project:
    obj = Project.objects.select_for_update().select_related("lead", "lead__party").get(pk=project.pk)
    if not can_change_project(actor, obj):
        raise PermissionDenied(_("You may not change this project."))
    if not obj.is_open:
        raise ValidationError(_("A completed or terminated project can no longer be changed."))
    unknown = set(data) - PROJECT_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(obj, key, value)
    partner_list = list(partners) if partners is not None else list(obj.partners.all())
    errors: dict[str, list[str]] = {}
    try:
        obj.full_clean(exclude=["search_tokens"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        _check_parties(obj.lead, partner_list)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not errors:
        try:
            _check_milestones_within(obj)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    _refresh_search(obj, partner_list)
    obj.save()
    if partners is not None:
        obj.partners.set(partner_list)
    cluster_ids = _ids(Cluster, clusters, "clusters")
    field_ids = _ids(Field, fields, "fields")
    if cluster_ids is not None:
        obj.clusters.set(cluster_ids)
    if field_ids is not None:
        obj.fields.set(field_ids)
    return obj


@transaction.atomic
def project_transition(actor: Any, *, project: Project, to: str, comment: str = "") -> Project:
    """Move ``project`` to ``to`` if the workflow allows it and ``actor`` holds the role for it."""
    locked = Project.objects.select_for_update().select_related("lead", "lead__party").get(pk=project.pk)
    if to not in Status.values:
        raise ValidationError({"to": _("Unknown status: %(s)s") % {"s": to}})
    if to not in TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "to": _("A project that is “%(from)s” cannot become “%(to)s”.")
                % {"from": Status(locked.status).label, "to": Status(to).label}
            }
        )
    if not can_transition_project(actor, locked, to):
        raise PermissionDenied(
            {
                Status.APPROVED: _("Only an officer of a funding party may approve a project."),
                Status.IN_PROGRESS: _("Only an officer of a funding party may start a project."),
                Status.ACCEPTANCE: _(
                    "Only members of the lead organisation may submit a project for acceptance."
                ),
                Status.COMPLETED: _("Only the liaison office may complete a project."),
                Status.TERMINATED: _("Only the liaison office may terminate a project."),
            }[Status(to)]
        )
    comment = (comment or "").strip()
    if to == Status.TERMINATED and not comment:
        raise ValidationError({"comment": _("Give the reason for terminating the project.")})
    previous = locked.status
    locked.status = to
    if to == Status.APPROVED:
        locked.approved_at = timezone.now()
    set_change_reason(locked, comment[:100] or Status(to).label)
    locked.save(update_fields=["status", "approved_at", "updated_at"])
    ProjectTransition.objects.create(
        project=locked, from_status=previous, to_status=to, actor=actor, comment=comment
    )
    project.status, project.approved_at = locked.status, locked.approved_at
    return locked


@transaction.atomic
def project_create_from_match(actor: Any, *, demand: Demand, offering: Offering, **extra: Any) -> Project:
    """Turn a demand–offering match in negotiation into a project: the demand's organisation
    leads, the offering's organisation partners; title, description, clusters and fields are
    carried over (``extra`` may override them and must give stage, programme and dates; extra
    ``partners`` are added). Members and officers of either side, and the office, may do it."""
    if not (can_view_listing(actor, demand) and can_view_listing(actor, offering)):
        raise PermissionDenied(_("You may not see this demand or offering."))
    # Either side of the negotiation may turn it into a project.
    if not (
        can_create_project(actor, lead=demand.organisation)
        or can_create_project(actor, lead=offering.organisation)
    ):
        raise PermissionDenied(
            _("Only the demand's or the offering's side may turn this match into a project.")
        )
    if demand.status != ListingStatus.NEGOTIATING:
        raise ValidationError(
            {
                "demand": _("Only a demand in negotiation can become a project (this one is “%(s)s”).")
                % {"s": ListingStatus(demand.status).label}
            }
        )
    partners = [
        offering.organisation,
        *[p for p in extra.pop("partners", []) if p.pk != offering.organisation_id],
    ]
    data: dict[str, Any] = {
        "title": demand.title,
        "description": "\n\n".join(t for t in (demand.description, offering.description) if t),
        "region": demand.region,
        "clusters": sorted({c.pk for c in demand.clusters.all()} | {c.pk for c in offering.clusters.all()}),
        "fields": sorted({f.pk for f in demand.fields.all()} | {f.pk for f in offering.fields.all()}),
    }
    data.update(extra)
    return project_create(
        actor,
        lead=demand.organisation,
        partners=partners,
        demand=demand,
        offering=offering,
        _permitted=True,
        **data,
    )


# Funding --------------------------------------------------------------------------------------


def _changeable_project(actor: Any, project: Project) -> Project:
    locked = Project.objects.select_for_update().select_related("lead", "lead__party").get(pk=project.pk)
    if not can_change_project(actor, locked):
        raise PermissionDenied(_("You may not change this project."))
    if not locked.is_open:
        raise ValidationError(_("A completed or terminated project can no longer be changed."))
    return locked


@transaction.atomic
def funding_add(
    actor: Any, *, project: Project, party: Party, source: str, planned: Any, spent: Any = 0
) -> Funding:
    locked = _changeable_project(actor, project)
    errors: dict[str, list[str]] = {}
    amounts: dict[str, Decimal] = {}
    for name, value in (("planned", planned), ("spent", spent)):
        try:
            amounts[name] = _decimal(value, name)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    if locked.fundings.filter(party=party, source=source).exists():
        raise ValidationError({"source": _("This party already has a funding line from this source.")})
    funding = Funding(project=locked, party=party, source=source, **amounts)
    funding.full_clean()
    funding.save()
    return funding


@transaction.atomic
def funding_record_spending(actor: Any, *, funding: Funding, spent: Any) -> Funding:
    """Set the amount spent so far; it may not exceed the plan (adjust the plan first)."""
    obj = Funding.objects.select_for_update().get(pk=funding.pk)
    _changeable_project(actor, obj.project)
    obj.spent = _decimal(spent, "spent")
    obj.full_clean()
    obj.save(update_fields=["spent"])
    return obj


@transaction.atomic
def funding_adjust(actor: Any, *, funding: Funding, planned: Any, reason: str) -> FundingAdjustment:
    """Change a plan explicitly, with a reason; recorded as a ``FundingAdjustment``."""
    obj = Funding.objects.select_for_update().select_related("party", "project").get(pk=funding.pk)
    if not can_adjust_funding(actor, obj):
        raise PermissionDenied(
            _("Only an officer of the funding party or the liaison office may adjust a plan.")
        )
    if not obj.project.is_open:
        raise ValidationError(_("A completed or terminated project can no longer be changed."))
    new = _decimal(planned, "planned")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the adjustment.")})
    if new == obj.planned:
        raise ValidationError({"planned": _("The new plan equals the current one.")})
    if new < obj.spent:
        raise ValidationError(
            {
                "planned": _("The plan may not fall below what has been spent (%(spent)s).")
                % {"spent": obj.spent}
            }
        )
    adjustment = FundingAdjustment(
        funding=obj, previous_planned=obj.planned, new_planned=new, reason=reason, actor=actor
    )
    adjustment.full_clean()
    adjustment.save()
    obj.planned = new
    set_change_reason(obj, reason[:100])
    obj.full_clean()
    obj.save(update_fields=["planned"])
    funding.planned = new
    return adjustment


# Milestones -----------------------------------------------------------------------------------


def _check_due(project: Project, due: dt.date | None) -> None:
    if due and not (project.start_date <= due <= project.end_date):
        raise ValidationError(
            {
                "due_date": _("The due date must lie within the project's dates (%(start)s – %(end)s).")
                % {"start": project.start_date, "end": project.end_date}
            }
        )


@transaction.atomic
def milestone_create(
    actor: Any,
    *,
    project: Project,
    title: str,
    due_date: dt.date,
    deliverables: str = "",
    completed_on: Any = None,
) -> Milestone:
    locked = _changeable_project(actor, project)
    m = Milestone(
        project=locked, title=title, due_date=due_date, deliverables=deliverables, completed_on=completed_on
    )
    m.full_clean()
    _check_due(locked, due_date)
    m.save()
    return m


@transaction.atomic
def milestone_update(actor: Any, *, milestone: Milestone, **data: Any) -> Milestone:
    obj = Milestone.objects.select_for_update().get(pk=milestone.pk)
    locked = _changeable_project(actor, obj.project)
    unknown = set(data) - MILESTONE_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    _check_due(locked, obj.due_date)
    obj.save()
    return obj


# Outcomes -------------------------------------------------------------------------------------


@transaction.atomic
def outcome_create(actor: Any, *, project: Project, **data: Any) -> Outcome:
    locked = Project.objects.select_for_update().select_related("lead", "lead__party").get(pk=project.pk)
    if not can_change_project(actor, locked):
        raise PermissionDenied(_("You may not change this project."))
    unknown = set(data) - OUTCOME_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    obj = Outcome(project=locked, **data)
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def outcome_update(actor: Any, *, outcome: Outcome, **data: Any) -> Outcome:
    obj = Outcome.objects.select_for_update().select_related("project").get(pk=outcome.pk)
    if not can_change_project(actor, obj.project):
        raise PermissionDenied(_("You may not change this project."))
    unknown = set(data) - OUTCOME_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    obj.save()
    return obj


# Files ----------------------------------------------------------------------------------------


@transaction.atomic
def attachment_add(
    actor: Any, *, upload: Any, milestone: Milestone | None = None, outcome: Outcome | None = None
) -> Attachment:
    """Store an evidence file of a milestone or an attachment of an outcome, after checking its
    size, extension and content. Stored under a random name via the default storage."""
    if (milestone is None) == (outcome is None):
        raise ValidationError(_("An attachment belongs to exactly one milestone or outcome."))
    owner = milestone if milestone is not None else outcome
    assert owner is not None  # exactly one of the two, checked above
    project = owner.project
    locked = Project.objects.select_for_update().select_related("lead", "lead__party").get(pk=project.pk)
    if not can_change_project(actor, locked):
        raise PermissionDenied(_("You may not change this project."))
    _ext, content_type = check_upload(upload)
    name = (getattr(upload, "name", "") or "file").replace("\\", "/").rsplit("/", 1)[-1][:200]
    obj = Attachment(
        milestone=milestone,
        outcome=outcome,
        original_name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=actor,
    )
    obj.file.save(name, upload, save=False)
    stored = obj.file.name
    try:
        obj.full_clean(exclude=["file"])
        obj.save()
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise
    return obj


# Contracts ------------------------------------------------------------------------------------


def _refresh_contract_search(obj: TransferContract) -> None:
    obj.search_tokens = search_document(obj.title, obj.transferor.name, obj.transferee.name)


@transaction.atomic
def contract_create(actor: Any, **data: Any) -> TransferContract:
    if not can_create_contract(actor):
        raise PermissionDenied(_("You may not record technology-transfer contracts."))
    unknown = set(data) - CONTRACT_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "value" in data:
        data["value"] = _decimal(data["value"], "value")
    obj = TransferContract(created_by=actor, **data)
    if obj.region_id is None and obj.transferee_id and obj.transferee.region_id:
        obj.region_id = obj.transferee.region_id
    obj.full_clean(exclude=["search_tokens"])
    if not can_change_contract(actor, obj):
        raise PermissionDenied(_("You may only record contracts of your own organisation or party."))
    if obj.project is not None and not can_change_project(actor, obj.project):
        raise PermissionDenied(_("You may not change this project."))
    _refresh_contract_search(obj)
    obj.save()
    return obj


@transaction.atomic
def contract_update(actor: Any, *, contract: TransferContract, **data: Any) -> TransferContract:
    obj = TransferContract.objects.select_for_update().get(pk=contract.pk)
    if not can_change_contract(actor, obj):
        raise PermissionDenied(_("You may only change contracts of your own organisation or party."))
    unknown = set(data) - CONTRACT_EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "value" in data:
        data["value"] = _decimal(data["value"], "value")
    old_project = obj.project_id
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean(exclude=["search_tokens"])
    if not can_change_contract(actor, obj):
        raise PermissionDenied(_("You may only record contracts of your own organisation or party."))
    if (
        obj.project_id != old_project
        and obj.project is not None
        and not can_change_project(actor, obj.project)
    ):
        raise PermissionDenied(_("You may not change this project."))
    _refresh_contract_search(obj)
    obj.save()
    return obj
