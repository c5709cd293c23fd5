"""/api/v1/talent/: talent exchanges — list, detail, create, update; counts."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Programme

from . import selectors, services
from .models import Exchange

router = Router(tags=["talent"])


class ExchangeOut(Schema):
    id: int
    kind: str
    person_id: int
    person_name: str
    phone: str
    email: str
    from_organisation_id: int
    to_organisation_id: int
    start_date: dt.date
    end_date: dt.date
    programme_id: int | None
    results: str


class ExchangeIn(Schema):
    kind: str
    person_id: int
    from_organisation_id: int
    to_organisation_id: int
    start_date: dt.date
    end_date: dt.date
    programme_id: int | None = None
    results: str = ""


class ExchangePatch(Schema):
    kind: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    programme_id: int | None = None
    results: str | None = None


class ExchangeFilters(Schema):
    q: str = ""
    kind: str | None = None
    party: str | None = None
    year: int | None = None
    programme: int | None = None


class CountOut(Schema):
    key: Any
    n: int


def _out(request: HttpRequest, e: Exchange) -> dict[str, Any]:
    contact = selectors.exchange_person_contact(user=request.auth, exchange=e)
    return {
        "id": e.pk,
        "kind": e.kind,
        "person_id": e.person_id,
        "person_name": e.person.name,
        "phone": contact["phone"],
        "email": contact["email"],
        "from_organisation_id": e.from_organisation_id,
        "to_organisation_id": e.to_organisation_id,
        "start_date": e.start_date,
        "end_date": e.end_date,
        "programme_id": e.programme_id,
        "results": e.results,
    }


def _get(model: type, pk: int | None, field: str) -> Any:
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: _("Unknown id: %(id)s") % {"id": pk}})
    return obj


@router.get("/exchanges/", response=list[ExchangeOut], operation_id="talent_list")
@paginate(PageNumberPagination, page_size=20)
def exchange_list(request: HttpRequest, filters: Query[ExchangeFilters]) -> Any:
    return [_out(request, e) for e in selectors.exchange_list(user=request.auth, **filters.dict())]


@router.get("/exchanges/counts/", response=list[CountOut], operation_id="talent_counts")
def exchange_counts(request: HttpRequest, by: str = "party") -> Any:
    if by not in {"party", "kind", "year"}:
        raise ValidationError({"by": _("Group by party, kind or year.")})
    return [{"key": r["key"], "n": r["n"]} for r in selectors.exchange_counts(user=request.auth, by=by)]


@router.get("/exchanges/{int:pk}/", response=ExchangeOut, operation_id="talent_get")
def exchange_get(request: HttpRequest, pk: int) -> Any:
    return _out(request, selectors.exchange_get(user=request.auth, pk=pk))


@router.post("/exchanges/", response={201: ExchangeOut}, operation_id="talent_create")
def exchange_create(request: HttpRequest, payload: ExchangeIn) -> Any:
    ex = services.exchange_create(
        request.auth,
        kind=payload.kind,
        person=_get(Person, payload.person_id, "person_id"),
        from_organisation=_get(Organisation, payload.from_organisation_id, "from_organisation_id"),
        to_organisation=_get(Organisation, payload.to_organisation_id, "to_organisation_id"),
        start_date=payload.start_date,
        end_date=payload.end_date,
        programme=_get(Programme, payload.programme_id, "programme_id"),
        results=payload.results,
    )
    return Status(201, _out(request, selectors.exchange_get(user=request.auth, pk=ex.pk)))


@router.patch("/exchanges/{int:pk}/", response=ExchangeOut, operation_id="talent_update")
def exchange_update(request: HttpRequest, pk: int, payload: ExchangePatch) -> Any:
    ex = selectors.exchange_get(user=request.auth, pk=pk)
    data = payload.dict(exclude_unset=True)
    if "programme_id" in data:
        data["programme"] = _get(Programme, data.pop("programme_id"), "programme_id")
    services.exchange_update(request.auth, exchange=ex, **data)
    return _out(request, selectors.exchange_get(user=request.auth, pk=pk))
