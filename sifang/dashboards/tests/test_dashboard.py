import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from sifang.core.testing import DemandFactory
from sifang.dashboards import selectors
from sifang.taxonomy.models import Cluster

pytestmark = pytest.mark.django_db


def test_old_cluster_tags_map_onto_the_current_list(org_xj):
    d = DemandFactory(
        organisation=org_xj, party=org_xj.party, published_at=timezone.make_aware(dt.datetime(2023, 7, 1))
    )
    d.clusters.add(Cluster.objects.get(scheme__code="xj8", name="粮油"))
    as_tagged = {r["cluster"].name: r["demands"] for r in selectors.listing_by_cluster()}
    current = {r["cluster"].name: r["demands"] for r in selectors.listing_by_cluster(current=True)}
    assert as_tagged == {"粮油": 1}
    assert current == {"粮食和食品加工": 1}


def test_party_rows_fold_units_into_their_party(org_xj2):
    DemandFactory(organisation=org_xj2, party=org_xj2.party)
    rows = selectors.listing_by_party_status()
    assert [r["party"].code for r in rows] == ["XJ"]
    assert rows[0]["demands"] == {"published": 1}


def test_dashboard_page(users, org_xj):
    DemandFactory(organisation=org_xj, party=org_xj.party, published_at=timezone.now())
    c = Client()
    c.force_login(users["viewer"])
    r = c.get("/dashboards/?clusters=current&year=bad")
    assert r.status_code == 200 and 'id="party-status"' in r.content.decode()


def test_cooperation_rows_cover_the_four_parties(users):
    rows = selectors.cooperation_by_party(user=users["admin"])
    assert [r["party"].code for r in rows] == ["XJ", "MOST", "CAS", "SZ"]
    assert all(r["contracts"] == 0 and r["share_rate"] == 0 for r in rows)
