"""Journeys through the site as its users make them: a visitor, the coordinator and the board."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_visitor_reads_the_home_page_and_finds_the_association(page, live_site, shot):
    page.goto("/")
    expect(page).to_have_title("Samordningsförbundet Lycksele – Samordningsförbundet Lycksele")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordningsförbundet Lycksele")
    expect(page.locator("main")).to_contain_text("till nytta för den enskilde invånaren")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="info@samordningsforbundet-lycksele.se")).to_have_attribute(
        "href", "mailto:info@samordningsforbundet-lycksele.se"
    )
    shot(page, "home", guide="startsida")

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Om förbundet").click()
    expect(page).to_have_url(live_site("/om-forbundet/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Om förbundet")
    expect(page.get_by_role("heading", name="Målsättning")).to_be_visible()
    expect(page.get_by_role("link", name="Om förbundet")).to_have_attribute("aria-current", "page")
    shot(page, "about")


def test_coordinator_signs_in_to_the_admin_and_a_wrong_password_is_refused(page, live_site, login, shot):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    page.locator("#id_username").fill("samordnare")
    page.locator("#id_password").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Ditt användarnamn och lösenord matchade inte.")).to_be_visible()
    shot(page, "wrong-password")

    login(page, "samordnare")
    expect(page.get_by_role("main")).to_contain_text("Samordningsförbundet Lycksele")
    expect(page.get_by_text("Sam Ordnare")).to_be_visible()
    shot(page, "dashboard", guide="admin-oversikt")
