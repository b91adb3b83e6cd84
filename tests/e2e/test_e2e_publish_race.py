"""Publishing right after typing: Wagtail's autosave and the editor's own click must not race.

Wagtail 8 saves the form in the background half a second after the last keystroke. On a new
page the first background save *creates* the page; a "Publicera" clicked while it is in
flight used to post to the create view again (a second page with the same slug: a 500 on
PostgreSQL) or to write at the same time as it (SQLite: "database is locked"). Each case
types and then acts at once, while the background save is in flight, and after it.
"""

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

# Right away (the background save is still waiting for its debounce) and while it is in flight.
DELAYS = [0.0, 0.6]


class ServerErrors:
    """Every response of 500 or more that a page receives, background requests included."""

    def __init__(self, *pages):
        self.seen = []
        for page in pages:
            page.on("response", self._record)

    def _record(self, response):
        if response.status >= 500:
            self.seen.append(f"{response.status} {response.request.method} {response.url}")

    def assert_none(self):
        assert self.seen == [], f"server errors: {self.seen}"


def object_id(live_site, expression):
    return live_site.manage("shell", "-c", f"print({expression})").strip().splitlines()[-1]


def publish_from_menu(page, name="Publicera"):
    page.get_by_role("button", name="Fler åtgärder").click()
    page.get_by_role("button", name=name).click()


def type_into_rich_text(page, field, text):
    page.locator(f"[data-contentpath='{field}'] [contenteditable='true']").click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def assert_no_error_page(page):
    expect(page.locator("body")).not_to_contain_text("Serverfel")
    expect(page.locator(".messages .error")).to_have_count(0)


@pytest.mark.parametrize("delay", DELAYS)
def test_a_new_news_page_published_right_after_typing_is_live_with_the_text(page, live_site, login, delay):
    errors = ServerErrors(page)
    index_id = object_id(
        live_site, "__import__('home.models').models.NewsIndexPage.objects.order_by('path').first().pk"
    )
    title = f"Snabb nyhet {int(delay * 1000)}"
    lead = f"Ingressen skrevs och publicerades direkt ({delay})."
    login(page, "samordnare")
    page.goto(f"/admin/pages/add/home/newspage/{index_id}/")
    assert "404" not in page.title(), f"no add view for parent {index_id!r}"
    page.locator("#id_title").fill(title)
    page.get_by_role("textbox", name="Ingress").press_sequentially(lead)
    time.sleep(delay)
    publish_from_menu(page)
    # "skapad och publicerad", or "har blivit publicerad" when the background save had created it.
    expect(page.locator(".messages")).to_contain_text(
        re.compile(f"'{title}' (skapad och publicerad|har blivit publicerad)")
    )
    assert_no_error_page(page)

    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    live = page.request.get(live_site(f"/nyheter/{slug}/"))
    assert live.status == 200, f"/nyheter/{slug}/ is not live"
    assert lead in live.text(), "the lead typed last is not on the live page"
    count = object_id(live_site, f"__import__('home.models').models.NewsPage.objects.filter(title={title!r}).count()")
    assert count == "1", f"{count} pages made of one new page"
    errors.assert_none()


@pytest.mark.parametrize("delay", DELAYS)
def test_an_edited_report_published_right_after_typing_is_live_with_the_text(page, live_site, login, delay):
    errors = ServerErrors(page)
    report_id = object_id(live_site, "__import__('home.models').models.ReportPage.objects.live().first().pk")
    added = f" Tillägg skrivet i sista stund ({delay})."
    login(page, "samordnare")
    page.goto(f"/admin/pages/{report_id}/edit/")
    type_into_rich_text(page, "summary", added)
    time.sleep(delay)
    publish_from_menu(page)
    expect(page.locator(".messages")).to_contain_text("har blivit publicerad")
    assert_no_error_page(page)

    # The page's path on its site (with two associations Wagtail's ``url`` is absolute).
    url = object_id(
        live_site, f"__import__('wagtail.models').models.Page.objects.get(pk={report_id}).get_url_parts()[2]"
    )
    assert added.strip() in page.request.get(live_site(url)).text(), "the summary typed last is not live"
    errors.assert_none()


