"""The embargo journey in a browser: a release with an embargo in review, the board approves it, the media
get it at once marked "Får publiceras tidigast …" with a private link (opened without a login), nothing is
public until the time, and at the time scheduled publishing publishes it and mails the network, once.

The embargo is a real time 45 seconds ahead; ``publish_scheduled`` is what Celery beat runs every minute.
"""

import json
import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.test_e2e_board_approval import review_button

pytestmark = pytest.mark.e2e

EMBARGO_SECONDS = 45
MARK = re.compile(r"Får publiceras tidigast \d{1,2} \w+ \d{4} kl\. \d{2}\.\d{2}")


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_embargo_from_approval_to_the_network_mail(page, other_page, live_site, login, shot):
    title = f"Embargoresa {uuid.uuid4().hex[:6]}"
    slug = f"embargoresa-{uuid.uuid4().hex[:8]}"
    command = (
        "import json; from tests.e2e.review_setup import submit; "
        f"print(json.dumps(submit({title!r}, {slug!r}, {EMBARGO_SECONDS / 86400!r})))"
    )
    release = json.loads(live_site.manage("shell", "-c", command).strip().splitlines()[-1])
    try:
        login(page, "styrelse")
        page.goto(release["edit"])
        review_button(page, "Godkänn").click()
        page.locator(".modal").get_by_role("button", name="Godkänn och publicera").click()
        expect(page.locator(".messages")).to_contain_text("får det redan nu, märkt med embargotiden")
        shot(page, "embargo-approved")

        media_mail = live_site.wait_for_emails(
            lambda m: str(m["Subject"]).endswith(f"– Pressmeddelande: {title}") and MARK.match(str(m["Subject"]))
        )
        assert media_mail, "the media list got the release at the approval"
        media_recipients = {str(m["To"]) for m in media_mail}
        body = text_of(media_mail[0])
        assert re.search(
            r"publiceras tidigast \d{1,2} \w+ \d{4} kl\. \d{2}\.\d{2}", body
        )  # the file backend's 8bit body
        link = re.search(re.escape(live_site("/press/embargo/")) + r"[\w-]+/", body).group(0)

        preview = other_page()  # a journalist's browser: no login
        preview.goto(link)
        expect(preview.locator("[data-embargo]")).to_contain_text("Får publiceras tidigast")
        expect(preview.locator("h1")).to_contain_text(title)
        shot(preview, "embargo-preview")
        assert preview.request.get(live_site(f"/press/{slug}/")).status == 404, "not public before the time"
        assert title not in preview.request.get(live_site("/press/feed/")).text()
        assert not live_site.wait_for_emails(lambda m: str(m["Subject"]) == f"Pressmeddelande: {title}", timeout=1)

        time.sleep(EMBARGO_SECONDS + 1)
        live_site.manage("publish_scheduled")
        live_site.manage("publish_scheduled")
        assert preview.request.get(live_site(f"/press/{slug}/")).status == 200, "public at the time"
        preview.goto(link)
        expect(preview).to_have_url(live_site(f"/press/{slug}/"))

        network_mail = live_site.wait_for_emails(lambda m: str(m["Subject"]) == f"Pressmeddelande: {title}")
        assert network_mail, "the network got it at the time"
        network_recipients = [str(m["To"]) for m in network_mail]
        assert len(network_recipients) == len(set(network_recipients)), "once"
        assert not media_recipients & set(network_recipients), "nobody twice"

        admin = other_page()
        login(admin, "admin")
        admin.goto(release["edit"])
        deliveries = admin.locator("[data-press-deliveries]")
        deliveries.locator("summary").click()
        for address in media_recipients | set(network_recipients):
            expect(deliveries).to_contain_text(address)
        shot(admin, "embargo-deliveries")
    finally:
        live_site.manage("shell", "-c", f"from tests.e2e.review_setup import clean; clean([{release['pk']}])")
