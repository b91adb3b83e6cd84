"""The network per association (#17.4): two associations, one person subscribed to both, nothing crosses."""

from email import message_from_bytes
from io import StringIO

import pytest
from anymail.signals import AnymailTrackingEvent, EventType, tracking
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page, Site

from home.associations import default_association
from home.models import OrganisationSettings
from network import api, deliveries, gdpr, sending, signup, tasks
from network.models import Delivery, MailingList, Subscriber, Subscription, Suppression, email_hash
from network.tokens import make_token
from tests.network.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

PERSON = "Both.Lists@example.org"
B_HOST = "norr.example.test"


@pytest.fixture
def two(settings):
    """Association A (the default one, on SITE_URL) and B (its own host), each with its organisation settings."""
    settings.DEFAULT_FROM_EMAIL = "installation@example.org"
    a = default_association()
    root = Page.get_first_root_node()
    home_b = root.add_child(instance=Page(title="Testförbundet Norr", slug="testforbundet-norr"))
    b = Site.objects.create(hostname=B_HOST, port=80, root_page=home_b, site_name="Testförbundet Norr")
    assert api.ensure_lists(b) == ["natverket", "media", "fortroendevalda", "lsg", "styrelsen"]
    assert api.ensure_lists(b) == [], "seeding is idempotent"
    assert api.ensure_lists(a) == [], "the default association's lists come from the migrations"
    for site, name, sender, reply, facts in (
        (a, "Förbund A", "nyheter@a.example.org", "svar@a.example.org", "<p>Fakta om A.</p>"),
        (b, "Testförbundet Norr", "nyheter@norr.example.test", "svar@norr.example.test", "<p>Fakta om Norr.</p>"),
    ):
        organisation = OrganisationSettings.for_site(site)
        organisation.name, organisation.sender_email, organisation.reply_to = name, sender, reply
        organisation.fact_box, organisation.postal_address = facts, f"Box 1\n{name}gatan 2"
        organisation.save()
    return a, b


def subscribe(association, email=PERSON, slugs=("natverket",)):
    person = SubscriberFactory(association=association, email=email)
    for slug in slugs:
        Subscription.objects.create(
            subscriber=person,
            mailing_list=MailingList.objects.get(association=association, slug=slug),
            confirmed_at=timezone.now(),
        )
    return person


def announce(association, target, subject):
    return api.announce(
        target,
        lists=["natverket"],
        subject=subject,
        template="network/email/base",
        url="/nyheter/nytt/",
        association=association,
        context=OrganisationSettings.email_context(association),
    )


def deliver(mailing):
    deliveries.snapshot(mailing.pk, sending.render)
    tasks.send_mailing_task(mailing.pk)
    return list(Delivery.objects.filter(mailing=mailing))


def test_a_mailing_of_a_reaches_the_person_once_for_a_and_carries_nothing_of_b(two):
    a, b = two
    in_a, in_b = subscribe(a), subscribe(b, email=PERSON.lower())
    subscribe(b, email="only.norr@example.org")
    target = MailingList.objects.get(association=a, slug="media")

    sent = deliver(announce(a, target, "Nytt från A"))

    assert [(d.subscriber_id, d.email) for d in sent] == [(in_a.pk, PERSON)]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    everything = html + message.body + str(message.extra_headers) + message.from_email + str(message.reply_to)
    assert message.from_email == "Förbund A <nyheter@a.example.org>"
    assert message.reply_to == ["svar@a.example.org"]
    assert "Fakta om A." in html and "Fakta om A." in message.body and "Förbund Agatan 2" in html
    assert 'href="http://testserver/nyheter/nytt/"' in html
    assert f"http://testserver/natverket/avregistrera/{make_token(in_a, 'unsubscribe')}"[:-20] in html
    for foreign in ("norr", "Norr", B_HOST, str(in_b.secret)):
        assert foreign not in everything, foreign
    raw = message_from_bytes(message.message().as_bytes())
    assert raw["Message-ID"].endswith("@testserver>")


