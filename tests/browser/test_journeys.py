"""Main journeys in a real browser: log in, post a demand with a bad field, fix it, publish it,
see matches with highlighted reasons, give feedback, and switch the UI to English."""

import pytest

from sifang.core.testing import OfferingFactory
from sifang.market.models import Demand

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_member_posts_a_demand_and_sees_matches(page, live_server, users, org_cas, tmp_path):
    OfferingFactory(
        organisation=org_cas,
        party=org_cas.party,
        title="盐碱地改良微生物菌剂",
        description="用于南疆盐碱地改良的微生物菌剂技术",
    )
    login(page, live_server, "member_xj")
    assert "退出" in page.content()
    page.goto(f"{live_server.url}/market/demands/new/")
    page.fill("#id_title", "南疆盐碱地改良技术需求")
    page.fill("#id_description", "寻求盐碱地改良的微生物菌剂技术，提高棉花出苗率")
    page.fill("#id_amount", "-10")
    page.click("#listing-form button[type=submit]")
    assert page.locator("#id_amount-errors").is_visible()
    assert Demand.objects.count() == 0
    page.fill("#id_amount", "80")
    page.click("#listing-form button[type=submit]")
    page.wait_for_selector("text=已保存为草稿")
    page.click("button[data-to=published]")
    page.wait_for_selector("text=状态已变为")
    assert page.locator("#match-panel mark").count() > 0
    page.click("#match-panel a.btn")
    page.wait_for_selector(".feedback-form")
    page.select_option(".feedback-form select[name=verdict]", "interested")
    page.click(".feedback-form button[type=submit]")
    page.wait_for_selector(".msg-success")
    page.screenshot(path=str(tmp_path / "matches.png"), full_page=True)


def test_ui_switches_to_english(page, live_server, users):
    login(page, live_server, "viewer_cas")
    page.goto(f"{live_server.url}/market/demands/")
    assert "技术需求" in page.content()
    with page.expect_navigation():
        page.select_option("select[name=language]", "en")
    page.goto(f"{live_server.url}/market/demands/")
    assert "Demands" in page.content()


def test_anonymous_is_sent_to_login(page, live_server):
    page.goto(f"{live_server.url}/market/offerings/")
    assert "/accounts/login/" in page.url
