"""/api/v1/people/: contact data masked per the viewer's rights."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sifang.organisations.models import Organisation

from . import selectors, services

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    name: str
    kind: str
    title: str
    organisation_id: int
    organisation: str
    phone: str
    email: str
    id_number: str
    masked: bool


class PersonIn(Schema):
    name: str = Field(..., min_length=1, max_length=60)
    kind: str = "expert"
    organisation_id: int
    title: str = Field("", max_length=120)
    expertise: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    fields: list[int] = []


class PersonFilters(Schema):
    q: str = ""
    party: str | None = None
    kind: str | None = None
    field: int | None = None
    organisation: int | None = None


def _out(user: Any, person: Any) -> dict[str, Any]:
    contact = selectors.person_contact(user=user, person=person)
    return {
        "id": person.id,
        "name": person.name,
        "kind": person.kind,
        "title": person.title,
        "organisation_id": person.organisation_id,
        "organisation": person.organisation.name,
        "phone": contact["phone"],
        "email": contact["email"],
        "id_number": contact["id_number"],
        "masked": bool(contact["masked"]),
    }


@router.get("/", response=list[PersonOut], operation_id="people_list")
@paginate(PageNumberPagination, page_size=20)
def person_list(request: HttpRequest, filters: PersonFilters = Query(...)) -> Any:  # noqa: B008
    return [_out(request.user, p) for p in selectors.person_list(user=request.user, **filters.dict())]


@router.get("/{pk}", response=PersonOut, operation_id="people_get")
def person_get(request: HttpRequest, pk: int) -> Any:
    return _out(request.user, selectors.person_get(user=request.user, pk=pk))


@router.post("/", response={201: PersonOut}, operation_id="people_create")
def person_create(request: HttpRequest, data: PersonIn) -> Any:
    d = data.dict()
    org = Organisation.objects.select_related("party").filter(pk=d.pop("organisation_id")).first()
    if org is None:
        raise ValidationError({"organisation_id": _("Unknown organisation.")})
    person = services.person_create(request.user, organisation=org, **d)
    return Status(201, _out(request.user, person))
