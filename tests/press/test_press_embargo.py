"""A real embargo: the media get the approved release at once, marked and with a private preview link;
nothing public shows it before the time; moving and lifting the embargo after approval."""

import datetime
import re
import time
from base64 import urlsafe_b64decode, urlsafe_b64encode

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from network.models import Delivery, Mailing
from press import embargo
from press.models import PressRelease
from site_lycksele import cache as page_cache
from tests.press.conftest import admin_url, approve_url
from tests.press.factories import PressReleaseFactory, subscribe

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

SECRET_WORD = "Hemligtprojektet"
TITLE = f"{SECRET_WORD} startar"
MARK = re.compile(r"Får publiceras tidigast \d{1,2} \w+ \d{4} kl\. \d{2}\.\d{2}")
LINK = re.compile(r"http://testserver/press/embargo/[\w-]+/")


@pytest.fixture
def people(db):
    return {
        "journalist": subscribe("redaktion@tidning.example", "media"),
        "both": subscribe("frilans@example.org", "media", "natverket"),
        "network": subscribe("handlaggare@example.org", "natverket"),
    }


@pytest.fixture
def approved(client, coordinator, board_member, press_room, people, django_capture_on_commit_callbacks):
    """A release the board approved with an embargo two hours ahead; the media's email is in the outbox."""
    release = PressReleaseFactory(title=f"{SECRET_WORD} startar", lead=f"{SECRET_WORD} får pengar.")
    release.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    release.save()
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approve_url(release), {"comment": ""}).status_code == 302
    client.logout()
    release.refresh_from_db()
    assert not release.live and release.scheduled_revision is not None
    return release


def press_mail():
    """The release's emails in the outbox (not the workflow's notices to the coordinator)."""
    return [message for message in mail.outbox if "Pressmeddelande:" in message.subject]


def recipients(messages):
    return sorted(address for message in messages if "Pressmeddelande:" in message.subject for address in message.to)


def preview_link(message):
    return LINK.search(message.body).group(0)


def go_live(monkeypatch, when, django_capture_on_commit_callbacks):
    monkeypatch.setattr(timezone, "now", lambda: when)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")


def test_approval_mails_the_media_at_once_marked_with_the_time_and_a_private_link(client, approved, people):
    assert recipients(mail.outbox) == ["frilans@example.org", "redaktion@tidning.example"]
    message = press_mail()[0]
    assert MARK.match(message.subject), message.subject
    assert message.subject.endswith(f"Pressmeddelande: {SECRET_WORD} startar")
    assert message.body.startswith("*** Får publiceras tidigast")
    html = message.alternatives[0][0]
    assert MARK.search(html) and LINK.search(html)
    assert f"http://testserver/press/{approved.slug}/" not in message.body, "no link to the page that is not out yet"

    response = client.get(preview_link(message).removeprefix("http://testserver"))
    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET_WORD in body and MARK.search(body)
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"] and '<meta name="robots" content="noindex, nofollow">' in body
    assert [m.kind for m in Mailing.objects.all()] == ["embargo"]


