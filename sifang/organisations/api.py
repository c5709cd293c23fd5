"""/api/v1/organisations/."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sifang.taxonomy.models import Party, Region

from . import selectors, services

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    party: str
    region: str | None
    address: str
    credit_code: str | None
    description: str

    @staticmethod
    def resolve_party(obj) -> str:  # noqa: ANN001
        return obj.party.code

    @staticmethod
    def resolve_region(obj) -> str | None:  # noqa: ANN001
        return obj.region.name if obj.region_id else None


class OrganisationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: str
    party: str
    region_id: int | None = None
    address: str = Field("", max_length=300)
    credit_code: str | None = Field(None, max_length=18)
    description: str = ""
    clusters: list[int] = []
    fields: list[int] = []


class OrganisationFilters(Schema):
    q: str = ""
    party: str | None = None
    kind: str | None = None
    cluster: int | None = None
    region: int | None = None


def _resolve(data: OrganisationIn) -> dict[str, Any]:
    d = data.dict()
    party = Party.objects.filter(code=d.pop("party")).first()
    if party is None:
        raise ValidationError({"party": _("Unknown party.")})
    d["party"] = party
    region_id = d.pop("region_id")
    if region_id is not None:
        d["region"] = Region.objects.filter(pk=region_id).first()
        if d["region"] is None:
            raise ValidationError({"region_id": _("Unknown region.")})
    return d


@router.get("/", response=list[OrganisationOut], operation_id="organisations_list")
@paginate(PageNumberPagination, page_size=20)
def organisation_list(request: HttpRequest, filters: OrganisationFilters = Query(...)) -> Any:  # noqa: B008
    return selectors.organisation_list(user=request.user, **filters.dict())


@router.get("/{pk}", response=OrganisationOut, operation_id="organisations_get")
def organisation_get(request: HttpRequest, pk: int) -> Any:
    return selectors.organisation_get(user=request.user, pk=pk)


@router.post("/", response={201: OrganisationOut}, operation_id="organisations_create")
def organisation_create(request: HttpRequest, data: OrganisationIn) -> Any:
    return Status(201, services.organisation_create(request.user, **_resolve(data)))


@router.put("/{pk}", response=OrganisationOut, operation_id="organisations_update")
def organisation_update(request: HttpRequest, pk: int, data: OrganisationIn) -> Any:
    org = selectors.organisation_get(user=request.user, pk=pk)
    return services.organisation_update(org, request.user, **_resolve(data))
