import io

import pytest
from django.core.management import call_command
from django.test import Client

from sifang.core.testing import DemandFactory, OfferingFactory
from sifang.market import services as market_services
from sifang.market.models import Status, Visibility
from sifang.matching import live, selectors, services
from sifang.matching.models import IndexState, MatchFeedback, MatchResult, MatchRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(org_xj, org_cas, org_sz):
    demand = DemandFactory(
        organisation=org_xj,
        party=org_xj.party,
        title="磷酸铁锂电池正极材料回收",
        description="需要退役动力电池中磷酸铁锂正极材料的回收再生技术",
    )
    good = OfferingFactory(
        organisation=org_cas,
        party=org_cas.party,
        title="废旧磷酸铁锂电池正极材料再生技术",
        description="采用湿法冶金回收磷酸铁锂正极材料",
    )
    other = OfferingFactory(
        organisation=org_sz,
        party=org_sz.party,
        title="智能温室番茄种植系统",
        description="番茄种植环境自动控制",
    )
    hidden = OfferingFactory(
        organisation=org_sz,
        party=org_sz.party,
        title="磷酸铁锂正极材料回收工艺",
        description="磷酸铁锂回收",
        visibility=Visibility.OWN_PARTY,
    )
    return {"demand": demand, "good": good, "other": other, "hidden": hidden}


def ids(rows):
    return [r["obj"].pk for r in rows]


def test_demand_gets_the_relevant_offering_first_with_reasons(users, catalogue):
    rows = selectors.match_list_for_demand(user=users["member_xj"], demand_id=catalogue["demand"].pk)
    assert ids(rows)[0] == catalogue["good"].pk
    kinds = {r["kind"] for r in rows[0]["reasons"]}
    assert "terms" in kinds and "party" in kinds
    assert "磷酸铁锂" in "".join(rows[0]["terms"])


def test_visibility_applies_to_every_result(users, catalogue):
    seen_by_xj = ids(
        selectors.match_list_for_demand(user=users["member_xj"], demand_id=catalogue["demand"].pk)
    )
    assert catalogue["hidden"].pk not in seen_by_xj
    seen_by_office = ids(
        selectors.match_list_for_demand(user=users["admin"], demand_id=catalogue["demand"].pk)
    )
    assert catalogue["hidden"].pk in seen_by_office


def test_an_edit_shows_up_in_results_without_a_rebuild(users, catalogue, org_sz):
    demand = catalogue["demand"]
    live.live_index("offerings")  # built once
    version = IndexState.objects.get(collection="offerings").version
    offering = market_services.offering_create(
        users["admin"],
        organisation=org_sz,
        title="动力电池磷酸铁锂正极材料回收再生成套装备",
        description="磷酸铁锂正极材料回收再生",
    )
    assert offering.pk not in ids(selectors.match_list_for_demand(user=users["admin"], demand_id=demand.pk))
    market_services.offering_publish(offering, users["admin"])
    assert offering.pk in ids(selectors.match_list_for_demand(user=users["admin"], demand_id=demand.pk))
    market_services.listing_transition(offering, users["admin"], to=Status.WITHDRAWN)
    assert offering.pk not in ids(selectors.match_list_for_demand(user=users["admin"], demand_id=demand.pk))
    assert IndexState.objects.get(collection="offerings").version == version  # no rebuild happened


def test_title_edit_changes_ranking(users, catalogue):
    demand = catalogue["demand"]
    other = catalogue["other"]
    before = ids(selectors.match_list_for_demand(user=users["admin"], demand_id=demand.pk))
    market_services.listing_update(
        other, users["admin"], title="磷酸铁锂电池正极材料回收成套技术", description="磷酸铁锂正极材料回收"
    )
    after = ids(selectors.match_list_for_demand(user=users["admin"], demand_id=demand.pk))
    assert after.index(other.pk) < (before.index(other.pk) if other.pk in before else 99)


def test_index_persists_across_restart(users, catalogue):
    live.live_index("offerings")
    state = IndexState.objects.get(collection="offerings")
    live.reset_cache()  # a new process
    first = ids(selectors.match_list_for_demand(user=users["admin"], demand_id=catalogue["demand"].pk))
    assert IndexState.objects.get(collection="offerings").version == state.version
    assert first[0] == catalogue["good"].pk


