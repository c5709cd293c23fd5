"""/api/v1/market/: demands and offerings."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sifang.core.errors import NotFound
from sifang.organisations.models import Organisation

from . import selectors, services
from .models import Demand, Offering
from .schemas import DemandIn, DemandOut, ListingPatch, OfferingIn, OfferingOut, TransitionIn

router = Router(tags=["market"])


class ListingFilters(Schema):
    q: str = ""
    party: str | None = None
    cluster: int | None = None
    field: int | None = None
    region: int | None = None
    status: str | None = None
    organisation: int | None = None


def _org(pk: int) -> Organisation:
    org = Organisation.objects.select_related("party").filter(pk=pk).first()
    if org is None:
        raise ValidationError({"organisation_id": _("Unknown organisation.")})
    return org


def _payload(data: Schema) -> dict[str, Any]:
    d = data.dict(exclude_unset=True)
    for key in ("region_id", "recommending_unit_id"):
        if key in d:
            d[key[:-3]] = None if d[key] is None else _lookup(key, d.pop(key))
            d.pop(key, None)
    return d


def _lookup(key: str, pk: int) -> Any:
    from sifang.taxonomy.models import Region

    model = Region if key == "region_id" else Organisation
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({key: _("Unknown value.")})
    return obj


def _make(model: type[Demand] | type[Offering], out: type[Schema], name: str) -> None:
    @router.get(f"/{name}s", response=list[out], operation_id=f"market_{name}_list")
    @paginate(PageNumberPagination, page_size=20)
    def list_(request: HttpRequest, filters: ListingFilters = Query(...)) -> Any:  # noqa: B008
        return selectors.listing_list(model, user=request.user, **filters.dict())

    @router.get(f"/{name}s/{{pk}}", response=out, operation_id=f"market_{name}_get")
    def get_(request: HttpRequest, pk: int) -> Any:
        return selectors.listing_get(model, user=request.user, pk=pk)

    @router.patch(f"/{name}s/{{pk}}", response=out, operation_id=f"market_{name}_update")
    def update_(request: HttpRequest, pk: int, data: ListingPatch) -> Any:
        obj = selectors.listing_get(model, user=request.user, pk=pk)
        payload = {
            k: v for k, v in _payload(data).items() if hasattr(model, k) or k in ("clusters", "fields")
        }
        return services.listing_update(obj, request.user, **payload)

    @router.post(f"/{name}s/{{pk}}/transition", response=out, operation_id=f"market_{name}_transition")
    def transition_(request: HttpRequest, pk: int, data: TransitionIn) -> Any:
        obj = selectors.listing_get(model, user=request.user, pk=pk)
        return services.listing_transition(obj, request.user, to=data.to)


_make(Demand, DemandOut, "demand")
_make(Offering, OfferingOut, "offering")


@router.post("/demands", response={201: DemandOut}, operation_id="market_demand_create")
def demand_create(request: HttpRequest, data: DemandIn) -> Any:
    payload = _payload(data)
    org = _org(payload.pop("organisation_id"))
    return Status(201, services.listing_create(Demand, request.user, organisation=org, **payload))


@router.post("/offerings", response={201: OfferingOut}, operation_id="market_offering_create")
def offering_create(request: HttpRequest, data: OfferingIn) -> Any:
    payload = _payload(data)
    org = _org(payload.pop("organisation_id"))
    return Status(201, services.listing_create(Offering, request.user, organisation=org, **payload))


__all__ = ["router", "NotFound", "PermissionDenied"]