def test_nothing_public_shows_the_release_before_the_embargo(
    client, settings, approved, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    page_cache.purge()
    public = [
        "/",
        "/press/",
        f"/press/{approved.slug}/",
        "/press/feed/",
        "/press/feed/atom/",
        "/sitemap.xml",
        "/api/v2/press-releases/",
        f"/api/v2/press-releases/?search={SECRET_WORD}",
        f"/api/v2/press-releases/{approved.pk}/",
        f"/sok/?q={SECRET_WORD}",
    ]
    for _round in range(2):  # the second round is served from the page cache where it may be
        for url in public:
            response = client.get(url)
            assert TITLE not in response.content.decode(), url
            if url != f"/press/{approved.slug}/":  # a 404 page names its own address
                assert approved.slug not in response.content.decode(), url
    assert client.get(f"/press/{approved.slug}/").status_code == 404

    go_live(monkeypatch, approved.go_live_at + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert client.get(f"/press/{approved.slug}/").status_code == 200, "the cache kept nothing from before"
    for url in ["/press/", "/press/feed/", "/sitemap.xml", "/api/v2/press-releases/", f"/sok/?q={SECRET_WORD}"]:
        assert approved.slug in client.get(url).content.decode() or SECRET_WORD in client.get(url).content.decode(), url


def test_the_network_gets_it_at_the_embargo_time_once_and_nobody_twice(
    approved, monkeypatch, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    go_live(monkeypatch, approved.go_live_at - datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert press_mail() == []
    later = approved.go_live_at + datetime.timedelta(minutes=1)
    go_live(monkeypatch, later, django_capture_on_commit_callbacks)
    go_live(monkeypatch, later, django_capture_on_commit_callbacks)
    assert recipients(mail.outbox) == ["handlaggare@example.org"], "the media had it; the network once"
    assert not MARK.search(press_mail()[0].subject)
    assert Mailing.objects.filter(kind="").count() == 1


def test_preview_link_works_for_its_lifetime_only(client, settings, approved, monkeypatch):
    path = preview_link(press_mail()[0]).removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    issued = time.time()
    lifetime = 7 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: issued + lifetime - 60)
    assert client.get(path).status_code == 200
    monkeypatch.setattr(signing.time, "time", lambda: issued + lifetime + 60)
    response = client.get(path)
    assert response.status_code == 410
    assert "Länken har gått ut" in response.content.decode() and SECRET_WORD not in response.content.decode()


def encode(signed):
    return urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def test_preview_link_cannot_be_guessed_or_altered(client, approved):
    token = preview_link(press_mail()[0]).rstrip("/").rsplit("/", 1)[1]
    assert embargo.read_token(token) == approved.pk
    other = PressReleaseFactory()
    value, stamp, signature = urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().split(":")
    forged = [
        token[:-2] + ("AA" if token[-2:] != "AA" else "BB"),
        token[:-5],
        encode(f"{signing.b64_encode(str(other.pk).encode()).decode()}:{stamp}:{signature}"),
        encode(f"{value}:{stamp}"),
        encode(signing.dumps(approved.pk, salt="network.tokens")),
        encode(signing.dumps(approved.pk, salt=embargo.SALT, key="not-the-secret-key")),
        encode(signing.dumps(other.pk, salt=embargo.SALT)),
        "1",
        "x" * 500,
    ]
    for bad in forged:
        response = client.get(f"/press/embargo/{bad}/")
        assert response.status_code == 404, bad
        body = response.content.decode()
        assert "Länken fungerar inte" in body or "inte längre tillgängligt" in body, bad
        assert SECRET_WORD not in body, bad
        assert "no-store" in response["Cache-Control"]


def test_preview_link_leads_to_the_public_page_after_the_time(
    client, approved, monkeypatch, django_capture_on_commit_callbacks
):
    path = preview_link(press_mail()[0]).removeprefix("http://testserver")
    go_live(monkeypatch, approved.go_live_at + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == f"/press/{approved.slug}/"


def test_release_page_in_the_admin_shows_the_embargo_and_who_received_it(client, coordinator, admin_user, approved):
    client.force_login(coordinator)
    body = client.get(admin_url("edit", approved.pk)).content.decode()
    assert MARK.search(body) and "under embargo, till medierna" in body
    assert "redaktion@tidning.example" in body and "frilans@example.org" in body
    assert "handlaggare@example.org" not in body
    sent = Delivery.objects.get(email="redaktion@tidning.example").sent_at
    assert timezone.localtime(sent).strftime("%H:%M") in body
    assert admin_url("embargo", approved.pk) not in body, "the coordinator may not move it"
    client.force_login(admin_user)
    assert admin_url("embargo", approved.pk) in client.get(admin_url("edit", approved.pk)).content.decode()


def test_moving_the_embargo_later_reschedules_and_tells_the_media(
    client, board_member, approved, monkeypatch, django_capture_on_commit_callbacks
):
    old = approved.go_live_at
    new = old + datetime.timedelta(days=1)
    mail.outbox.clear()
    client.force_login(board_member)
    data = {"action": "move", "when": timezone.localtime(new).strftime("%Y-%m-%d %H:%M"), "inform": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("embargo", approved.pk), data)
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.go_live_at == new.replace(second=0, microsecond=0)
    assert recipients(mail.outbox) == ["frilans@example.org", "redaktion@tidning.example"]
    assert embargo.format_time(approved.go_live_at) in press_mail()[0].subject
    assert "Embargotiden är ändrad" in press_mail()[0].body
    assert LINK.search(press_mail()[0].body)

    mail.outbox.clear()
    go_live(monkeypatch, old + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    approved.refresh_from_db()
    assert not approved.live and press_mail() == [], "not at the old time"
    go_live(monkeypatch, approved.go_live_at + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    approved.refresh_from_db()
    assert approved.live
    assert recipients(mail.outbox) == ["handlaggare@example.org"]


def test_moving_the_embargo_earlier_publishes_at_the_new_time(
    client, board_member, approved, monkeypatch, django_capture_on_commit_callbacks
):
    new = timezone.now() + datetime.timedelta(minutes=30)
    mail.outbox.clear()
    client.force_login(board_member)
    data = {"action": "move", "when": timezone.localtime(new).strftime("%Y-%m-%d %H:%M")}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(admin_url("embargo", approved.pk), data).status_code == 302
    assert press_mail() == [], "the media were not to be told"
    approved.refresh_from_db()
    go_live(monkeypatch, approved.go_live_at + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    approved.refresh_from_db()
    assert approved.live and approved.go_live_at is None or approved.live
    assert recipients(mail.outbox) == ["handlaggare@example.org"]


def test_lifting_the_embargo_publishes_now_and_mails_the_network(
    client, board_member, approved, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(admin_url("embargo", approved.pk), {"action": "lift"}).status_code == 302
    approved.refresh_from_db()
    assert approved.live
    client.logout()
    assert client.get(f"/press/{approved.slug}/").status_code == 200
    assert recipients(mail.outbox) == ["handlaggare@example.org"]
    assert embargo.embargo_time(approved) is None


@pytest.mark.parametrize(
    "data, error",
    [
        ({"action": "move", "when": ""}, "Välj den nya embargotiden."),
        ({"action": "move", "when": "igår"}, "Skriv datum och tid som 2026-12-03 10:00."),
        ({"action": "move", "when": "2020-01-01 10:00"}, "Den nya embargotiden måste ligga i framtiden."),
        ({"action": "radera"}, "Välj om embargot ska flyttas eller hävas."),
        ({"when": "2030-01-01 10:00"}, "Välj om embargot ska flyttas eller hävas."),
    ],
)
def test_bad_embargo_changes_are_refused_in_swedish_and_change_nothing(client, board_member, approved, data, error):
    before = (approved.go_live_at, Mailing.objects.count(), len(mail.outbox))
    client.force_login(board_member)
    response = client.post(admin_url("embargo", approved.pk), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    approved.refresh_from_db()
    assert (approved.go_live_at, Mailing.objects.count(), len(mail.outbox)) == before
    assert not approved.live


def test_only_those_who_may_publish_move_or_lift_the_embargo(client, coordinator, approved):
    client.force_login(coordinator)
    response = client.post(admin_url("embargo", approved.pk), {"action": "lift"})
    assert response.status_code in (302, 403) and response.get("Location", "") != admin_url("edit", approved.pk)
    approved.refresh_from_db()
    assert not approved.live


def test_a_release_without_embargo_is_published_at_approval_and_mailed_once(
    client, coordinator, board_member, press_room, people, django_capture_on_commit_callbacks
):
    release = PressReleaseFactory()
    release.save_revision(user=coordinator)
    release.get_workflow().start(release, coordinator)
    client.force_login(board_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve_url(release), {"comment": ""})
    assert PressRelease.objects.get(pk=release.pk).live
    assert recipients(mail.outbox) == ["frilans@example.org", "handlaggare@example.org", "redaktion@tidning.example"]
    assert not any(MARK.search(message.subject) for message in press_mail())
    assert [m.kind for m in Mailing.objects.all()] == [""]
