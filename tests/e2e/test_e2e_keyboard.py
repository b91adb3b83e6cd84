"""Keyboard-only use: the skip link comes first, focus is always visible."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
        inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
            && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
    };
}"""


def focus_is_visible(page):
    style = page.evaluate(FOCUS_STYLE)
    return (style["outline"] or style["shadow"]) and style["inViewport"]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, live_site, shot):
    page.goto("/om-forbundet/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip).to_be_focused()
    assert focus_is_visible(page), "the focused skip link is not visible with a focus outline"
    shot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    after_header = page.evaluate(
        "() => !document.querySelector('header').contains(document.activeElement)"
        " && (document.querySelector('main').compareDocumentPosition(document.activeElement)"
        " & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))"
    )
    assert after_header, "Tab after the skip link should continue from the content, not from the header"


def test_every_tab_stop_on_the_home_page_shows_visible_focus(page, live_site):
    page.goto("/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
        if name in seen or page.evaluate("() => document.activeElement === document.body"):
            break
        seen.append(name)
        page.evaluate("() => document.activeElement.scrollIntoView({block: 'center'})")
        assert focus_is_visible(page), f"focus is not visible on {name}"
    assert len(seen) >= 5


def test_signup_form_can_be_filled_and_sent_with_the_keyboard_alone(page, live_site, shot):
    page.goto("/natverket/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    def tab_to(locator):
        page.keyboard.press("Tab")
        expect(locator).to_be_focused()
        assert focus_is_visible(page), f"focus is not visible on {locator}"

    tab_to(page.get_by_label("Namn"))
    page.keyboard.type("Karin Tangentbord")
    tab_to(page.get_by_label("E-postadress"))
    page.keyboard.type("karin.tangentbord@example.org")
    tab_to(page.get_by_label("Organisation"))
    page.keyboard.type("Lycksele")
    expect(page.get_by_label("Organisation")).to_have_value("lycksele_kommun")
    tab_to(page.get_by_label("Nätverket"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Nätverket")).to_be_checked()
    tab_to(page.get_by_role("link", name="Så hanterar vi personuppgifter"))
    tab_to(page.get_by_label("Jag samtycker"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Jag samtycker")).to_be_checked()
    tab_to(page.get_by_role("button", name="Skicka anmälan"))
    shot(page, "keyboard-submit-focused")
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_site("/natverket/tack/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din anmälan")
    assert live_site.wait_for_emails(lambda m: "karin.tangentbord@example.org" in str(m["To"]))
