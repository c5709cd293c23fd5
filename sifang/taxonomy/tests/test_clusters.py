import datetime as dt

import pytest

from sifang.taxonomy import selectors
from sifang.taxonomy.models import AidPairing, Cluster, Party

pytestmark = pytest.mark.django_db


def test_four_parties_with_units():
    top = {p.code for p in selectors.party_list(top_level_only=True)}
    assert top == {"XJ", "MOST", "CAS", "SZ"}
    assert Party.objects.get(code="XJ-BT").parent.code == "XJ"
    assert Party.objects.get(code="CAS-XJ").parent.code == "CAS"


def test_cluster_lists_are_versioned():
    in_2023 = {
        c.name for c in selectors.cluster_list(on=dt.date(2023, 7, 22)) if c.scheme.code.startswith("xj")
    }
    in_2026 = {
        c.name for c in selectors.cluster_list(on=dt.date(2026, 1, 1)) if c.scheme.code.startswith("xj")
    }
    assert "粮油" in in_2023 and len(in_2023) == 8
    assert "现代物流" in in_2026 and len(in_2026) == 10 and "粮油" not in in_2026


def test_a_2023_tag_reports_under_the_current_list():
    old = Cluster.objects.get(scheme__code="xj8", name="粮油")
    current = selectors.cluster_current(old, on=dt.date(2026, 1, 1))
    assert [c.name for c in current] == ["粮食和食品加工"]
    assert selectors.cluster_current(old, on=dt.date(2023, 7, 22)) == [old]


def test_shenzhen_unconfirmed_clusters_are_marked():
    assert not Cluster.objects.get(scheme__code="sz20", name="智能机器人").confirmed
    assert Cluster.objects.get(scheme__code="sz8", name="量子信息").confirmed


def test_aid_pairings_are_stored():
    assert AidPairing.objects.filter(supporter__name="深圳市", supported__name="喀什地区").exists()
    covered = set(AidPairing.objects.values_list("supported__name", flat=True))
    assert "和田地区" in covered and "阿克苏地区" in covered
