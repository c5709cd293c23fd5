"""Counting by top-level party: a unit counts for its party."""

from __future__ import annotations

import pytest

from sifang.organisations.models import Organisation
from sifang.taxonomy.models import Party
from sifang.taxonomy.selectors import count_by_top_party

pytestmark = pytest.mark.django_db


def test_units_count_for_their_party(org_xj, org_xj2, org_cas, org_sz):
    assert org_xj2.party.code == "XJ-BT" and org_xj2.party.parent.code == "XJ"
    by_code = count_by_top_party(Organisation.objects.all(), "party")
    assert by_code == {"XJ": 2, "CAS": 1, "SZ": 1}
    by_id = count_by_top_party(Organisation.objects.all(), "party", key="id")
    assert by_id[Party.objects.get(code="XJ").pk] == 2
    assert count_by_top_party(Organisation.objects.filter(party__code="XJ-BT"), "party") == {"XJ": 1}
