import pytest
from django.test import Client

from sifang.core.testing import DemandFactory
from sifang.market.models import Demand, Status
from sifang.taxonomy.models import Cluster

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_create_demand_through_the_api(users, org_xj):
    cl = Cluster.objects.filter(scheme__code="xj8").first()
    r = client_for(users["member_xj"]).post(
        "/api/v1/market/demands",
        {"title": "棉花残膜回收技术", "organisation_id": org_xj.pk, "clusters": [cl.pk], "amount": "50.00"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["status"] == "draft" and body["party"] == "XJ" and body["clusters"][0]["id"] == cl.pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"amount": "-3"}, "amount"),
        ({"title": "长" * 201}, "title"),
        ({"clusters": [987654]}, "clusters"),
        ({"amount": "abc"}, "amount"),
        ({"cooperation_forms": ["barter"]}, "cooperation_forms"),
    ],
)
def test_bad_input_is_a_400_and_stores_nothing(payload, field, users, org_xj):
    data = {"title": "有效", "organisation_id": org_xj.pk, **payload}
    r = client_for(users["member_xj"]).post("/api/v1/market/demands", data, content_type="application/json")
    assert r.status_code in (400, 422), r.content
    assert field in r.content.decode()
    assert not Demand.objects.exists()


def test_posting_for_another_organisation_is_403(users, org_cas):
    r = client_for(users["member_xj"]).post(
        "/api/v1/market/demands",
        {"title": "x", "organisation_id": org_cas.pk},
        content_type="application/json",
    )
    assert r.status_code == 403
    assert not Demand.objects.exists()


def test_forbidden_transition_is_400_with_reason(users, org_xj):
    d = DemandFactory(organisation=org_xj, party=org_xj.party, status=Status.DRAFT)
    r = client_for(users["member_xj"]).post(
        f"/api/v1/market/demands/{d.pk}/transition", {"to": "contracted"}, content_type="application/json"
    )
    assert r.status_code == 400
    assert "status" in r.json()["errors"]
    d.refresh_from_db()
    assert d.status == Status.DRAFT


def test_allowed_transition_through_the_api(users, org_xj):
    d = DemandFactory(organisation=org_xj, party=org_xj.party, status=Status.DRAFT)
    r = client_for(users["member_xj"]).post(
        f"/api/v1/market/demands/{d.pk}/transition", {"to": "published"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "published"


def test_openapi_lists_the_market_operations(users):
    spec = client_for(users["viewer"]).get("/api/v1/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"market_demand_list", "market_demand_create", "market_offering_transition"} <= ops


def test_english_error_messages_when_asked(users, org_xj):
    c = client_for(users["member_xj"])
    r = c.post(
        "/api/v1/market/demands",
        {"title": "x", "organisation_id": org_xj.pk, "clusters": [987654]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert r.status_code == 400 and "Unknown cluster" in r.content.decode()