def test_a_mailing_of_b_comes_from_b_with_b_links_and_message_id_domain(two):
    a, b = two
    subscribe(a)
    in_b = subscribe(b)
    target = MailingList.objects.get(association=b, slug="media")

    sent = deliver(announce(b, target, "Nytt från Norr"))

    assert [d.subscriber_id for d in sent] == [in_b.pk]
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.from_email == "Testförbundet Norr <nyheter@norr.example.test>"
    assert message.reply_to == ["svar@norr.example.test"]
    assert f'href="http://{B_HOST}/nyheter/nytt/"' in html
    assert f"<http://{B_HOST}/natverket/avregistrera/" in message.extra_headers["List-Unsubscribe"]
    assert "testserver" not in html + message.body + message.extra_headers["List-Unsubscribe"]
    assert "Förbund A" not in html + message.body and "Fakta om A." not in html
    assert message_from_bytes(message.message().as_bytes())["Message-ID"].endswith(f"@{B_HOST}>")


def test_an_unnamed_sender_falls_back_to_the_installation_address(two, settings):
    a, _b = two
    OrganisationSettings.objects.filter(site=a).update(sender_email="", sender_name="", reply_to="", email="")
    subscribe(a)
    deliver(announce(a, MailingList.objects.get(association=a, slug="media"), "Utan avsändare"))
    assert mail.outbox[0].from_email == "Förbund A <installation@example.org>"
    assert mail.outbox[0].reply_to == []
    settings.NETWORK_FROM_EMAIL = "utskick@example.org"
    deliver(announce(a, MailingList.objects.get(association=a, slug="lsg"), "Igen"))
    assert mail.outbox[1].from_email == "Förbund A <utskick@example.org>"


def test_a_mailing_refuses_lists_of_another_association_and_records_nothing(two):
    a, b = two
    target = MailingList.objects.get(association=a, slug="media")
    foreign = MailingList.objects.get(association=b, slug="natverket")
    with pytest.raises(api.ForeignListError, match="hör till ett annat förbund"):
        api.announce(target, lists=[foreign], subject="x", template="network/email/base", association=a)
    with pytest.raises(api.UnknownListError):
        api.announce(target, lists=["natverket", "okand"], subject="x", template="network/email/base", association=b)
    for hostile in ("natverket' OR 1=1 --", "../natverket", "n" * 5000, "\x00"):
        with pytest.raises(api.UnknownListError):
            api.announce(target, lists=[hostile], subject="x", template="network/email/base", association=b)
    assert not target.mailings.exists() and not api.mailings_for(target).exists()


def test_recipient_count_and_stats_are_per_association(two):
    a, b = two
    subscribe(a)
    subscribe(b)
    subscribe(b, email="two@example.org")
    assert api.recipient_count(["natverket"], association=a) == 1
    assert api.recipient_count(["natverket"], association=b) == 2
    start, end = timezone.now() - timezone.timedelta(days=1), timezone.now() + timezone.timedelta(days=1)
    assert api.stats(start, end, association=b)["size_now"] == 2
    assert api.stats(start, end)["size_now"] == 1, "None is the default association"


def signup_post(client, host, association, email=PERSON):
    natverket = MailingList.objects.get(association=association, slug="natverket")
    return client.post(
        "/natverket/",
        {"name": "Alva", "email": email, "organisation": "annan", "lists": [str(natverket.pk)], "consent": "on"},
        HTTP_HOST=host,
    )


