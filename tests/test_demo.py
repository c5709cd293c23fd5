"""`sifang demo` fills an empty database deterministically with what the issues ask for."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sifang.accounts.models import Role, User
from sifang.market.models import Demand, Offering, Status
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Party

pytestmark = pytest.mark.django_db


def test_demo_data_meets_the_minimums_and_refuses_a_second_load():
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert Organisation.objects.count() >= 150
    assert Demand.objects.count() >= 300 and Offering.objects.count() >= 600
    assert Person.objects.count() >= 200
    assert {u.role for u in User.objects.all()} >= {Role.ADMIN, Role.OFFICER, Role.MEMBER, Role.VIEWER}
    for code in ("XJ", "MOST", "CAS", "SZ"):
        party = Party.objects.get(code=code)
        assert Organisation.objects.filter(party__in=[party, *party.units.all()]).exists(), code
    assert Demand.objects.filter(status=Status.PUBLISHED, clusters__isnull=False).exists()
    assert Organisation.objects.values("region").distinct().count() >= 10
    enterprises = Organisation.objects.filter(kind="enterprise")
    assert enterprises.count() >= 80 and not enterprises.filter(credit_code__isnull=True).exists()
    for org in enterprises[:20]:
        org.full_clean()  # credit codes carry valid check characters
    assert "demo data loaded" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("demo", stdout=io.StringIO())
    call_command("demo", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue()


def test_demo_users_are_listed_with_their_roles():
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo_users", stdout=out)
    text = out.getvalue()
    for name in ("office", "officer_xj", "member_xj", "viewer"):
        assert name in text
    assert User.objects.get(username="member_xj").check_password("sifang-demo-2026")
