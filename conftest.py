"""Fixtures for every app: one organisation per party and one user per role."""

from __future__ import annotations

import time
import warnings

import pytest

from sifang.accounts.models import Role
from sifang.core.testing import OrganisationFactory, UserFactory, party

PASSWORD = "pw-Sifang-2026"

OTHER_SESSIONS_SQL = """
    SELECT pid, application_name, client_port, state, left(query, 120)
    FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
"""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, and before they are dropped: no other session left on them.

    A session that outlives its test (a live server's request thread, a server process's worker)
    makes PostgreSQL refuse to drop the test database; pytest-django then only warns and leaves the
    database behind. Wait a little for such sessions to end; name any that remain in a warning (so
    the leak can be found) and end them, so that the run cleans up after itself.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for conn in connections.all(initialized_only=True):
            if conn.vendor != "postgresql":
                continue
            with conn.cursor() as cursor:
                deadline = time.monotonic() + 10
                cursor.execute(OTHER_SESSIONS_SQL)
                rows = cursor.fetchall()
                while rows and time.monotonic() < deadline:
                    time.sleep(0.2)
                    cursor.execute(OTHER_SESSIONS_SQL)
                    rows = cursor.fetchall()
                if rows:
                    warnings.warn(f"sessions left on the test database, ended now: {rows}", stacklevel=1)
                    cursor.execute(f"SELECT pg_terminate_backend(pid) FROM ({OTHER_SESSIONS_SQL}) AS other")


@pytest.fixture
def org_xj(db):
    return OrganisationFactory(name="新疆测试企业有限公司", party=party("XJ"))


@pytest.fixture
def org_xj2(db):
    return OrganisationFactory(name="新疆另一企业有限公司", party=party("XJ-BT"))


@pytest.fixture
def org_cas(db):
    return OrganisationFactory(
        name="中国科学院测试研究所", party=party("CAS"), kind="institute", credit_code=None
    )


@pytest.fixture
def org_sz(db):
    return OrganisationFactory(name="深圳测试科技有限公司", party=party("SZ"))


@pytest.fixture
def users(db, org_xj, org_cas):
    """One user per role: admin; officer of XJ; member of the XJ organisation; member of the CAS
    institute; viewer with a party (CAS); viewer without a party (external)."""
    return {
        "admin": UserFactory(username="admin1", role=Role.ADMIN, is_staff=True),
        "officer_xj": UserFactory(username="officer_xj", role=Role.OFFICER, party=party("XJ")),
        "officer_cas": UserFactory(username="officer_cas", role=Role.OFFICER, party=party("CAS")),
        "member_xj": UserFactory(
            username="member_xj", role=Role.MEMBER, organisation=org_xj, party=org_xj.party
        ),
        "member_cas": UserFactory(
            username="member_cas", role=Role.MEMBER, organisation=org_cas, party=org_cas.party
        ),
        "viewer": UserFactory(username="viewer_cas", role=Role.VIEWER, party=party("CAS")),
        "outsider": UserFactory(username="outsider", role=Role.VIEWER),
    }


@pytest.fixture(autouse=True)
def _isolated_match_index(settings, tmp_path):
    """Each test gets its own on-disk matching index and a fresh in-process cache."""
    from sifang.matching import live

    settings.MATCH_INDEX_DIR = tmp_path / "match-index"
    live.reset_cache()
    yield
    live.reset_cache()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


@pytest.fixture(autouse=True)
def _taxonomy_present(request):
    """Transactional tests (live servers, concurrency) end by flushing every table, which also
    removes the parties and taxonomy that the data migration loaded. Put them back before a
    database test that finds them missing, whatever order the tests run in."""
    if not (_DB_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db")):
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps

    if apps.get_model("taxonomy", "Party").objects.exists():
        return
    import importlib

    migration = importlib.import_module("sifang.taxonomy.migrations.0002_load_taxonomy")
    migration.load(apps, None)
