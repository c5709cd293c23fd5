from __future__ import annotations

import datetime as dt

import factory

from sifang.core.testing import OrganisationFactory, party
from sifang.projects.models import Project, Stage, Status
from sifang.taxonomy.models import Programme


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project led by a new XJ enterprise; add partners with ``partners=[...]``."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"棉花智能采收联合攻关{n}")
    lead = factory.SubFactory(OrganisationFactory)
    stage = Stage.DEVELOPMENT
    programme = factory.LazyFunction(lambda: Programme.objects.get(name="重点研发计划"))
    start_date = dt.date(2025, 1, 1)
    end_date = dt.date(2027, 12, 31)
    status = Status.APPLIED

    @factory.post_generation
    def partners(obj: Project, create: bool, extracted, **kwargs) -> None:  # noqa: N805
        if create:
            obj.partners.set(
                extracted
                if extracted is not None
                else [OrganisationFactory(party=party("CAS"), kind="institute", credit_code=None)]
            )
