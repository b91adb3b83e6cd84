"""axe-core (WCAG 2.0/2.1 A and AA) on every public page type and the signup flow, as a browser renders it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# (path, the page's h1, so the check runs on the real page and not on an error page)
PUBLIC_PAGES = {
    "home": ("/", "Samordningsförbundet Lycksele"),
    "standard-page": ("/om-forbundet/", "Om förbundet"),
    "news-index": ("/nyheter/", "Nyheter"),
    "news-item": ("/nyheter/accessutbildningen-har-startat/", "Accessutbildningen har startat"),
    "projects-index": ("/projekt/", "Projekt"),
    "project": ("/projekt/accessutbildning/", "Accessutbildning – förbundets första delprojekt"),
    "reports-index": ("/rapporter/", "Rapporter"),
    "report": ("/rapporter/tertialrapport-1-2006/", "Tertialrapport 1 2006"),
    "funding": ("/soka-medel/", "Söka medel"),
    "application-form": ("/soka-medel/ansok/", "Ansök om medel"),
    "contact": ("/kontakt/", "Kontakt"),
    "press-room": ("/press/", "Pressrum"),
    "press-release": ("/press/samordningsforbundet-lycksele-har-bildats/", "Samordningsförbundet Lycksele har bildats"),
    "activity-plan": ("/aktivitetsplan/", "Aktivitetsplan"),
    "search-results": ("/sok/?q=projekt", "Sök"),
    "search-empty-result": ("/sok/?q=xyzzyqqq", "Sök"),
    "search-no-query": ("/sok/", "Sök"),
    "signup": ("/natverket/", "Anmäl dig till nätverket"),
    "signup-thanks": ("/natverket/tack/", "Tack för din anmälan"),
    "accessibility-statement": ("/tillganglighet/", "Tillgänglighetsredogörelse"),
    "privacy": ("/personuppgifter/", "Personuppgifter"),
}


# A confirmed network member of its own, so unsubscribing here changes nobody another test mails.
CONFIRMED_MEMBER_TOKEN = """
from django.utils import timezone
from network.models import MailingList, Subscriber, Subscription
from network.tokens import make_token
person = Subscriber.objects.create(email="avregistrering.axe@example.org", name="Axel", confirmed_at=timezone.now())
Subscription.objects.create(
    subscriber=person,
    mailing_list=MailingList.objects.get(slug="natverket", association__is_default_site=True),
    confirmed_at=timezone.now(),
)
print(make_token(person, "unsubscribe"))
"""


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


def test_application_form_error_state_has_no_wcag_violations(page, live_site, assert_accessible):
    page.goto("/soka-medel/")
    page.get_by_role("link", name="Till ansökan").click()
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("main")).to_contain_text(re.compile("obligatorisk|Fyll i|Skriv", re.I))
    assert_accessible(page, "the online application with errors")


def test_signup_flow_pages_have_no_wcag_violations(page, live_site, assert_accessible):
    page.goto("/natverket/")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("main")).to_contain_text("Skriv din e-postadress.")
    assert_accessible(page, "the signup form with errors")

    page.get_by_label("Namn").fill("Åsa Tillgänglig")
    page.get_by_label("E-postadress").fill("asa.tillganglig@example.org")
    page.get_by_label("Organisation").select_option(label="Försäkringskassan")
    page.get_by_label("Nätverket").check()
    page.get_by_label("Jag samtycker").check()
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page).to_have_url(live_site("/natverket/tack/"))
    (confirmation,) = live_site.wait_for_emails(lambda m: "asa.tillganglig@example.org" in str(m["To"]))
    link = re.search(r"https?://\S+/natverket/bekrafta/\S+/", confirmation.get_body(("plain",)).get_content())
    page.goto(link.group(0))
    expect(page.get_by_role("button", name="Bekräfta anmälan")).to_be_visible()
    assert_accessible(page, "the confirm page")
    page.get_by_role("button", name="Bekräfta anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmälan bekräftad")
    assert_accessible(page, "the confirmed page")
    page.get_by_role("link", name="Hantera dina prenumerationer").click()
    expect(page.get_by_role("main")).to_contain_text("asa.tillganglig@example.org")
    assert_accessible(page, "the manage-subscriptions page")


def test_unsubscribe_pages_have_no_wcag_violations(page, live_site, assert_accessible):
    token = live_site.manage("shell", "-v0", "-c", CONFIRMED_MEMBER_TOKEN).strip()
    page.goto(f"/natverket/avregistrera/{token}/")
    button = page.get_by_role("button", name=re.compile("Avregistrera"))
    expect(button).to_be_visible()
    assert_accessible(page, "the unsubscribe page")
    button.click()
    expect(page.get_by_role("main")).to_contain_text("avregistrerad")
    assert_accessible(page, "the unsubscribed page")