def test_compaction_folds_changes_into_a_new_version(users, catalogue, org_sz):
    live.live_index("offerings")
    o = OfferingFactory(
        organisation=org_sz, party=org_sz.party, title="磷酸铁锂正极回收新工艺", description=""
    )
    live.record_change("offerings", o.pk)
    state = live.index_compact("offerings")
    assert state is not None and state.documents == 4
    live.reset_cache()
    assert o.pk in ids(selectors.match_list_for_demand(user=users["admin"], demand_id=catalogue["demand"].pk))
    assert live.index_compact("offerings") is None


def test_index_rebuild_command(catalogue):
    out = io.StringIO()
    call_command("index", "rebuild", "--workers", "1", stdout=out)
    assert "offerings: 3 documents" in out.getvalue()


def test_feedback_requires_a_reason_when_not_relevant(users, catalogue):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.feedback_record(
            users["member_xj"],
            demand_id=catalogue["demand"].pk,
            offering_id=catalogue["good"].pk,
            verdict="not_relevant",
        )
    fb = services.feedback_record(
        users["member_xj"],
        demand_id=catalogue["demand"].pk,
        offering_id=catalogue["good"].pk,
        verdict="not_relevant",
        reason="price",
    )
    assert fb.reason == "price"
    summary = selectors.feedback_summary_for_offering(
        user=users["member_cas"], offering_id=catalogue["good"].pk
    )
    assert summary["reasons"] == {"price": 1}
    assert (
        selectors.feedback_summary_for_offering(user=users["member_xj"], offering_id=catalogue["good"].pk)
        is None
    )


def test_feedback_on_invisible_offering_is_not_found(users, catalogue):
    from sifang.core.errors import NotFound

    with pytest.raises(NotFound):
        services.feedback_record(
            users["member_xj"],
            demand_id=catalogue["demand"].pk,
            offering_id=catalogue["hidden"].pk,
            verdict="interested",
        )


def test_match_turns_into_a_negotiation(users, catalogue):
    demand = services.match_start_negotiation(
        users["member_xj"], demand_id=catalogue["demand"].pk, offering_id=catalogue["good"].pk
    )
    assert demand.status == Status.NEGOTIATING
    assert MatchFeedback.objects.get().verdict == "negotiating"


def test_only_the_owner_starts_a_negotiation(users, catalogue):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.match_start_negotiation(
            users["member_cas"], demand_id=catalogue["demand"].pk, offering_id=catalogue["good"].pk
        )


def test_batch_run_stores_matches_with_progress(users, catalogue):
    run = MatchRun.objects.create()
    run = services.match_run_execute(run_id=run.pk, progress_every=1)
    assert run.state == "done" and run.total == 1 and run.done == 1 and run.percent == 100
    assert MatchResult.objects.filter(demand=catalogue["demand"]).first().offering == catalogue["good"]


def test_publishing_a_demand_stores_its_matches(users, catalogue, org_xj, django_capture_on_commit_callbacks):
    d = market_services.demand_create(
        users["member_xj"], organisation=org_xj, title="磷酸铁锂正极材料再生", description="回收"
    )
    with django_capture_on_commit_callbacks(execute=True):
        market_services.demand_publish(d, users["member_xj"])
    assert MatchResult.objects.filter(demand=d).exists()


def test_pages_and_api(users, catalogue):
    c = Client()
    c.force_login(users["member_xj"])
    page = c.get(f"/matching/demands/{catalogue['demand'].pk}/").content.decode()
    assert "<mark>" in page and f"/market/offerings/{catalogue['good'].pk}/" in page
    detail = c.get(f"/market/demands/{catalogue['demand'].pk}/").content.decode()
    assert 'id="match-panel"' in detail
    api = c.get(f"/api/v1/matching/demands/{catalogue['demand'].pk}/offerings").json()
    assert api[0]["id"] == catalogue["good"].pk and api[0]["reasons"]
    assert catalogue["hidden"].pk not in [r["id"] for r in api]
    r = c.post(
        "/api/v1/matching/feedback",
        {"demand_id": catalogue["demand"].pk, "offering_id": catalogue["good"].pk, "verdict": "interested"},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert c.get("/matching/runs/").status_code == 403


def test_office_starts_a_run_from_the_page(users, catalogue, django_capture_on_commit_callbacks):
    c = Client()
    c.force_login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/matching/runs/")
    assert r.status_code == 302
    run = MatchRun.objects.get()
    status = c.get(f"/matching/runs/{run.pk}.json").json()
    assert status["state"] == "done" and status["percent"] == 100
