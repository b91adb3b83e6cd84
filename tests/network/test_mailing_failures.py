"""A mailing never fails silently: header-unsafe titles are kept to one line, failures are reported in the admin."""

from email import message_from_bytes

import pytest
from anymail.exceptions import AnymailError
from django.core import mail
from django.urls import reverse

from network import api, deliveries, sending, tasks
from network.models import Delivery, Mailing, MailingList
from tests.network.factories import subscribe

pytestmark = pytest.mark.django_db


def announce(subject, template="network/email/base"):
    return api.announce(
        MailingList.objects.get(slug="media"), lists=["natverket"], subject=subject, template=template, url="/n/"
    )


@pytest.mark.parametrize(
    "title",
    [
        "Rubrik\r\nBcc: angripare@example.org",
        "Rubrik\nmed radbrytning",
        "Rubrik\rX-Injected: 1",
        "Rubrik\u2028 \t sist",
    ],
)
def test_a_title_with_line_breaks_reaches_everyone_on_one_header_line(title):
    subscribe("natverket", count=3)
    mailing = announce(title)
    deliveries.snapshot(mailing.pk, sending.render)
    tasks.send_mailing_task(mailing.pk)

    assert len(mail.outbox) == 3
    raw = message_from_bytes(mail.outbox[0].message().as_bytes())
    assert raw["Bcc"] is None and raw["X-Injected"] is None
    assert "\n" not in raw["Subject"] and "\r" not in raw["Subject"]
    assert raw["Subject"].startswith("Rubrik ")
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
    assert Mailing.objects.get(pk=mailing.pk).state == Mailing.State.DONE


def test_a_mailing_recorded_with_a_line_break_in_its_subject_is_still_sent():
    subscribe("natverket", count=2)
    mailing = announce("Före")
    Mailing.objects.filter(pk=mailing.pk).update(subject="Före\r\nefter")
    deliveries.snapshot(mailing.pk, sending.render)
    tasks.send_mailing_task(mailing.pk)
    assert [message.subject for message in mail.outbox] == ["Före efter", "Före efter"]


def test_a_mailing_nobody_could_get_is_failed_with_a_swedish_reason_in_the_admin(client, coordinator, settings):
    settings.EMAIL_BACKEND = "tests.network.test_mailing_failures.RefusingBackend"
    subscribe("natverket", count=2)
    mailing = announce("Nyhet")
    deliveries.snapshot(mailing.pk, sending.render)
    tasks.send_mailing_task(mailing.pk)

    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.FAILED
    assert mailing.problem.startswith("Inget e-postmeddelande kunde skickas, så ingen har fått utskicket.")
    assert "avvisar allt" in mailing.problem
    client.force_login(coordinator)
    listing = client.get(reverse("network_mailing:index")).content.decode()
    assert "Misslyckades" in listing and "ingen har fått utskicket" in listing
    page = client.get(reverse("network_mailing:inspect", args=[mailing.pk])).content.decode()
    assert 'role="alert"' in page and "Utskicket misslyckades." in page


def test_a_mailing_that_cannot_be_rendered_is_failed_not_retried_forever(client, coordinator, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: queued.append(task.name))
    subscribe("natverket", count=2)
    mailing = announce("Nyhet", template="network/email/finns-inte")

    tasks.prepare_mailing_task(mailing.pk)
    tasks.sweep_mailings_task()

    mailing.refresh_from_db()
    assert mailing.state == Mailing.State.FAILED
    assert "Utskicket kunde inte skapas" in mailing.problem and "TemplateDoesNotExist" in mailing.problem
    assert not Delivery.objects.exists()
    assert queued == []
    client.force_login(coordinator)
    assert "Utskicket kunde inte skapas" in client.get(reverse("network_mailing:index")).content.decode()


def test_a_partly_failed_mailing_is_done(settings):
    subscribe("natverket", count=2)
    mailing = announce("Nyhet")
    deliveries.snapshot(mailing.pk, sending.render)
    first = Delivery.objects.filter(mailing=mailing).order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(state=Delivery.State.FAILED, error="550")
    tasks.send_mailing_task(mailing.pk)
    mailing.refresh_from_db()
    assert (mailing.state, mailing.problem) == (Mailing.State.DONE, "")


class RefusingBackend:
    """An email backend whose provider rejects every message permanently."""

    def __init__(self, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        raise AnymailError("Leverantören avvisar allt")
