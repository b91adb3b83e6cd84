"""From an application on the site to the board's decision, its release and project page (issue 18).

An applicant applies online with attachments and gets a receipt with a status link; the preparation
group comments, the coordinator proposes, the board decides at its meeting. The decision makes a
draft project page and a draft press release in the board's approval workflow; the board approves,
both go live together, the media and the network get the release once each, and the applicant is
told the decision once. The status link never shows the preparation's comments or the proposal.
"""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.applications.files import PDF_BYTES, xlsx_bytes
from tests.e2e.conftest import MEDIA_CONTACT
from tests.e2e.test_e2e_board_approval import review_button
from tests.e2e.test_e2e_journeys import plain_text

# The whole chain, on a server of its own that migrates and loads the demo first: longer than one step.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

TITLE = "Arbetsträning i Tärnaby"
APPLICANT = "siv.sokande@example.org"
COMMENT = "Beredningen: budgeten för handledning behöver förtydligas."
PROPOSAL = "Samordnaren föreslår att ansökan beviljas i sin helhet."


def server(live_site, call):
    """The value of ``tests.e2e.chain_setup.<call>`` on the server's database."""
    command = f"import json; from tests.e2e import chain_setup; print(json.dumps(chain_setup.{call}))"
    return json.loads(live_site.manage("shell", "-c", command).strip().splitlines()[-1])


