"""Journeys through the site as its users make them: a visitor, the coordinator and the board."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.conftest import MEDIA_CONTACT

pytestmark = pytest.mark.e2e


def plain_text(message):
    return message.get_body(("plain",)).get_content()


def sign_up_and_confirm(page, live_site, shot, name, address):
    """Sign up to the network with the public form and confirm from the email; return the confirmed page."""
    page.goto("/natverket/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmäl dig till nätverket")
    page.get_by_label("Namn").fill(name)
    page.get_by_label("E-postadress").fill(address)
    page.get_by_label("Organisation").select_option(label="Lycksele kommun")
    page.get_by_label("Nätverket").check()
    page.get_by_label("Jag samtycker").check()
    shot(page, "signup-filled", guide="natverket-anmalan")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page).to_have_url(live_site("/natverket/tack/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din anmälan")
    shot(page, "signup-thanks")

    emails = live_site.wait_for_emails(lambda m: address in str(m["To"]) and "Bekräfta" in str(m["Subject"]))
    assert len(emails) == 1, f"expected one confirmation email to {address}, got {len(emails)}"
    link = re.search(r"https?://\S+/natverket/bekrafta/\S+/", plain_text(emails[0])).group(0)
    assert link.startswith(live_site.url), f"the confirmation link points elsewhere: {link}"

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekräfta din anmälan")
    expect(page.get_by_role("main")).to_contain_text(address)
    page.get_by_role("button", name="Bekräfta anmälan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmälan bekräftad")
    shot(page, "signup-confirmed")


def test_visitor_reads_the_site_searches_and_joins_the_network(page, live_site, shot):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordningsförbundet Lycksele")
    expect(page.get_by_role("heading", name="Det här vill vi")).to_be_visible()
    shot(page, "home", guide="startsida")

    page.get_by_role("link", name="Alla nyheter").click()
    expect(page).to_have_url(live_site("/nyheter/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyheter")
    shot(page, "news-index")
    page.get_by_role("link", name="Accessutbildningen har startat").first.click()
    expect(page).to_have_url(live_site("/nyheter/accessutbildningen-har-startat/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessutbildningen har startat")
    expect(page.get_by_role("main").locator("time").first).to_have_attribute("datetime", re.compile(r"^2006-09-04"))
    shot(page, "news-item")

    page.goto("/")
    page.get_by_role("link", name="Hela aktivitetsplanen").click()
    expect(page).to_have_url(live_site("/aktivitetsplan/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivitetsplan")
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Förbundets hemsida utvecklas"))
    expect(row.get_by_role("cell").last).to_have_text("Påbörjad")
    shot(page, "activity-plan")

    page.goto("/")
    page.get_by_role("region", name="Senaste pressmeddelanden").get_by_role(
        "link", name="Samordningsförbundet Lycksele har bildats"
    ).click()
    expect(page).to_have_url(live_site("/press/samordningsforbundet-lycksele-har-bildats/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Samordningsförbundet Lycksele har bildats")
    expect(page.get_by_role("main")).to_contain_text("Fakta om Samordningsförbundet Lycksele")
    shot(page, "press-release")

    search = page.get_by_role("search")
    search.get_by_label("Sök på webbplatsen").fill("projekt")
    search.get_by_role("button", name="Sök").click()
    expect(page).to_have_url(re.compile(r"/sok/\?q=projekt$"))
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"\d+ träffar för ”projekt”"))
    expect(page.get_by_role("main").get_by_role("link", name="Projekt", exact=True)).to_be_visible()
    shot(page, "search-results")

    page.goto("/natverket/")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("main")).to_contain_text("Skriv din e-postadress.")
    expect(page.get_by_label("E-postadress")).to_have_attribute("aria-invalid", "true")
    shot(page, "signup-errors")
    sign_up_and_confirm(page, live_site, shot, "Vera Besökare", "vera.besokare@example.org")
    assert not live_site.wait_for_emails(lambda m: "vera.besokare" in str(m["To"]), count=2, timeout=1)[1:], (
        "nothing but the confirmation may be sent to a new signup"
    )


def test_press_release_from_draft_to_approval_reaches_the_media_and_the_network(
    page, other_page, live_site, login, shot
):
    reader = other_page()
    sign_up_and_confirm(reader, live_site, shot, "Nils Nätverk", "nils.natverk@example.org")

    login(page, "samordnare")
    page.get_by_role("link", name="Pressmeddelanden").first.click()
    page.get_by_role("link", name="Lägg till pressmeddelande").first.click()
    page.get_by_role("textbox", name="Rubrik").fill("Styrelsen beviljar medel till projekt för unga vuxna")
    page.get_by_role("textbox", name="Kortnamn i adressen").fill("medel-till-unga-vuxna")
    page.get_by_role("textbox", name="Ingress").fill(
        "Styrelsen har beslutat att finansiera ett nytt samverkansprojekt i Lycksele."
    )
    expect(page.get_by_role("checkbox", name="Media (sändlista)")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Nätverket")).to_be_checked()
    shot(page, "press-draft", guide="pressmeddelande-utkast")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("'Styrelsen beviljar medel till projekt för unga vuxna' skapad")).to_be_visible()

    page.get_by_role("button", name="Växla förhandsgranskning").click()
    page.get_by_role("combobox", name="Förhandsgranskningsläge").select_option(label="E-post (HTML)")
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Förhandsgranska i ny flik").click()
    email_preview = popup.value
    expect(email_preview).to_have_url(re.compile(r"/preview/\d+/\?mode=email_html$"))
    expect(email_preview.get_by_role("heading", level=1)).to_have_text(
        "Styrelsen beviljar medel till projekt för unga vuxna"
    )
    expect(email_preview.get_by_role("heading", name="Fakta om Samordningsförbundet Lycksele")).to_be_visible()
    expect(email_preview.get_by_role("link", name="Avregistrera dig")).to_be_visible()
    shot(email_preview, "press-preview-email")
    email_preview.close()

    page.get_by_role("button", name="Fler åtgärder").click()
    page.get_by_role("button", name="Lämna in till Styrelsens godkännande").click()
    expect(page.locator(".messages")).to_contain_text("Styrelsen beviljar medel till projekt för unga vuxna")
    row = page.locator("tr", has_text="Styrelsen beviljar medel till projekt för unga vuxna")
    expect(row).to_contain_text("pågående: Styrelsebeslut")
    shot(page, "press-submitted")
    assert live_site.wait_for_emails(lambda m: "styrelse@example.org" in str(m["To"])), "the board was not notified"
    assert page.request.get(live_site("/press/medel-till-unga-vuxna/")).status == 404, "live before approval"

    board = other_page()
    login(board, "styrelse")
    # The row with the approval buttons (the dashboard also lists the release's mailing once it is sent).
    waiting = board.locator("tr", has_text="Styrelsen beviljar medel till projekt för unga vuxna").filter(
        has=board.get_by_role("button")
    )
    expect(waiting).to_be_visible()
    shot(board, "board-dashboard", guide="styrelsen-granskning")
    waiting.get_by_role("button").last.click()
    waiting.get_by_role("button", name="Godkänn", exact=True).click()
    approval = board.locator(".modal")
    expect(approval.locator("[data-press-approval-outlook]")).to_contain_text("Media (sändlista)")
    approval.get_by_role("button", name="Godkänn och publicera").click()
    expect(board).to_have_url(live_site("/admin/"))
    expect(board.locator(".messages")).to_contain_text("är publicerat och köat för utskick till")
    # The dashboard may still list the release elsewhere (its mailing); it no longer waits for a decision.
    expect(waiting.get_by_role("button", name="Godkänn", exact=True)).to_have_count(0)
    assert live_site.wait_for_emails(lambda m: "samordnare@example.org" in str(m["To"])), (
        "the coordinator was not told of the approval"
    )

    page.goto("/press/")
    releases = page.get_by_role("region", name="Pressmeddelanden")
    expect(releases.locator(".card-list").get_by_role("link").first).to_have_text(
        "Styrelsen beviljar medel till projekt för unga vuxna"
    )
    page.get_by_role("link", name="Styrelsen beviljar medel till projekt för unga vuxna").first.click()
    expect(page).to_have_url(live_site("/press/medel-till-unga-vuxna/"))
    expect(page.get_by_role("main")).to_contain_text("Fakta om Samordningsförbundet Lycksele")
    shot(page, "press-published", guide="pressmeddelande-publicerat")

    def is_release(message):
        return "unga vuxna" in str(message["Subject"])

    media = live_site.wait_for_emails(lambda m: is_release(m) and MEDIA_CONTACT in str(m["To"]))
    assert len(media) == 1, f"the media list's contact should get the release once, got {len(media)}"
    to_reader = live_site.wait_for_emails(lambda m: is_release(m) and "nils.natverk@example.org" in str(m["To"]))
    assert len(to_reader) == 1, f"the network member should get the release once, got {len(to_reader)}"
    message = to_reader[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(https?://[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert unsubscribe in plain_text(message), "the email's text must carry the same personal unsubscribe link"

    reader.goto(unsubscribe)
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Avregistrera")
    shot(reader, "unsubscribe-page")
    reader.get_by_role("button", name=re.compile("Avregistrera")).click()
    expect(reader.get_by_role("main")).to_contain_text("avregistrerad")
    shot(reader, "unsubscribed")


def test_coordinator_marks_an_activity_done_and_the_plan_shows_it_grey(page, live_site, login, shot):
    activity = "Plan tas fram för uppsökande verksamhet"
    page.goto("/aktivitetsplan/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=activity))
    expect(row.get_by_role("cell").last).to_have_text("Planerad")
    background_before = row.evaluate("el => getComputedStyle(el).backgroundColor")

    login(page, "samordnare")
    page.get_by_role("link", name="Aktivitetsplan").first.click()
    page.get_by_role("link", name=activity).first.click()
    page.get_by_role("combobox", name="Status").select_option(label="Genomförd")
    page.locator("[data-contentpath='outcome'] [contenteditable='true']").click()
    page.keyboard.type("Arenor identifierade tillsammans med LSG.")
    page.get_by_role("combobox", name="Status").scroll_into_view_if_needed()
    shot(page, "activity-edit", guide="aktivitet-genomford")
    page.get_by_role("button", name="Fler åtgärder").click()
    page.get_by_role("button", name="Publicera").click()
    expect(page.locator(".messages")).to_contain_text(activity)

    page.goto("/aktivitetsplan/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=activity))
    expect(row.get_by_role("cell").last).to_have_text("Genomförd")
    background = row.evaluate("el => getComputedStyle(el).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
    assert background != background_before, "the row's colour did not change when the activity was done"
    assert red == green == blue and red < 245, f"a done activity should be marked grey, is {background}"
    row.scroll_into_view_if_needed()
    shot(page, "activity-plan-grey", guide="aktivitetsplan-gra")


def test_coordinator_signs_in_to_the_admin_and_a_wrong_password_is_refused(page, live_site, login, shot):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    page.locator("#id_username").fill("samordnare")
    page.locator("#id_password").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Ditt användarnamn och lösenord matchade inte.")).to_be_visible()
    shot(page, "wrong-password")

    login(page, "samordnare")
    expect(page.get_by_text("Sam Ordnare")).to_be_visible()
    logo = page.locator(".sidebar img.lyk-admin-logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the sidebar logo did not load"
    expect(page.get_by_role("heading", name="Väntar på mig")).to_be_visible()
    shot(page, "dashboard", guide="admin-oversikt")


def test_email_preview_shows_in_the_preview_panel_as_it_will_be_received(page, live_site, login):
    login(page, "samordnare")
    page.get_by_role("link", name="Pressmeddelanden").first.click()
    page.get_by_role("link", name="Nytt faktablad om samordningsförbundet", exact=True).first.click()
    page.get_by_role("button", name="Växla förhandsgranskning").click()
    # The panel first loads the web preview; a mode chosen while that load is in flight is dropped.
    web = page.frame_locator("iframe[src*='in_preview_panel']")
    expect(web.get_by_role("heading", name="Nytt faktablad om samordningsförbundet", level=1)).to_be_visible()
    page.get_by_role("combobox", name="Förhandsgranskningsläge").select_option(label="E-post (HTML)")
    # The panel posts the form, then loads the new mode into a fresh iframe: on a busy machine
    # (CI runs two test processes) that takes longer than expect()'s default 5 s.
    preview = page.frame_locator("iframe[src*='mode=email_html']")
    heading = preview.get_by_role("heading", name="Fakta om Samordningsförbundet Lycksele")
    expect(heading).to_be_visible(timeout=30_000)
    # The email's own (inline) styles apply in the preview.
    expect(preview.locator("body")).to_have_css("background-color", "rgb(244, 244, 244)", timeout=30_000)


def test_the_timeline_draws_every_activity_as_a_bar(page, live_site):
    page.goto("/aktivitetsplan/")
    bars = page.locator("svg.plan-timeline__svg .tl-bar")
    expect(bars).to_have_count(11)
    widths = bars.evaluate_all("els => els.map(el => el.getBBox().width)")
    assert all(width > 0 for width in widths), f"bars drawn with no width: {widths}"


def test_nothing_leaves_the_site_when_an_editor_opens_the_admin(page, login, outside_requests):
    # The demo admin has an email address, which is what Wagtail would send to gravatar.com.
    login(page, "admin")
    for path in ("/admin/", "/admin/account/", "/admin/users/", "/admin/pages/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert "gravatar" not in page.content(), f"{path} links to an avatar on gravatar.com"
    assert outside_requests.seen == []


def test_a_request_to_another_host_is_refused_and_recorded(page, outside_requests):
    page.goto("/")
    with pytest.raises(PlaywrightError):
        page.goto("https://cdn.example.org/tracker.js")
    assert outside_requests.seen == ["GET https://cdn.example.org/tracker.js"]
    outside_requests.seen.clear()
