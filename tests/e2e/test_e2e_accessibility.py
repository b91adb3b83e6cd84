"""axe-core (WCAG 2.0/2.1 A and AA) on every public page type, as a browser renders it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# (path, what the page must show, so the check runs on the real page and not an error page)
PUBLIC_PAGES = {
    "home": ("/", "Samordningsförbundet Lycksele"),
    "standard-page": ("/om-forbundet/", "Om förbundet"),
    "contact": ("/kontakt/", "Kontakt"),
    "funding": ("/soka-medel/", "Söka medel"),
    "accessibility-statement": ("/tillganglighet/", "Tillgänglighetsredogörelse"),
    "privacy": ("/personuppgifter/", "Personuppgifter"),
}


@pytest.mark.parametrize("path,heading", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_has_no_wcag_violations(page, live_site, assert_accessible, path, heading):
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_not_found_page_has_no_wcag_violations(page, live_site, assert_accessible):
    response = page.goto("/finns-inte-alls/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan finns inte")
    assert_accessible(page)
