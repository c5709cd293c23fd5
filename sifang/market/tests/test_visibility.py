import pytest

from sifang.core.testing import DemandFactory, OfferingFactory, party
from sifang.market import selectors
from sifang.market.models import Demand, Status, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(org_xj, org_cas, org_sz):
    return {
        "xj_draft": DemandFactory(organisation=org_xj, party=org_xj.party, status=Status.DRAFT),
        "xj_public": DemandFactory(organisation=org_xj, party=org_xj.party, visibility=Visibility.PUBLIC),
        "xj_mech": DemandFactory(organisation=org_xj, party=org_xj.party, visibility=Visibility.MECHANISM),
        "xj_own": DemandFactory(organisation=org_xj, party=org_xj.party, visibility=Visibility.OWN_PARTY),
        "sz_own": DemandFactory(organisation=org_sz, party=org_sz.party, visibility=Visibility.OWN_PARTY),
        "sz_draft": DemandFactory(organisation=org_sz, party=org_sz.party, status=Status.DRAFT),
        "cas_withdrawn": DemandFactory(organisation=org_cas, party=org_cas.party, status=Status.WITHDRAWN),
    }


EXPECTED = {
    "admin": {"xj_draft", "xj_public", "xj_mech", "xj_own", "sz_own", "sz_draft", "cas_withdrawn"},
    "officer_xj": {"xj_draft", "xj_public", "xj_mech", "xj_own"},
    "officer_cas": {"xj_public", "xj_mech", "cas_withdrawn"},
    "member_xj": {"xj_draft", "xj_public", "xj_mech", "xj_own"},
    "member_cas": {"xj_public", "xj_mech", "cas_withdrawn"},
    "viewer": {"xj_public", "xj_mech"},
    "outsider": {"xj_public"},
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_sees_exactly_what_it_may(role, users, records):
    seen = set(selectors.demand_list(user=users[role]).values_list("pk", flat=True))
    expected = {records[k].pk for k in EXPECTED[role]}
    assert seen == expected


def test_anonymous_sees_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.demand_list(user=AnonymousUser()).exists()


def test_bingtuan_unit_shares_own_party_visibility_with_xinjiang(users, org_xj2):
    d = DemandFactory(organisation=org_xj2, party=party("XJ-BT"), visibility=Visibility.OWN_PARTY)
    assert selectors.demand_list(user=users["member_xj"]).filter(pk=d.pk).exists()
    assert not selectors.demand_list(user=users["member_cas"]).filter(pk=d.pk).exists()


def test_search_uses_word_segmentation(users, org_xj):
    a = DemandFactory(organisation=org_xj, party=org_xj.party, title="光伏组件清洗", description="")
    DemandFactory(organisation=org_xj, party=org_xj.party, title="棉花采摘", description="")
    from sifang.core.text import search_document

    Demand.objects.filter(pk=a.pk).update(search_tokens=search_document("光伏组件清洗"))
    found = list(selectors.demand_list(user=users["admin"], q="光伏组件").values_list("pk", flat=True))
    assert found == [a.pk]


def test_detail_of_forbidden_record_is_not_found(users, records):
    from sifang.core.errors import NotFound

    with pytest.raises(NotFound):
        selectors.demand_get(user=users["member_cas"], pk=records["xj_draft"].pk)


def test_offering_filters_by_party_including_units(users, org_cas):
    o = OfferingFactory(organisation=org_cas, party=org_cas.party)
    assert list(selectors.offering_list(user=users["admin"], party="CAS").values_list("pk", flat=True)) == [
        o.pk
    ]
    assert not selectors.offering_list(user=users["admin"], party="SZ").exists()
