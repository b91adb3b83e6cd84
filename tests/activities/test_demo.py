"""load_demo brings the plan's eleven rows and the plan page, once."""

import datetime

import pytest
from django.core.management import call_command

from activities.choices import Recurrence, Status
from activities.demo import PLAN_ROWS
from activities.models import Activity, ActivityPlanPage

pytestmark = pytest.mark.django_db


def test_load_demo_loads_every_row_of_the_plan_once(client, capsys):
    call_command("load_demo")
    call_command("load_demo")

    activities = list(Activity.objects.filter(association__is_default_site=True).order_by("sort_order"))
    assert len(activities) == len(PLAN_ROWS) == 11
    assert all(activity.live and activity.plan_year == 2006 for activity in activities)
    assert [activity.period_label for activity in activities] == [
        "Maj-juli",
        "Juni-sept",
        "Juni-sept",
        "Juni-sept",
        "Löpande",
        "Löpande",
        "Kvartals-vis",
        "April",
        "juli",
        "Juni-december",
        "Augusti",
    ]
    by_title = {activity.title: activity for activity in activities}
    website = by_title["Förbundets hemsida utvecklas"]
    assert (website.start_date, website.end_date, website.status) == (
        datetime.date(2006, 5, 1),
        datetime.date(2006, 7, 31),
        Status.STARTED,
    )
    assert by_title["Framtagande av logga (profil)"].status == Status.DONE
    assert by_title["Tertialrapport till huvudmännen."].recurrence == Recurrence.QUARTERLY
    assert by_title["Pressmeddelande"].recurrence == Recurrence.ONGOING
    assert by_title["Pressmeddelande"].start_date == datetime.date(2006, 5, 10)
    for activity in activities:
        activity.full_clean()
    assert ActivityPlanPage.objects.count() == 2  # Lycksele's and the fictional association's
    assert "Demoinnehållet finns redan" in capsys.readouterr().out

    html = client.get("/aktivitetsplan/").content.decode()
    assert html.count('<tr id="aktivitet-') == 11
    assert html.count('plan-row--marked">') == 3
