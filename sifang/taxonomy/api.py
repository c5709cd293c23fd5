"""/api/v1/taxonomy/: parties, clusters (versioned), fields, regions."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from . import selectors
from .models import AidPairing

router = Router(tags=["taxonomy"])


class PartyOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    parent_code: str | None

    @staticmethod
    def resolve_parent_code(obj) -> str | None:  # noqa: ANN001
        return obj.parent.code if obj.parent_id else None


class ClusterOut(Schema):
    id: int
    name: str
    name_en: str
    scheme: str
    confirmed: bool

    @staticmethod
    def resolve_scheme(obj) -> str:  # noqa: ANN001
        return obj.scheme.code


class TagOut(Schema):
    id: int
    name: str
    name_en: str


class RegionOut(TagOut):
    kind: str


class PairingOut(Schema):
    supporter: str
    supported: str


@router.get("/parties", response=list[PartyOut], operation_id="taxonomy_parties")
def parties(request: HttpRequest) -> Any:
    return selectors.party_list()


@router.get("/clusters", response=list[ClusterOut], operation_id="taxonomy_clusters")
def clusters(request: HttpRequest, on: dt.date | None = None) -> Any:
    return selectors.cluster_list(on=on)


@router.get("/fields", response=list[TagOut], operation_id="taxonomy_fields")
def fields(request: HttpRequest) -> Any:
    return selectors.field_list()


@router.get("/regions", response=list[RegionOut], operation_id="taxonomy_regions")
def regions(request: HttpRequest) -> Any:
    return selectors.region_list()


@router.get("/aid-pairings", response=list[PairingOut], operation_id="taxonomy_aid_pairings")
def aid_pairings(request: HttpRequest) -> Any:
    return [
        {"supporter": a.supporter.name, "supported": a.supported.name}
        for a in AidPairing.objects.select_related("supporter", "supported")
    ]
