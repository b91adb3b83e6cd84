"""CSV and iCalendar exports of the plan, and the admin's CSV/XLSX export."""

import csv
import datetime
import io

import openpyxl
import pytest
from icalendar import Calendar

from activities.choices import Recurrence, Status
from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_csv_has_bom_the_plans_columns_and_swedish_letters(client, activity_plan_page):
    ActivityFactory(
        title="Förbundets hemsida utvecklas",
        responsible="Samordnare",
        channel="Egen portal samt via de fyra huvudmännens hemsidor (länkar)",
        content="Fakta om förbundet; organisation, kontaktinformation",
        status=Status.STARTED,
    )
    ActivityFactory(title='=HYPERLINK("http://example.org")', period_label="Löpande", status=Status.DONE)

    response = client.get("/aktivitetsplan/aktivitetsplan.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="aktivitetsplan.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum", "Aktivitet", "Ansvar", "Kanal", "Innehåll", "Status"]
    assert rows[1] == [
        "Maj-juli",
        "Förbundets hemsida utvecklas",
        "Samordnare",
        "Egen portal samt via de fyra huvudmännens hemsidor (länkar)",
        "Fakta om förbundet; organisation, kontaktinformation",
        "Påbörjad",
    ]
    assert rows[2][1] == '\'=HYPERLINK("http://example.org")'  # no formula runs in a spreadsheet
    assert rows[2][5] == "Genomförd"


def test_csv_follows_the_page_filters(client, activity_plan_page):
    ActivityFactory(title="Pressmeddelande", status=Status.STARTED)
    ActivityFactory(title="Faktablad", status=Status.PLANNED)
    body = client.get("/aktivitetsplan/aktivitetsplan.csv", {"status": "paborjad"}).content.decode("utf-8-sig")
    assert [row[1] for row in csv.reader(io.StringIO(body), delimiter=";")] == ["Aktivitet", "Pressmeddelande"]


def test_ics_parses_with_stable_uids_all_day_dates_and_recurrence(client, activity_plan_page):
    website = ActivityFactory(title="Förbundets hemsida utvecklas", status=Status.STARTED)
    report = ActivityFactory(
        title="Tertialrapport till huvudmännen.",
        period_label="Kvartals-vis",
        start_date=D(2006, 6, 30),
        end_date=D(2006, 12, 31),
        recurrence=Recurrence.QUARTERLY,
    )
    ActivityFactory(
        title="Pressmeddelande",
        period_label="Löpande",
        start_date=D(2006, 5, 10),
        end_date=None,
        recurrence=Recurrence.ONGOING,
    )
    ActivityFactory(title="Månadsbrev", start_date=D(2006, 1, 15), end_date=None, recurrence=Recurrence.MONTHLY)
    ActivityFactory(title="Odaterad", start_date=None, end_date=None)
    ActivityFactory(title="Inställd konferens", status=Status.CANCELLED)

    response = client.get("/aktivitetsplan/aktivitetsplan.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "Förbundets hemsida utvecklas",
        "Tertialrapport till huvudmännen.",
        "Pressmeddelande",
        "Månadsbrev",
        "Inställd konferens",
    }
    site = events["Förbundets hemsida utvecklas"]
    assert site.decoded("DTSTART") == D(2006, 5, 1)
    assert not isinstance(site.decoded("DTSTART"), datetime.datetime)
    assert site.decoded("DTEND") == D(2006, 8, 1)  # exclusive end: through 31 July
    assert site["STATUS"] == "CONFIRMED"
    assert site["UID"] == f"aktivitet-{website.pk}@testserver"
    assert "RRULE" not in site
    quarterly = events["Tertialrapport till huvudmännen."]
    rule = quarterly["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [3]
    assert rule["UNTIL"] == [D(2006, 12, 31)]
    assert quarterly.decoded("DTEND") == D(2006, 7, 1)
    assert quarterly["UID"] == f"aktivitet-{report.pk}@testserver"
    assert events["Månadsbrev"]["RRULE"]["FREQ"] == ["MONTHLY"] and "UNTIL" not in events["Månadsbrev"]["RRULE"]
    assert events["Pressmeddelande"].decoded("DTEND") == D(2007, 1, 1)
    assert events["Inställd konferens"]["STATUS"] == "CANCELLED"
    for event in events.values():
        assert event["DTSTAMP"]
    again = Calendar.from_ical(client.get("/aktivitetsplan/aktivitetsplan.ics").content)
    assert sorted(str(event["UID"]) for event in again.walk("VEVENT")) == sorted(
        str(event["UID"]) for event in events.values()
    )


@pytest.mark.parametrize(
    "path", ["/annat/aktivitetsplan.csv", "/aktivitetsplan/aktivitetsplan.pdf", "/aktivitetsplan.ics"]
)
def test_exports_exist_only_below_the_plan_page(client, activity_plan_page, path):
    assert client.get(path).status_code == 404


def test_admin_exports_csv_and_xlsx(client, coordinator):
    ActivityFactory(title="Framtagning av ett faktablad", period_label="Augusti", responsible="Styrelsen/samordnare")
    client.force_login(coordinator)
    response = client.get("/admin/aktiviteter/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["Datum", "Aktivitet", "Ansvar", "Kanal", "Innehåll", "Status", "År"]
    assert rows[1][:3] == ["Augusti", "Framtagning av ett faktablad", "Styrelsen/samordnare"]
    assert "aktivitetsplan" in response["Content-Disposition"]

    response = client.get("/admin/aktiviteter/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:2] == ["Datum", "Aktivitet"]
    assert sheet["B2"].value == "Framtagning av ett faktablad"