def test_signup_confirm_and_unsubscribe_on_one_host_leave_the_other_association_alone(two, client, on_commit):
    a, b = two
    on_commit(signup_post, client, "testserver", a)
    on_commit(signup_post, client, B_HOST, b)
    in_a = Subscriber.objects.get(association=a)
    in_b = Subscriber.objects.get(association=b)
    assert in_a.email == in_b.email == PERSON and in_a.consent_at and in_b.consent_at
    assert [m.from_email for m in mail.outbox] == [
        "Förbund A <nyheter@a.example.org>",
        "Testförbundet Norr <nyheter@norr.example.test>",
    ]
    assert mail.outbox[1].subject == "Bekräfta din anmälan till Testförbundet Norr"
    assert f"http://{B_HOST}/natverket/bekrafta/" in mail.outbox[1].body and "testserver" not in mail.outbox[1].body

    # A's link does nothing on B's host, and the other way round.
    confirm_a = f"/natverket/bekrafta/{make_token(in_a, 'confirm')}/"
    assert client.post(confirm_a, HTTP_HOST=B_HOST).status_code == 400
    assert client.post(confirm_a, HTTP_HOST="testserver").status_code == 200
    in_a.refresh_from_db(), in_b.refresh_from_db()
    assert in_a.is_confirmed and not in_b.is_confirmed

    signup.confirm(in_b)
    unsubscribe_b = f"/natverket/avregistrera/{make_token(in_b, 'unsubscribe')}/"
    one_click = {"data": "List-Unsubscribe=One-Click", "content_type": "application/x-www-form-urlencoded"}
    assert client.post(unsubscribe_b, HTTP_HOST="testserver", **one_click).status_code == 400
    assert client.post(unsubscribe_b, HTTP_HOST=B_HOST, **one_click).status_code == 200
    assert not in_b.subscriptions.filter(unsubscribed_at__isnull=True).exists()
    assert in_a.subscriptions.get().active, "A's subscription is untouched"


def test_the_signup_form_offers_and_accepts_only_the_hosts_lists(two, client):
    a, b = two
    page = client.get("/natverket/", HTTP_HOST=B_HOST).content.decode()
    ours = MailingList.objects.get(association=b, slug="natverket")
    theirs = MailingList.objects.get(association=a, slug="natverket")
    assert f'value="{ours.pk}"' in page and f'value="{theirs.pk}"' not in page
    data = {"name": "X", "email": "x@example.org", "organisation": "annan", "lists": [str(theirs.pk)], "consent": "on"}
    response = client.post("/natverket/", data, HTTP_HOST=B_HOST)
    assert response.status_code == 200 and "Välj bland listorna som visas." in response.content.decode()
    assert not Subscriber.objects.exists()
    with pytest.raises(ValueError):
        signup.register(
            association=b, email="x@example.org", name="X", organisation="", lists=[theirs], consent_text="", ip=None
        )
    assert not Subscriber.objects.exists()


def test_manage_page_shows_only_the_associations_lists(two, client):
    a, b = two
    in_b = subscribe(b)
    subscribe(a)
    page = client.get(f"/natverket/installningar/{make_token(in_b, 'manage')}/", HTTP_HOST=B_HOST).content.decode()
    assert all(f'value="{ml.pk}"' not in page for ml in MailingList.objects.filter(association=a))
    assert client.get(f"/natverket/installningar/{make_token(in_b, 'manage')}/").status_code == 400


def test_export_and_erasure_are_per_association(two):
    a, b = two
    in_a, in_b = subscribe(a), subscribe(b, slugs=("natverket", "media"))
    data = gdpr.export_data(in_b)
    assert data["association"] == "Testförbundet Norr"
    assert {row["list"] for row in data["subscriptions"]} == {"Nätverket", "Media (sändlista)"}

    gdpr.erase(in_b)

    assert not Subscriber.objects.filter(pk=in_b.pk).exists()
    assert Subscriber.objects.filter(pk=in_a.pk).exists()
    assert list(Suppression.objects.values_list("association", flat=True)) == [b.pk]
    assert api.recipient_count(["natverket"], association=a) == 1
    assert gdpr.export_data(in_a)["suppressed"] is None


