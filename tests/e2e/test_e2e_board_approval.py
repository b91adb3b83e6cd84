"""The board approves with eyes open: what will happen is shown first, what was done is said after.

A board member opens a release in review: the editor offers no "Publicera",
"Avbryt arbetsflöde" or save, only "Godkänn" and "Begär ändringar", which open
a dialog that names the lists, the number of recipients (confirmed, not
suppressed, each once, as ``network.api.recipient_count`` counts them) and the
publication time (now or the embargo). After approving, a Swedish message says
what was done. A rejection's comment is shown on the release to the coordinator.
"""

import json
import re
import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def in_review(live_site):
    """``in_review(title, embargo_days=None)`` submits a release to the board; all are deleted afterwards."""
    created = []

    def submit(title, embargo_days=None):
        slug = f"granskning-{uuid.uuid4().hex[:8]}"
        command = (
            "import json; from tests.e2e.review_setup import submit; "
            f"print(json.dumps(submit({title!r}, {slug!r}, {embargo_days!r})))"
        )
        release = json.loads(live_site.manage("shell", "-c", command).strip().splitlines()[-1])
        release["title"], release["slug"] = title, slug
        created.append(release["pk"])
        return release

    yield submit
    live_site.manage("shell", "-c", f"from tests.e2e.review_setup import clean; clean({created!r})")


def review_button(page, label):
    """The board's "Godkänn"/"Begär ändringar" in the editor's action menu (opening its drop-up if needed)."""
    button = page.locator("[data-press-workflow-action-url]", has_text=label).first
    if not button.is_visible():
        page.locator("[data-controller~='w-dropdown']", has=button).first.locator(
            "[data-w-dropdown-target='toggle']"
        ).click()
    return button


def test_board_sees_what_approving_does_and_is_told_what_was_done(page, live_site, login, shot, in_review):
    release = in_review("Styrelsen godkänner med öppna ögon")
    login(page, "styrelse")
    page.goto(release["edit"])
    footer = page.locator("footer")
    for bypass in ("Publicera", "Avbryt arbetsflöde", "Spara utkast"):
        expect(footer.get_by_role("button", name=bypass)).to_have_count(0)
    shot(page, "board-editor")

    review_button(page, "Godkänn").click()
    dialog = page.locator(".modal")
    outlook = dialog.locator("[data-press-approval-outlook]")
    expect(outlook).to_be_visible()
    expect(outlook.locator("[data-press-outlook='time']")).to_have_text("Nu")
    expect(outlook.locator("[data-press-outlook='lists']")).to_have_text(", ".join(release["lists"]))
    expect(outlook.locator("[data-press-outlook='recipients']")).to_contain_text(f"{release['recipients']} person")
    assert release["recipients"] > 0, "the demo lists have confirmed members"
    shot(page, "approve-dialog")

    dialog.get_by_role("button", name="Godkänn och publicera").click()
    expect(page).to_have_url(live_site(release["edit"]))
    expect(page.locator(".messages")).to_contain_text(
        f"”{release['title']}” är publicerat och köat för utskick till {release['recipients']} mottagare."
    )
    shot(page, "approved-message")
    assert page.request.get(live_site(f"/press/{release['slug']}/")).status == 200


def test_board_approves_from_the_dashboard_and_sees_the_embargo(page, live_site, login, shot, in_review):
    release = in_review("Pressmeddelande under embargo", embargo_days=3)
    login(page, "styrelse")
    row = page.locator("tr", has_text=release["title"])
    expect(row).to_be_visible()
    row.get_by_role("button").last.click()
    row.get_by_role("button", name="Godkänn", exact=True).click()
    outlook = page.locator(".modal [data-press-approval-outlook]")
    expect(outlook.locator("[data-press-outlook='time']")).to_contain_text("(embargo)")
    embargo = outlook.locator("[data-press-outlook='time']").inner_text().removesuffix(" (embargo)")
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} kl\. \d{2}\.\d{2}", embargo), embargo
    shot(page, "approve-dialog-embargo")
    page.locator(".modal").get_by_role("button", name="Godkänn och publicera").click()
    expect(page).to_have_url(live_site("/admin/"))
    expect(page.locator(".messages")).to_contain_text(f"är godkänt och publiceras {embargo}")
    assert page.request.get(live_site(f"/press/{release['slug']}/")).status == 404, "not before the embargo"


def test_a_rejection_comment_is_shown_to_the_coordinator_on_the_release(
    page, other_page, live_site, login, shot, in_review
):
    release = in_review("Pressmeddelande som behöver ändras")
    login(page, "styrelse")
    page.goto(release["edit"])
    review_button(page, "Begär ändringar").click()
    dialog = page.locator(".modal")
    dialog.get_by_role("button", name="Begär ändringar").click()
    expect(dialog).to_contain_text("Skriv vad som behöver ändras.")
    dialog.get_by_label("Vad behöver ändras?").fill("Rubriken måste nämna Lycksele.")
    dialog.get_by_role("button", name="Begär ändringar").click()
    expect(page.locator(".messages")).to_contain_text("Du har begärt ändringar")

    coordinator = other_page()
    login(coordinator, "samordnare")
    coordinator.goto(release["edit"])
    rejection = coordinator.locator("[data-press-rejection]")
    expect(rejection).to_contain_text("Rubriken måste nämna Lycksele.")
    expect(rejection).to_contain_text("begärde ändringar")
    shot(coordinator, "coordinator-sees-rejection")
