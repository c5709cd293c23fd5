"""/api/v1/projects/: list, detail, create, create from a match, transition; contracts list."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sifang.core.errors import NotFound
from sifang.market.selectors import demand_get, offering_get
from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Programme, Region

from . import selectors, services
from .models import Project, TransferContract
from .schemas import ContractOut, FromMatchIn, ProjectDetailOut, ProjectIn, ProjectOut, TransitionIn

router = Router(tags=["projects"])


class ProjectFilters(Schema):
    q: str = ""
    status: str | None = None
    stage: str | None = None
    party: str | None = None
    programme: int | None = None
    cluster: int | None = None
    organisation: int | None = None
    overdue: bool = False


def _org(o: Organisation) -> dict[str, Any]:
    return {"id": o.pk, "name": o.name, "party": o.party.code}


def _project(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "status": p.status,
        "stage": p.stage,
        "programme": p.programme.name,
        "lead": _org(p.lead),
        "partners": [_org(o) for o in p.partners.all()],
        "start_date": p.start_date,
        "end_date": p.end_date,
        "region_id": p.region_id,
        "cluster_ids": [c.pk for c in p.clusters.all()],
        "field_ids": [f.pk for f in p.fields.all()],
        "demand_id": p.demand_id,
        "offering_id": p.offering_id,
        "has_overdue": bool(getattr(p, "has_overdue", False)),
    }


def _detail(p: Project) -> dict[str, Any]:
    today = timezone.localdate()
    out = _project(p)
    out["fundings"] = [
        {"id": f.pk, "party": f.party.code, "source": f.source, "planned": f.planned, "spent": f.spent}
        for f in selectors.project_fundings(project=p)
    ]
    out["milestones"] = [
        {
            "id": m.pk,
            "title": m.title,
            "due_date": m.due_date,
            "completed_on": m.completed_on,
            "overdue": m.is_overdue_on(today),
        }
        for m in selectors.project_milestones(project=p)
    ]
    out["transitions"] = [
        {
            "from_status": t.from_status,
            "to_status": t.to_status,
            "actor": t.actor.username if t.actor else None,
            "at": t.at,
            "comment": t.comment,
        }
        for t in p.transitions.select_related("actor")
    ]
    return out


def _get(model: type, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: _("Unknown id: %(id)s") % {"id": pk}})
    return obj


@router.get("/", response=list[ProjectOut], operation_id="projects_list")
@paginate(PageNumberPagination, page_size=20)
def project_list(request: HttpRequest, filters: Query[ProjectFilters]) -> Any:
    return [_project(p) for p in selectors.project_list(user=request.auth, **filters.dict())]


@router.get("/contracts/", response=list[ContractOut], operation_id="projects_contracts_list")
@paginate(PageNumberPagination, page_size=20)
def contract_list(request: HttpRequest, without_project: bool = False, year: int | None = None) -> Any:
    rows = selectors.contract_list(user=request.auth, without_project=without_project, year=year)
    return [_contract(c) for c in rows]


def _contract(c: TransferContract) -> dict[str, Any]:
    return {
        "id": c.pk,
        "title": c.title,
        "project_id": c.project_id,
        "transferor": _org(c.transferor),
        "transferee": _org(c.transferee),
        "form": c.form,
        "value": c.value,
        "signed_on": c.signed_on,
        "region_id": c.region_id,
    }


@router.get("/{int:pk}/", response=ProjectDetailOut, operation_id="projects_get")
def project_get(request: HttpRequest, pk: int) -> Any:
    return _detail(selectors.project_get(user=request.auth, pk=pk))


@router.post("/", response={201: ProjectDetailOut}, operation_id="projects_create")
def project_create(request: HttpRequest, payload: ProjectIn) -> Any:
    lead = _get(Organisation, payload.lead_id, "lead_id")
    partners = [_get(Organisation, i, "partner_ids") for i in payload.partner_ids]
    project = services.project_create(
        request.auth,
        lead=lead,
        partners=partners,
        title=payload.title,
        description=payload.description,
        stage=payload.stage,
        programme=_get(Programme, payload.programme_id, "programme_id"),
        region=_get(Region, payload.region_id, "region_id"),
        start_date=payload.start_date,
        end_date=payload.end_date,
        clusters=payload.cluster_ids,
        fields=payload.field_ids,
        comment=payload.comment,
    )
    return Status(201, _detail(selectors.project_get(user=request.auth, pk=project.pk)))


@router.post("/from-match/", response={201: ProjectDetailOut}, operation_id="projects_create_from_match")
def project_create_from_match(request: HttpRequest, payload: FromMatchIn) -> Any:
    try:
        demand = demand_get(user=request.auth, pk=payload.demand_id)
        offering = offering_get(user=request.auth, pk=payload.offering_id)
    except NotFound:
        raise
    project = services.project_create_from_match(
        request.auth,
        demand=demand,
        offering=offering,
        stage=payload.stage,
        programme=_get(Programme, payload.programme_id, "programme_id"),
        start_date=payload.start_date,
        end_date=payload.end_date,
    )
    return Status(201, _detail(selectors.project_get(user=request.auth, pk=project.pk)))


@router.post("/{int:pk}/transition/", response=ProjectDetailOut, operation_id="projects_transition")
def project_transition(request: HttpRequest, pk: int, payload: TransitionIn) -> Any:
    project = selectors.project_get(user=request.auth, pk=pk)
    services.project_transition(request.auth, project=project, to=payload.to, comment=payload.comment)
    return _detail(selectors.project_get(user=request.auth, pk=pk))