def test_erasure_everywhere_is_for_platform_administrators_only(two, django_user_model):
    a, b = two
    subscribe(a)
    subscribe(b, email=PERSON.upper())
    coordinator = django_user_model.objects.create_user("samordnare", password="x")
    with pytest.raises(gdpr.NotAllowedError, match="plattformsadministratör"):
        gdpr.erase_everywhere(PERSON, user=coordinator)
    assert Subscriber.objects.count() == 2
    assert len(gdpr.export_everywhere(PERSON)["associations"]) == 2

    admin = django_user_model.objects.create_superuser("admin", password="x")
    assert gdpr.erase_everywhere(f"  {PERSON.lower()} ", user=admin) == 2

    assert not Subscriber.objects.exists()
    assert Suppression.objects.filter(association=None, email_hash=email_hash(PERSON)).exists()
    signup.register(association=b, email=PERSON, name="", organisation="", lists=[], consent_text="", ip=None)
    assert not Subscriber.objects.exists(), "an address erased everywhere cannot sign up anywhere"


def test_erase_everywhere_in_the_admin_needs_a_superuser_and_a_confirmation(two, client, django_user_model):
    a, b = two
    in_a = subscribe(a)
    subscribe(b)
    url = f"/admin/natverket/prenumeranter/radera-overallt/{in_a.pk}/"
    coordinator = django_user_model.objects.create_user("samordnare", password="x")
    coordinator.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "change_subscriber"]))
    client.force_login(coordinator)
    assert client.post(url, {"confirm": "on"}).status_code in (302, 403)
    assert Subscriber.objects.count() == 2

    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    page = client.get(url)
    assert page.status_code == 200 and "Testförbundet Norr" in page.content.decode()
    refused = client.post(url, {})
    assert refused.status_code == 400 and "Kryssa i rutan" in refused.content.decode()
    assert Subscriber.objects.count() == 2
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert not Subscriber.objects.exists()


def track(event_type, message_id, recipient):
    event = AnymailTrackingEvent(
        event_type=event_type, message_id=message_id, recipient=recipient, event_id=f"{event_type}-{message_id}"
    )
    tracking.send(sender=object(), event=event, esp_name="test")


def test_a_complaint_suppresses_in_the_mailings_association_a_hard_bounce_in_all(two):
    a, b = two
    in_a, in_b = subscribe(a), subscribe(b)
    sent = deliver(announce(a, MailingList.objects.get(association=a, slug="media"), "A"))
    track(EventType.COMPLAINED, sent[0].provider_message_id, PERSON)

    assert list(Suppression.objects.values_list("association", "reason")) == [(a.pk, "complained")]
    assert not in_a.subscriptions.get().active and in_b.subscriptions.get().active
    assert deliver(announce(a, MailingList.objects.get(association=a, slug="lsg"), "A2")) == []
    assert len(deliver(announce(b, MailingList.objects.get(association=b, slug="media"), "B"))) == 1

    in_b_sent = Delivery.objects.get(subscriber=in_b)
    track(EventType.BOUNCED, in_b_sent.provider_message_id, PERSON)
    assert Suppression.objects.filter(association=None, reason="bounced").exists()
    assert not in_b.subscriptions.get().active
    in_b.subscriptions.update(unsubscribed_at=None)
    assert deliver(announce(b, MailingList.objects.get(association=b, slug="lsg"), "B2")) == []
    assert api.recipient_count(["natverket"], association=b) == 0


def test_import_subscribers_takes_an_association_by_hostname(two, tmp_path):
    a, b = two
    source = tmp_path / "people.csv"
    source.write_text("email,name\nny@example.org,Ny Person\n", encoding="utf-8")
    call_command("import_subscribers", str(source), "--list", "natverket", "--association", B_HOST, stdout=StringIO())
    assert list(Subscriber.objects.values_list("association", flat=True)) == [b.pk]
    assert Subscription.objects.get().mailing_list.association == b
    for hostile in ("okand.example.test", "' OR 1=1 --", "x" * 300):
        with pytest.raises(CommandError, match="Förbundet med värdnamnet .* finns inte"):
            call_command("import_subscribers", str(source), "--list", "natverket", "--association", hostile)
    assert Subscriber.objects.count() == 1
