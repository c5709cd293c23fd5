"""Walks every URL and API endpoint for every role and anonymous users.

Generic part: every registered URL pattern, of every app, answers each role without a server
error, anonymous users are sent to the login page (pages) or get 401 (API), and lists never
include records the role may not see. Specific part: the foundation's pages and endpoints
answer each role with exactly the status its permissions allow."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from sifang.core.testing import DemandFactory, OfferingFactory, PersonFactory
from sifang.market.models import Status, Visibility

pytestmark = pytest.mark.django_db

ROLES = ["admin", "officer_xj", "officer_cas", "member_xj", "member_cas", "viewer", "outsider"]
PUBLIC_PREFIXES = (
    "/",
    "/healthz",
    "/accounts/login/",
    "/i18n/",
    "/api/docs",
    "/api/v1/openapi.json",
    "/admin/",
    "/static/",
)


def _walk(resolver: URLResolver, prefix: str = "") -> list[str]:
    out = []
    for p in resolver.url_patterns:
        pattern = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            out += _walk(p, pattern)
        elif isinstance(p, URLPattern):
            out.append(pattern)
    return out


def _concrete(pattern: str, value: str) -> str | None:
    if pattern.startswith("^") or "(?P" in pattern or "\\" in pattern:
        return None  # admin's regex URLs and static are covered by Django itself
    path = re.sub(r"<(?:int:)?(\w+)>", value, pattern)
    path = re.sub(r"<(?:str|slug|path):\w+>", "x", path)
    return "/" + path


def all_paths() -> list[str]:
    paths = set()
    for pattern in _walk(get_resolver()):
        for value in ("1", "999999"):
            p = _concrete(pattern, value)
            if p and not p.startswith("/admin/"):
                paths.add(p)
    return sorted(paths)


def client_for(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.fixture
def records(org_xj, org_cas, org_sz):
    return {
        "xj_draft": DemandFactory(organisation=org_xj, party=org_xj.party, status=Status.DRAFT),
        "xj_mech": DemandFactory(organisation=org_xj, party=org_xj.party),
        "xj_public": DemandFactory(organisation=org_xj, party=org_xj.party, visibility=Visibility.PUBLIC),
        "xj_own": DemandFactory(organisation=org_xj, party=org_xj.party, visibility=Visibility.OWN_PARTY),
        "sz_own": DemandFactory(organisation=org_sz, party=org_sz.party, visibility=Visibility.OWN_PARTY),
        "cas_offer": OfferingFactory(organisation=org_cas, party=org_cas.party),
        "cas_offer_draft": OfferingFactory(organisation=org_cas, party=org_cas.party, status=Status.DRAFT),
        "person": PersonFactory(organisation=org_xj, phone="13912345678"),
    }


def test_every_url_answers_every_role_without_server_error(users, records):
    paths = all_paths()
    assert len(paths) > 20
    for role in [None, *ROLES]:
        client = client_for(users[role] if role else None)
        for path in paths:
            try:
                response = client.get(path)
            except Exception as exc:  # pragma: no cover - shown with the path
                raise AssertionError(f"{role} GET {path} raised {exc!r}") from exc
            assert response.status_code < 500, f"{role} GET {path} → {response.status_code}"
            if role is None and not path.startswith(PUBLIC_PREFIXES[1:]) and path != "/":
                if path.startswith("/api/"):
                    assert response.status_code in (401, 404, 405), (
                        f"anonymous GET {path} → {response.status_code}"
                    )
                else:
                    assert response.status_code in (302, 404, 405), (
                        f"anonymous GET {path} → {response.status_code}"
                    )
                    if response.status_code == 302:
                        assert "/accounts/login/" in response["Location"], path


def test_anonymous_post_to_api_is_refused(records):
    client = client_for()
    for path in (
        "/api/v1/market/demands",
        "/api/v1/market/offerings",
        "/api/v1/organisations/",
        "/api/v1/people/",
    ):
        assert client.post(path, {}, content_type="application/json").status_code == 401


# role → expected status for foundation pages, with the object key they address
PAGE_EXPECTATIONS = [
    ("/market/demands/", None, dict.fromkeys(ROLES, 200)),
    ("/market/offerings/", None, dict.fromkeys(ROLES, 200)),
    ("/organisations/", None, dict.fromkeys(ROLES, 200)),
    ("/people/", None, dict.fromkeys(ROLES, 200)),
    ("/accounts/me/", None, dict.fromkeys(ROLES, 200)),
    (
        "/market/demands/{xj_draft}/",
        "xj_draft",
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 404,
            "member_xj": 200,
            "member_cas": 404,
            "viewer": 404,
            "outsider": 404,
        },
    ),
    (
        "/market/demands/{xj_mech}/",
        "xj_mech",
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 200,
            "member_xj": 200,
            "member_cas": 200,
            "viewer": 200,
            "outsider": 404,
        },
    ),
    (
        "/market/demands/{xj_public}/",
        "xj_public",
        dict.fromkeys(ROLES, 200),
    ),
    (
        "/market/demands/{sz_own}/",
        "sz_own",
        {
            "admin": 200,
            "officer_xj": 404,
            "officer_cas": 404,
            "member_xj": 404,
            "member_cas": 404,
            "viewer": 404,
            "outsider": 404,
        },
    ),
    (
        "/market/demands/{xj_mech}/edit/",
        "xj_mech",
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 403,
            "member_xj": 200,
            "member_cas": 403,
            "viewer": 403,
            "outsider": 404,
        },
    ),
    (
        "/market/offerings/{cas_offer_draft}/",
        "cas_offer_draft",
        {
            "admin": 200,
            "officer_xj": 404,
            "officer_cas": 200,
            "member_xj": 404,
            "member_cas": 200,
            "viewer": 404,
            "outsider": 404,
        },
    ),
    (
        "/market/demands/new/",
        None,
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 200,
            "member_xj": 200,
            "member_cas": 200,
            "viewer": 403,
            "outsider": 403,
        },
    ),
    (
        "/organisations/new/",
        None,
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 200,
            "member_xj": 403,
            "member_cas": 403,
            "viewer": 403,
            "outsider": 403,
        },
    ),
    (
        "/people/{person}/edit/",
        "person",
        {
            "admin": 200,
            "officer_xj": 200,
            "officer_cas": 403,
            "member_xj": 200,
            "member_cas": 403,
            "viewer": 403,
            "outsider": 403,
        },
    ),
]


@pytest.mark.parametrize(("template", "key", "expected"), PAGE_EXPECTATIONS)
def test_foundation_pages_answer_each_role_as_allowed(template, key, expected, users, records):
    path = template.format(**{k: v.pk for k, v in records.items()})
    assert client_for().get(path).status_code == 302
    for role, status in expected.items():
        assert client_for(users[role]).get(path).status_code == status, f"{role} GET {path}"


API_EXPECTATIONS = [
    (
        "/api/v1/market/demands/{xj_draft}",
        {
            "admin": 200,
            "member_xj": 200,
            "officer_xj": 200,
            "member_cas": 404,
            "viewer": 404,
            "outsider": 404,
        },
    ),
    ("/api/v1/market/demands/{xj_mech}", {"admin": 200, "member_cas": 200, "viewer": 200, "outsider": 404}),
    (
        "/api/v1/market/offerings/{cas_offer}",
        dict.fromkeys(["admin", "member_xj", "viewer"], 200) | {"outsider": 404},
    ),
    ("/api/v1/people/{person}", dict.fromkeys(ROLES, 200)),
    ("/api/v1/taxonomy/parties", dict.fromkeys(ROLES, 200)),
]


@pytest.mark.parametrize(("template", "expected"), API_EXPECTATIONS)
def test_api_endpoints_answer_each_role_as_allowed(template, expected, users, records):
    path = template.format(**{k: v.pk for k, v in records.items()})
    assert client_for().get(path).status_code == 401
    for role, status in expected.items():
        assert client_for(users[role]).get(path).status_code == status, f"{role} GET {path}"


VISIBLE = {
    "admin": {"xj_draft", "xj_mech", "xj_public", "xj_own", "sz_own"},
    "officer_xj": {"xj_draft", "xj_mech", "xj_public", "xj_own"},
    "officer_cas": {"xj_mech", "xj_public"},
    "member_xj": {"xj_draft", "xj_mech", "xj_public", "xj_own"},
    "member_cas": {"xj_mech", "xj_public"},
    "viewer": {"xj_mech", "xj_public"},
    "outsider": {"xj_public"},
}


@pytest.mark.parametrize("role", ROLES)
def test_lists_never_include_records_the_role_may_not_see(role, users, records):
    client = client_for(users[role])
    ids, page = set(), 1
    while True:
        body = client.get(f"/api/v1/market/demands?page={page}").json()
        ids |= {item["id"] for item in body["items"]}
        if page * 20 >= body["count"]:
            break
        page += 1
    assert ids == {records[k].pk for k in VISIBLE[role]}
    html = client.get("/market/demands/").content.decode()
    for key, obj in records.items():
        if key in VISIBLE[role]:
            assert f"/market/demands/{obj.pk}/" in html
        elif key.startswith(("xj_", "sz_")):
            assert f"/market/demands/{obj.pk}/" not in html
    csv_ids = {
        line.split(",")[0]
        for line in client.get("/market/demands/?export=csv").content.decode("utf-8-sig").splitlines()[1:]
    }
    assert csv_ids == {str(records[k].pk) for k in VISIBLE[role]}


@pytest.mark.parametrize(
    ("role", "masked"),
    [
        ("admin", False),
        ("officer_xj", False),
        ("member_xj", False),
        ("officer_cas", True),
        ("member_cas", True),
        ("viewer", True),
        ("outsider", True),
    ],
)
def test_phone_numbers_are_masked_for_those_without_the_right(role, masked, users, records):
    person = records["person"]
    client = client_for(users[role])
    page = client.get(f"/people/{person.pk}/").content.decode()
    api = client.get(f"/api/v1/people/{person.pk}").json()
    if masked:
        assert "139****5678" in page and "13912345678" not in page
        assert api["phone"] == "139****5678" and api["masked"] is True
    else:
        assert "13912345678" in page and api["phone"] == "13912345678"
    listing = client.get("/people/").content.decode()
    assert ("13912345678" in listing) is (not masked)
