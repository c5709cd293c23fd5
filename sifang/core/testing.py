"""Factories shared by the tests of every app (factory_boy). Parties and taxonomy come from the
data migration, so tests look them up by code."""

from __future__ import annotations

import itertools
from typing import Any

import factory

from sifang.accounts.models import Role, User
from sifang.core.validators import uscc_check_char
from sifang.market.models import Demand, Offering, Status, Visibility
from sifang.organisations.models import Organisation
from sifang.people.models import Person
from sifang.taxonomy.models import Party

_seq = itertools.count(1)


def make_credit_code(n: int | None = None) -> str:
    n = next(_seq) if n is None else n
    body = f"91650100{n:09d}"[:17]
    return body + uscc_check_char(body)


def party(code: str) -> Party:
    return Party.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}有限公司")
    kind = Organisation.Kind.ENTERPRISE
    party = factory.LazyFunction(lambda: party("XJ"))
    credit_code = factory.LazyFunction(make_credit_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", "pw-Sifang-2026")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    title = "研究员"
    phone = "13812345678"
    email = factory.Sequence(lambda n: f"p{n}@example.org")


class DemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Demand

    title = factory.Sequence(lambda n: f"棉花采摘机械智能化改造需求{n}")
    description = "需要提高棉花采摘效率的技术"
    organisation = factory.SubFactory(OrganisationFactory)
    party = factory.LazyAttribute(lambda o: o.organisation.party)
    status = Status.PUBLISHED
    visibility = Visibility.MECHANISM


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    title = factory.Sequence(lambda n: f"智能采棉机视觉识别技术{n}")
    description = "基于机器视觉的棉花识别与采摘技术"
    organisation = factory.SubFactory(
        OrganisationFactory,
        party=factory.LazyFunction(lambda: party("CAS")),
        kind="institute",
        credit_code=None,
    )
    party = factory.LazyAttribute(lambda o: o.organisation.party)
    status = Status.PUBLISHED
    visibility = Visibility.MECHANISM
    trl = 6
