import pytest
from django.test import Client

from sifang.core.testing import DemandFactory
from sifang.market.models import Demand, Status

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_create_form_shows_errors_beside_fields_and_stores_nothing(users, org_xj):
    r = client_for(users["member_xj"]).post(
        "/market/demands/new/",
        {"title": "", "organisation": org_xj.pk, "amount": "-5", "visibility": "mechanism"},
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="id_title-errors"' in html and 'id="id_amount-errors"' in html
    assert not Demand.objects.exists()


def test_create_edit_and_publish_in_the_browser_flow(users, org_xj):
    c = client_for(users["member_xj"])
    r = c.post(
        "/market/demands/new/",
        {
            "title": "滴灌带回收再利用",
            "organisation": org_xj.pk,
            "visibility": "mechanism",
            "cooperation_forms": ["joint_dev"],
        },
    )
    assert r.status_code == 302
    d = Demand.objects.get()
    r = c.post(f"/market/demands/{d.pk}/transition/", {"to": "published"})
    d.refresh_from_db()
    assert d.status == Status.PUBLISHED
    page = c.get(f"/market/demands/{d.pk}/").content.decode()
    assert "滴灌带回收再利用" in page


def test_forbidden_transition_shows_a_message(users, org_xj):
    d = DemandFactory(organisation=org_xj, party=org_xj.party, status=Status.DRAFT)
    c = client_for(users["member_xj"])
    r = c.post(f"/market/demands/{d.pk}/transition/", {"to": "closed"}, follow=True)
    assert "无法" in r.content.decode() or "cannot" in r.content.decode()
    d.refresh_from_db()
    assert d.status == Status.DRAFT


def test_chinese_is_the_default_and_english_is_available(users):
    c = client_for(users["viewer"])
    assert "需求" in c.get("/market/demands/").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Demands" in c.get("/market/demands/").content.decode()


def test_pages_stay_chinese_for_an_english_browser_until_the_user_switches(users):
    c = client_for(users["viewer"])
    assert "技术需求" in c.get("/market/demands/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Demands" in c.get("/market/demands/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
