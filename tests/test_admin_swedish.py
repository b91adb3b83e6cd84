"""The admin speaks Swedish, correctly, on every screen the coordinator and the board open.

Each role signs in to the demo site and walks the admin from the dashboard: every admin link on
a screen is followed (one screen per kind of address, so 40 pages' edit views count once),
including listings, edit, inspect, history, workflow and report screens and the network's.
The text a person reads (also tooltips, labels and titles) must hold no English UI word and none
of the grammar slips that Wagtail's Swedish makes with our neuter and common nouns.
"""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from network.models import Mailing

pytestmark = pytest.mark.django_db

# Words of Wagtail's English UI that are not also Swedish words (so "status", "period" and
# "version" are not here). Matched as whole words, case-insensitively.
ENGLISH = {
    "ago", "and", "are", "been", "by", "cancel", "changes", "choose", "could", "created", "dashboard",
    "day", "days", "delete", "display", "draft", "edit", "false", "has", "have", "history", "hour",
    "hours", "is", "it", "locked", "minute", "minutes", "more", "none", "not", "of", "page", "pages",
    "published", "requested", "save", "saved", "search", "select", "settings", "snippet", "snippets",
    "the", "this", "true", "unknown", "updated", "view", "was", "with", "workflow", "you", "your",
}  # fmt: skip
# Gender agreement: "pressmeddelande" and "utskick" are neuter (ett, detta, det), "aktivitet" is common (en, denna).
SLIPS = [
    re.compile(r"\b(?:en|den|denna|Denna|Den|En)\s+(?:pressmeddelande|utskick)\b"),
    re.compile(r"\b(?:ett|det|detta|Detta|Det|Ett)\s+aktivitet\b"),
    re.compile(r"\bsnutt(?:ar|en|arna)?\b", re.IGNORECASE),
    re.compile(r"\bWagtail\b"),
]
ROLES = ["samordnare", "styrelse"]
# Addresses that act instead of showing (GET is safe in Wagtail, but these end the session or
# stream files), and the preview iframes' content, which is the public site.
SKIP = re.compile(
    r"/(logout|preview|export|csv|xlsx|download|serve)/|/admin/(jsi18n|sprite|account/|password)|\?export="
)
MAX_SCREENS = 250


class VisibleText(HTMLParser):
    """The text of a page that people read: text nodes, the <title>, labels in attributes."""

    ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.links = []
        self.skipping = 0
        self.json = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.skipping += 1
            self.json = attrs.get("type") == "application/json"
        for name, value in attrs.items():
            if name in self.ATTRIBUTES and value:
                self.parts.append(value)
        for name in ("href", "action", "data-url"):
            if attrs.get(name, "") and attrs[name].startswith("/admin/"):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping -= 1
            self.json = False

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)
        elif self.json:
            # The sidebar menu is drawn from JSON: its labels are UI text, its URLs are links.
            self.parts.extend(re.findall(r'"label":\s*"([^"]*)"', data))
            self.links.extend(json.loads(f'"{url}"') for url in re.findall(r'"url":\s*"(/admin/[^"]*)"', data))


def kind(url):
    """One screen per kind of address: numbers and slugs of objects fold together."""
    path = url.split("#")[0].split("?")[0]
    return re.sub(r"/\d+(?=/)", "/N", path)


def problems(text):
    found = sorted({word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH})
    found += [match.group(0) for slip in SLIPS for match in slip.finditer(text)]
    return found


@pytest.fixture
def demo_site(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://testserver"
    call_command("load_demo", "--password=demo", stdout=open("/dev/null", "w"))


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_screen_of_the_role_is_in_correct_swedish(client, demo_site, role):
    client.force_login(User.objects.get(username=role))
    queue, seen, report = ["/admin/"], set(), {}
    while queue and len(seen) < MAX_SCREENS:
        url = queue.pop(0)
        if kind(url) in seen or SKIP.search(url):
            continue
        seen.add(kind(url))
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        found = problems(" ".join(parser.parts))
        if found:
            report[url] = found
        queue.extend(link for link in parser.links if kind(link) not in seen)
    assert len(seen) > 20, f"only {len(seen)} screens reached: {sorted(seen)}"
    assert report == {}, "English or broken Swedish:\n" + "\n".join(f"{url}: {words}" for url, words in report.items())


def test_inspect_views_show_times_in_stockholm_time(client, admin_user):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from network.models import MailingList

    mailing = Mailing.objects.create(
        content_type=ContentType.objects.get_for_model(MailingList),
        object_id="1",
        subject="Tidstest",
        template="home/email/news",
    )
    Mailing.objects.filter(pk=mailing.pk).update(created_at=datetime.datetime(2026, 7, 1, 10, 30, tzinfo=datetime.UTC))
    client.force_login(admin_user)
    html = client.get(reverse("network_mailing:inspect", args=[mailing.pk])).content.decode()
    assert "1 juli 2026 12:30" in html, "the creation time is not shown in Stockholm time (UTC+2 in July)"
    assert "10:30" not in html
    parser = VisibleText()
    parser.feed(html)
    assert problems(" ".join(parser.parts)) == []