@pytest.mark.parametrize("delay", DELAYS)
def test_a_new_press_release_submitted_right_after_typing_keeps_the_text(page, live_site, login, delay):
    errors = ServerErrors(page)
    title = f"Snabbt pressmeddelande {int(delay * 1000)}"
    lead = f"Ingressen skrevs och lämnades in direkt ({delay})."
    login(page, "samordnare")
    page.goto("/admin/pressmeddelanden/add/")
    page.get_by_role("textbox", name="Rubrik").fill(title)
    page.get_by_role("textbox", name="Kortnamn i adressen").fill(f"snabbt-{int(delay * 1000)}")
    page.get_by_role("textbox", name="Ingress").press_sequentially(lead)
    time.sleep(delay)
    publish_from_menu(page, "Lämna in till Styrelsens godkännande")
    expect(page.locator(".messages")).to_contain_text(title)
    assert_no_error_page(page)

    state = object_id(
        live_site,
        "(lambda r: (r.lead, r.workflow_states.filter(status='in_progress').count(), "
        f"type(r).objects.filter(title={title!r}).count()))"
        f"(__import__('press.models').models.PressRelease.objects.get(title={title!r})"
        ".get_latest_revision_as_object())",
    )
    assert state == str((lead, 1, 1)), f"(lead, workflows in progress, releases) = {state}"
    errors.assert_none()


@pytest.mark.parametrize("delay", DELAYS)
def test_an_edited_activity_published_right_after_typing_is_in_the_plan(page, live_site, login, delay):
    errors = ServerErrors(page)
    activity = "Förbundets hemsida utvecklas"
    activity_id = object_id(
        live_site, f"__import__('activities.models').models.Activity.objects.filter(title={activity!r}).first().pk"
    )
    content = f"Skrivet och publicerat direkt ({delay})."
    login(page, "samordnare")
    page.goto(f"/admin/aktiviteter/edit/{activity_id}/")
    field = page.get_by_role("textbox", name="Innehåll")
    field.fill("")
    field.press_sequentially(content)
    time.sleep(delay)
    publish_from_menu(page)
    expect(page.locator(".messages")).to_contain_text(f"'{activity}' har uppdaterats och publicerats")
    assert_no_error_page(page)

    assert content in page.request.get(live_site("/aktivitetsplan/")).text(), "the typed content is not in the plan"
    errors.assert_none()


def test_publishing_with_the_same_activity_open_in_two_tabs_keeps_the_typed_text(page, live_site, login):
    activity = "Genomförande av plan"
    activity_id = object_id(
        live_site, f"__import__('activities.models').models.Activity.objects.filter(title={activity!r}).first().pk"
    )
    login(page, "samordnare")
    edit_url = f"/admin/aktiviteter/edit/{activity_id}/"
    second = page.context.new_page()
    errors = ServerErrors(page, second)
    second.goto(edit_url)
    page.goto(edit_url)

    content = "Skrivet i den första fliken medan den andra var öppen."
    field = page.get_by_role("textbox", name="Innehåll")
    field.fill("")
    field.press_sequentially(content)
    time.sleep(0.6)
    publish_from_menu(page)
    expect(page.locator(".messages")).to_contain_text(f"'{activity}' har uppdaterats och publicerats")
    assert_no_error_page(page)

    # The second tab, still showing the old text, keeps autosaving and pinging; it must not undo the first.
    second.get_by_role("textbox", name="Kanal").press_sequentially(" ")
    time.sleep(2)
    assert content in page.request.get(live_site("/aktivitetsplan/")).text(), "the first tab's text is not live"
    page.goto(edit_url)
    expect(page.get_by_role("textbox", name="Innehåll")).to_have_value(content)
    errors.assert_none()
