import datetime as dt
from decimal import Decimal

from ninja import Field, Schema
from pydantic import field_validator


class ListingIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    organisation_id: int
    description: str = ""
    keywords: str = Field("", max_length=300)
    region_id: int | None = None
    recommending_unit_id: int | None = None
    clusters: list[int] = []
    fields: list[int] = []
    cooperation_forms: list[str] = []
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    deadline: dt.date | None = None
    visibility: str = "mechanism"


class DemandIn(ListingIn):
    min_trl: int | None = Field(None, ge=1, le=9)


class OfferingIn(ListingIn):
    kind: str = "achievement"
    trl: int | None = Field(None, ge=1, le=9)
    maturity: str = ""
    ip_status: str = ""
    patent_numbers: str = ""


class ListingPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    keywords: str | None = Field(None, max_length=300)
    clusters: list[int] | None = None
    fields: list[int] | None = None
    cooperation_forms: list[str] | None = None
    amount: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    deadline: dt.date | None = None
    visibility: str | None = None
    min_trl: int | None = Field(None, ge=1, le=9)
    trl: int | None = Field(None, ge=1, le=9)


class TransitionIn(Schema):
    to: str

    @field_validator("to")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()


class TagOut(Schema):
    id: int
    name: str


class ListingOut(Schema):
    id: int
    title: str
    description: str
    organisation_id: int
    organisation: str
    party: str
    region: str | None
    clusters: list[TagOut]
    fields: list[TagOut]
    cooperation_forms: list[str]
    amount: Decimal | None
    deadline: dt.date | None
    status: str
    visibility: str
    published_at: dt.datetime | None

    @staticmethod
    def resolve_organisation(obj) -> str:  # noqa: ANN001
        return obj.organisation.name

    @staticmethod
    def resolve_party(obj) -> str:  # noqa: ANN001
        return obj.party.code

    @staticmethod
    def resolve_region(obj) -> str | None:  # noqa: ANN001
        return obj.region.name if obj.region_id else None

    @staticmethod
    def resolve_clusters(obj) -> list[dict]:  # noqa: ANN001
        return [{"id": c.id, "name": c.name} for c in obj.clusters.all()]

    @staticmethod
    def resolve_fields(obj) -> list[dict]:  # noqa: ANN001
        return [{"id": f.id, "name": f.name} for f in obj.fields.all()]


class DemandOut(ListingOut):
    min_trl: int | None


class OfferingOut(ListingOut):
    kind: str
    trl: int | None
    maturity: str
    ip_status: str
    patent_numbers: str
