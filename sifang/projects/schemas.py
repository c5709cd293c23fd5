import datetime as dt
from decimal import Decimal

from ninja import Schema


class OrganisationOut(Schema):
    id: int
    name: str
    party: str


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    status: str
    stage: str
    programme: str
    lead: OrganisationOut
    partners: list[OrganisationOut]
    start_date: dt.date
    end_date: dt.date
    region_id: int | None
    cluster_ids: list[int]
    field_ids: list[int]
    demand_id: int | None
    offering_id: int | None
    has_overdue: bool = False


class FundingOut(Schema):
    id: int
    party: str
    source: str
    planned: Decimal
    spent: Decimal


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: dt.date
    completed_on: dt.date | None
    overdue: bool


class TransitionOut(Schema):
    from_status: str
    to_status: str
    actor: str | None
    at: dt.datetime
    comment: str


class ProjectDetailOut(ProjectOut):
    fundings: list[FundingOut]
    milestones: list[MilestoneOut]
    transitions: list[TransitionOut]


class ProjectIn(Schema):
    title: str
    description: str = ""
    lead_id: int
    partner_ids: list[int]
    stage: str
    programme_id: int
    region_id: int | None = None
    start_date: dt.date
    end_date: dt.date
    cluster_ids: list[int] = []
    field_ids: list[int] = []
    comment: str = ""


class FromMatchIn(Schema):
    demand_id: int
    offering_id: int
    stage: str
    programme_id: int
    start_date: dt.date
    end_date: dt.date


class TransitionIn(Schema):
    to: str
    comment: str = ""


class ContractOut(Schema):
    id: int
    title: str
    project_id: int | None
    transferor: OrganisationOut
    transferee: OrganisationOut
    form: str
    value: Decimal
    signed_on: dt.date
    region_id: int | None
