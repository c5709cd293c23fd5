from __future__ import annotations

import pytest

from sifang.core.testing import UserFactory

from .factories import InstrumentFactory


@pytest.fixture
def instrument(db, org_cas):
    inst = InstrumentFactory(platform__host=org_cas)
    return inst


@pytest.fixture
def staff(db, instrument, org_cas):
    """A responsible staff member of ``instrument`` (a member of the host organisation)."""
    user = UserFactory(
        username="staff_cas",
        role="member",
        organisation=org_cas,
        party=org_cas.party,
        email="staff@example.org",
    )
    instrument.responsible.add(user)
    return user


@pytest.fixture(autouse=True)
def english(settings):
    """Tests assert the English messages; one test checks the Chinese catalogue explicitly."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