def test_an_application_becomes_a_decision_a_project_page_and_a_release(
    page, other_page, live_site, login, shot, assert_accessible
):
    # The applicant applies on the site, with attachments.
    page.goto("/soka-medel/ansok/")
    page.get_by_label("Kontaktperson").fill("Siv Sökande")
    page.get_by_label("Organisation").fill("Lycksele kommun")
    page.get_by_label("E-post").fill(APPLICANT)
    page.get_by_label("Projektets namn").fill(TITLE)
    page.get_by_label("Beskrivning").fill("Arbetsträning för unga vuxna i Tärnaby, med handledare från kommunen.")
    parties = page.locator("input[name='parties']")
    parties.nth(0).check()
    parties.nth(1).check()
    start = timezone.localdate() + timedelta(days=60)
    page.get_by_label("Projektstart").fill(start.isoformat())
    page.get_by_label("Projektslut").fill((start + timedelta(days=365)).isoformat())
    page.get_by_label("Sökt belopp (kr)").fill("450000")
    page.get_by_label("Bilagor").set_input_files(
        [
            {"name": "ansokan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES},
            {"name": "budget.xlsx", "mimeType": "application/octet-stream", "buffer": xlsx_bytes()},
        ]
    )
    with page.expect_response(lambda response: response.request.method == "POST", timeout=60_000) as posted:
        page.get_by_role("button", name="Skicka ansökan").click()
    assert posted.value.status == 200, posted.value.status
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din ansökan")
    shot(page, "application-received")
    number = re.search(r"\d{4}/\d{4}", page.locator(".lead").inner_text()).group(0)

    # The receipt, with the number and the status link.
    (receipt,) = live_site.wait_for_emails(lambda m: APPLICANT in str(m["To"]) and "tagit emot" in str(m["Subject"]))
    assert number in str(receipt["Subject"])
    status_link = re.search(r"https?://\S+/soka-medel/ansokan/\S+/", plain_text(receipt)).group(0)
    applicant = other_page()
    applicant.goto(status_link)
    expect(applicant.get_by_role("main")).to_contain_text(number)
    expect(applicant.get_by_role("main")).to_contain_text("Mottagen")
    case = server(live_site, f"case({number!r})")

    # The preparation group comments, and may not decide.
    login(page, "beredning")
    page.goto(case["room"])
    expect(page.locator("[data-case-step='decide']")).to_have_count(0)
    page.locator("[data-case-step='comment']").get_by_label("Kommentar").fill(COMMENT)
    page.get_by_role("button", name="Spara kommentaren").click()
    expect(page.locator(".messages")).to_contain_text("Kommentaren är sparad.")
    expect(page.locator("[data-case-comments]")).to_contain_text(COMMENT)
    expect(page.locator("[data-case-status]")).to_have_text("Under beredning")
    shot(page, "preparation-comment")

    # The coordinator writes the proposal.
    coordinator = other_page()
    login(coordinator, "samordnare")
    coordinator.goto(case["room"])
    coordinator.locator("[data-case-step='propose']").get_by_label("Beviljas", exact=True).check()
    coordinator.locator("[data-case-step='propose']").get_by_label("Motivering").fill(PROPOSAL)
    coordinator.get_by_role("button", name="Spara förslaget").click()
    expect(coordinator.locator(".messages")).to_contain_text("Förslaget till beslut är sparat.")

    # The board decides at today's meeting.
    board = other_page()
    login(board, "styrelse")
    board.goto(case["room"])
    expect(board.locator("[data-case-proposal]")).to_contain_text(PROPOSAL)
    decide = board.locator("[data-case-step='decide']")
    decide.get_by_label("Styrelsemöte").select_option(label=f"Styrelsemöte {timezone.localdate():%Y-%m-%d}")
    decide.get_by_label("Paragraf (§)").fill("12")
    decide.get_by_label("Beviljas", exact=True).check()
    shot(board, "board-decision")
    board.get_by_role("button", name="Registrera beslutet").click()
    expect(board.locator(".messages")).to_contain_text("pressmeddelandet väntar på styrelsens godkännande")
    expect(board.locator("[data-case-decision]")).to_contain_text("§\N{NO-BREAK SPACE}12")

    drafts = server(live_site, f"drafts({number!r})")
    assert not drafts["page_live"] and not drafts["release_live"] and drafts["release_in_review"]
    assert drafts["release_lists"] == ["media", "natverket"]
    assert board.request.get(live_site(drafts["page_url"])).status == 404, "the project page waits for the release"
    assert board.request.get(live_site(f"/press/{drafts['release_slug']}/")).status == 404

    # The status link shows the decision, never the comment nor the proposal.
    applicant.goto(status_link)
    status = applicant.get_by_role("main")
    expect(status).to_contain_text("Beslutad")
    expect(status).to_contain_text("Beviljas")
    assert COMMENT not in status.inner_text() and PROPOSAL not in status.inner_text()
    assert_accessible(applicant, "the status page")

    # The board approves the release: both go live together, mailed once to each recipient.
    board.locator("[data-case-release]").click()
    expect(board).to_have_url(live_site(drafts["release_edit"]))
    expect(board.locator("[data-press-workflow-action-url]").first).to_be_attached()
    review_button(board, "Godkänn").click()
    board.locator(".modal").get_by_role("button", name="Godkänn och publicera").click()
    expect(board.locator(".messages")).to_contain_text("är publicerat och köat för utskick till")
    shot(board, "release-approved")

    live = server(live_site, f"drafts({number!r})")
    assert live["page_live"] and live["release_live"] and live["release_fact_box"]
    visitor = other_page()
    visitor.goto(live["page_url"])
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("main")).to_contain_text("§\N{NO-BREAK SPACE}12")
    expect(visitor.get_by_role("main")).to_contain_text("450\N{NO-BREAK SPACE}000 kr")
    visitor.goto(f"/press/{live['release_slug']}/")
    expect(visitor.get_by_role("main")).to_contain_text("Fakta om Samordningsförbundet Lycksele")
    expect(visitor.get_by_role("link", name=f"Läs mer om {TITLE}")).to_be_visible()

    expected = server(live_site, "expected_recipients()")
    assert MEDIA_CONTACT in expected and len(expected) > 1
    assert live["mailings"] == 1 and live["deliveries"] == expected, "one delivery per person, none twice"

    def is_release(message):
        return str(message["Subject"]) == f"Pressmeddelande: {live['release_title']}"

    mailed = live_site.wait_for_emails(is_release, count=len(expected))
    addresses = sorted(str(message["To"]).lower() for message in mailed)
    assert addresses == expected, "the media and the network get the release once each"

    # The applicant is told the decision, once.
    told = live_site.wait_for_emails(lambda m: APPLICANT in str(m["To"]) and "Beslut om" in str(m["Subject"]))
    assert len(told) == 1, f"the applicant should be told once, got {len(told)}"
    # The test reads the 8-bit UTF-8 body as text (conftest), so only its ASCII is compared.
    assert re.search(r"beviljas med 450\W+000 kr\.", plain_text(told[0])), plain_text(told[0])
