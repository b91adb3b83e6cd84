"""The monthly report: figures on a known data set, the dry run, the once-per-month guarantee, the admin view."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from wagtail.models import ModelLogEntry, PageLogEntry

from activities.choices import Status
from activities.models import Activity, MonthlyReport
from activities.report import build_figures, first_weekday, send_due_report, send_monthly_report
from home.models import StandardPage
from network.models import Delivery, Mailing, MailingList, Subscriber, Subscription
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MAY = datetime.date(2006, 5, 1)


def at(day, hour=12):
    return datetime.datetime(2006, *day, hour, tzinfo=STOCKHOLM)


def person(email, lists, *, confirmed, unsubscribed=None):
    subscriber = Subscriber.objects.create(email=email, confirmed_at=confirmed)
    for slug in lists:
        Subscription.objects.create(
            subscriber=subscriber,
            mailing_list=MailingList.objects.get(slug=slug),
            confirmed_at=confirmed,
            unsubscribed_at=unsubscribed,
        )
    return subscriber


@pytest.fixture
def may_2006(home_page):
    """A known month: activity changes, publications, a mailing and network movement in May 2006."""
    started = ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.STARTED)
    done = ActivityFactory(title="Framtagande av logga (profil)", status=Status.DONE)
    ActivityFactory(title="Lokal erfarenhetskonferens")
    ActivityFactory(title="Framtagning av ett faktablad")
    ActivityFactory(title="Förra årets aktivitet", plan_year=2005, status=Status.CANCELLED)
    Activity.objects.update(status_changed_at=at((4, 1)))
    Activity.objects.filter(pk=started.pk).update(status_changed_at=at((5, 31), 23))  # late on the last evening
    Activity.objects.filter(pk=done.pk).update(status_changed_at=at((6, 1), 0))  # already June in Stockholm

    news = StandardPage(title="Hemsidan är öppnad", slug="hemsidan")
    home_page.add_child(instance=news)
    news.save_revision().publish()
    PageLogEntry.objects.filter(page=news, action="wagtail.publish").update(timestamp=at((5, 15)))
    ModelLogEntry.objects.filter(
        action="wagtail.publish", content_type=ContentType.objects.get_for_model(Activity), object_id=str(started.pk)
    ).update(timestamp=at((5, 2)))

    april, may_10 = at((4, 1)), at((5, 10))
    people = [
        person("kvar@example.org", ["natverket"], confirmed=april),
        person("slutade@example.org", ["natverket"], confirmed=april, unsubscribed=at((5, 20))),
        person("ny1@example.org", ["natverket"], confirmed=may_10),
        person("ny2@example.org", ["natverket"], confirmed=may_10),
        person("juni@example.org", ["natverket"], confirmed=at((6, 10))),  # after the month: not in its figures
    ]
    person("lsg@example.org", ["lsg"], confirmed=april)
    person("ordforande@example.org", ["styrelsen"], confirmed=april)
    mailing = Mailing.objects.create(
        content_type=ContentType.objects.get_for_model(StandardPage),
        object_id=str(news.pk),
        subject="Hemsidan är öppnad",
        template="home/email/news",
    )
    for subscriber, state in zip(people[:3], ["sent", "sent", "failed"], strict=True):
        Delivery.objects.create(mailing=mailing, subscriber=subscriber, email=subscriber.email, state=state)
    Mailing.objects.filter(pk=mailing.pk).update(created_at=at((5, 15)))
    return {"mailing": mailing}


def test_figures_for_a_known_month(may_2006):
    figures = build_figures(MAY)

    assert figures["month"] == "2006-05"
    assert figures["month_label"] == "maj 2006"
    assert {row["status"]: row["count"] for row in figures["status_counts"]} == {
        "planerad": 2,
        "paborjad": 1,
        "genomford": 1,
        "installd": 0,
    }
    assert figures["activities_total"] == 4
    assert [(item["title"], item["status_label"]) for item in figures["changed"]] == [
        ("Förbundets hemsida utvecklas", "Påbörjad")
    ]
    assert [(item["type"], item["title"]) for item in figures["published"]] == [
        ("Aktivitet", "Förbundets hemsida utvecklas"),
        ("Standardsida", "Hemsidan är öppnad"),
    ]
    network = figures["network"]
    assert (network["size_at_start"], network["size_at_end"], network["change"]) == (2, 3, 1)
    assert (network["added"], network["unsubscribed"]) == (2, 1)
    assert network["size_at_start"] + network["added"] - network["unsubscribed"] == network["size_at_end"]
    assert network["size_now"] == 4, "today's size is not the month's"
    [mailed] = network["mailings"]
    assert mailed["subject"] == "Hemsidan är öppnad"
    assert (mailed["recipients"], mailed["sent"], mailed["failed"]) == (3, 2, 1)


def test_dry_run_prints_the_figures_and_sends_nothing(may_2006, capsys):
    call_command("send_monthly_report", "--dry-run", "--month", "2006-05")

    out = capsys.readouterr().out
    assert "Månadsrapport maj 2006" in out
    assert "- Påbörjad: 1" in out
    assert "Standardsida: Hemsidan är öppnad" in out
    assert "Hemsidan är öppnad: 3 mottagare, 2 skickade, 1 misslyckade" in out
    assert "Vid månadens början: 2" in out
    assert "Vid månadens slut: 3" in out
    assert "Förändring: +1" in out
    assert "Nya under månaden: 2, avregistrerade under månaden: 1" in out
    assert "Provkörning: inget skickades." in out
    assert not MonthlyReport.objects.exists()
    assert Mailing.objects.count() == 1
    assert mail.outbox == []


def test_a_report_to_lists_with_no_confirmed_recipient_is_refused_and_the_month_stays_unsent(may_2006):
    Subscription.objects.filter(mailing_list__slug__in=["lsg", "styrelsen"]).update(unsubscribed_at=at((5, 1)))

    with pytest.raises(CommandError, match="ingen bekräftad mottagare"):
        call_command("send_monthly_report", "--month", "2006-05")

    assert not MonthlyReport.objects.filter(sent_at__isnull=False).exists()
    assert not Mailing.objects.filter(content_type=ContentType.objects.get_for_model(MonthlyReport)).exists()
    assert send_due_report(datetime.date(2006, 6, 1)) is None, "beat must log the refusal, not fail"


def test_report_goes_to_lsg_and_the_board_once_per_month(may_2006, capsys):
    call_command("send_monthly_report", "--month", "2006-05")
    call_command("send_monthly_report", "--month", "2006-05")
    report, mailing = send_monthly_report(MAY)

    assert mailing is None
    assert MonthlyReport.objects.count() == 1
    mailings = Mailing.objects.filter(content_type=ContentType.objects.get_for_model(MonthlyReport))
    assert mailings.count() == 1
    assert set(mailings.get().lists.values_list("slug", flat=True)) == {"lsg", "styrelsen"}
    assert report.data["network"]["size_at_end"] == 3
    out = capsys.readouterr().out
    assert "köades för utskick" in out
    assert "redan skickad" in out


def test_report_email_has_html_and_text_with_the_figures(may_2006):
    report, _mailing = send_monthly_report(MAY)
    context = {
        "object": report,
        "url": "http://testserver/admin/",
        "unsubscribe_url": "http://testserver/avsluta/x/",
        "site_name": "Samordningsförbundet Lycksele",
    }

    text = render_to_string("activities/email/monthly_report.txt", context)
    html = render_to_string("activities/email/monthly_report.html", context)

    assert "Månadsrapport maj 2006" in text
    assert "Hemsidan är öppnad: 3 mottagare, 2 skickade, 1 misslyckade" in text
    assert "Avregistrera dig: http://testserver/avsluta/x/" in text
    assert "Rapporten i administrationen: http://testserver/admin/" in text
    assert "<h1" in html and "maj 2006" in html
    assert "<td>2</td>" in html
    assert 'href="http://testserver/avsluta/x/"' in html


@pytest.mark.parametrize(
    ("day", "first"),
    [
        (datetime.date(2006, 5, 1), datetime.date(2006, 5, 1)),  # Monday the 1st
        (datetime.date(2006, 7, 1), datetime.date(2006, 7, 3)),  # Saturday the 1st: the Monday after
        (datetime.date(2006, 7, 4), datetime.date(2006, 7, 3)),
        (datetime.date(2006, 9, 1), datetime.date(2006, 9, 1)),  # Friday the 1st
        (datetime.date(2006, 10, 2), datetime.date(2006, 10, 2)),  # Sunday the 1st
    ],
)
def test_first_weekday(day, first):
    assert first_weekday(day) == first


def test_scheduled_task_sends_last_month_from_the_first_weekday_once(may_2006):
    assert send_due_report(datetime.date(2006, 7, 1)) is None  # Saturday, before July's first weekday
    assert send_due_report(datetime.date(2006, 7, 2)) is None
    assert not MonthlyReport.objects.exists()
    report, mailing = send_due_report(datetime.date(2006, 6, 1))
    assert report.month == MAY and mailing is not None
    report, mailing = send_due_report(datetime.date(2006, 6, 2))  # a later run the same month
    assert report.month == MAY and mailing is None
    assert Mailing.objects.filter(content_type=ContentType.objects.get_for_model(MonthlyReport)).count() == 1


@pytest.mark.parametrize("month", ["2006-13", "maj", "06-2006", "1999-01x", ""])
def test_bad_month_is_refused(month):
    with pytest.raises(CommandError, match="Ogiltig månad"):
        call_command("send_monthly_report", "--dry-run", "--month", month)


def test_admin_report_view_shows_the_figures(client, coordinator, board_member, may_2006):
    client.force_login(board_member)
    response = client.get("/admin/aktivitetsplan/manadsrapport/", {"month": "2006-05"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aktiviteter efter status (maj 2006)" in html
    assert "Hemsidan är öppnad" in html
    assert "Inte skickad" in html

    send_monthly_report(MAY)
    client.force_login(coordinator)
    html = client.get("/admin/aktivitetsplan/manadsrapport/", {"month": "2006-05"}).content.decode()
    assert "Skickad till LSG och styrelsen" in html
    response = client.get("/admin/aktivitetsplan/manadsrapport/", {"month": "<script>"})
    assert response.status_code == 200
    assert "Ange månaden som ÅÅÅÅ-MM." in response.content.decode()


def test_admin_report_view_is_denied_without_permission(client):
    staff = User.objects.create_user("utan-roll", password="pw")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get("/admin/aktivitetsplan/manadsrapport/")
    assert response.status_code == 302
    assert "/admin/aktivitetsplan/manadsrapport/" not in response["Location"]
    client.logout()
    response = client.get("/admin/aktivitetsplan/manadsrapport/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
