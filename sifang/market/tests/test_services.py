from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sifang.core.testing import DemandFactory, OfferingFactory
from sifang.market import services
from sifang.market.models import TRANSITIONS, Demand, Offering, Status
from sifang.taxonomy.models import Cluster

pytestmark = pytest.mark.django_db

ALL = list(Status.values)


@pytest.mark.parametrize("model", [Demand, Offering])
@pytest.mark.parametrize("start", ALL)
@pytest.mark.parametrize("to", ALL)
def test_every_workflow_transition_is_allowed_or_refused(model, start, to, users, org_xj):
    factory = DemandFactory if model is Demand else OfferingFactory
    obj = factory(status=start, organisation=org_xj, party=org_xj.party)
    if to in TRANSITIONS[start]:
        services.listing_transition(obj, users["member_xj"], to=to)
        obj.refresh_from_db()
        assert obj.status == to
    else:
        with pytest.raises(ValidationError):
            services.listing_transition(obj, users["member_xj"], to=to)
        obj.refresh_from_db()
        assert obj.status == start


def test_withdrawn_is_reachable_from_every_open_state_only():
    open_states = {s for s, targets in TRANSITIONS.items() if Status.WITHDRAWN in targets}
    assert open_states == {Status.DRAFT, Status.PUBLISHED, Status.NEGOTIATING}


def test_publishing_sets_the_publication_date(users, org_xj):
    d = DemandFactory(status=Status.DRAFT, organisation=org_xj, party=org_xj.party, published_at=None)
    services.demand_publish(d, users["member_xj"])
    d.refresh_from_db()
    assert d.published_at is not None


def test_unknown_status_is_refused(users, org_xj):
    d = DemandFactory(status=Status.DRAFT, organisation=org_xj, party=org_xj.party)
    with pytest.raises(ValidationError):
        services.listing_transition(d, users["member_xj"], to="bogus")


@pytest.mark.parametrize("actor", ["member_cas", "viewer", "outsider", "officer_cas"])
def test_transition_by_someone_of_another_organisation_is_refused(actor, users, org_xj):
    d = DemandFactory(status=Status.DRAFT, organisation=org_xj, party=org_xj.party)
    with pytest.raises(PermissionDenied):
        services.listing_transition(d, users[actor], to=Status.PUBLISHED)
    d.refresh_from_db()
    assert d.status == Status.DRAFT


@pytest.mark.parametrize("actor", ["admin", "officer_xj", "member_xj"])
def test_owners_officers_and_office_may_create(actor, users, org_xj):
    d = services.demand_create(
        users[actor], organisation=org_xj, title="盐碱地改良技术需求", description="南疆盐碱地"
    )
    assert d.status == Status.DRAFT and d.party == org_xj.party
    assert " 盐碱地 " in d.search_tokens
    assert d.history.count() == 1


def test_officer_covers_units_of_the_party(users, org_xj2):
    d = services.demand_create(users["officer_xj"], organisation=org_xj2, title="兵团棉花需求")
    assert d.party.code == "XJ-BT"


def test_member_may_not_post_for_another_organisation(users, org_cas):
    with pytest.raises(PermissionDenied):
        services.demand_create(users["member_xj"], organisation=org_cas, title="x")
    assert not Demand.objects.exists()


def test_viewer_may_not_post(users, org_xj):
    with pytest.raises(PermissionDenied):
        services.demand_create(users["viewer"], organisation=org_xj, title="x")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": Decimal("-1")}, "amount"),
        ({"title": "长" * 201}, "title"),
        ({"title": ""}, "title"),
        ({"cooperation_forms": ["barter"]}, "cooperation_forms"),
        ({"min_trl": 12}, "min_trl"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(data, field, users, org_xj):
    kwargs = {"title": "有效标题", **data}
    with pytest.raises(ValidationError) as exc:
        services.demand_create(users["member_xj"], organisation=org_xj, **kwargs)
    assert field in exc.value.message_dict
    assert not Demand.objects.exists()


def test_unknown_cluster_is_refused_atomically(users, org_xj):
    with pytest.raises(ValidationError) as exc:
        services.demand_create(users["member_xj"], organisation=org_xj, title="x", clusters=[999999])
    assert "clusters" in exc.value.message_dict
    assert not Demand.objects.exists()


def test_clusters_and_fields_are_stored(users, org_xj):
    cl = Cluster.objects.filter(scheme__code="xj8").first()
    d = services.demand_create(users["member_xj"], organisation=org_xj, title="x", clusters=[cl.pk])
    assert list(d.clusters.all()) == [cl]


def test_update_records_history_and_refreshes_search(users, org_xj):
    d = services.demand_create(users["member_xj"], organisation=org_xj, title="旧标题")
    services.listing_update(d, users["member_xj"], title="光伏组件清洗机器人")
    d.refresh_from_db()
    assert " 光伏 " in d.search_tokens
    assert d.history.count() == 2
    newest, older = d.history.all()[:2]
    assert newest.diff_against(older).changed_fields == ["title"]


def test_update_by_other_org_is_refused(users, org_xj):
    d = DemandFactory(organisation=org_xj, party=org_xj.party)
    with pytest.raises(PermissionDenied):
        services.listing_update(d, users["member_cas"], title="hijack")


def test_negative_amount_is_also_refused_by_the_database(org_xj):
    from django.db import IntegrityError, transaction

    d = DemandFactory(organisation=org_xj, party=org_xj.party)
    with pytest.raises(IntegrityError), transaction.atomic():
        Demand.objects.filter(pk=d.pk).update(amount=Decimal("-5"))
