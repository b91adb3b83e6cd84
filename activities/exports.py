"""The plan as files: CSV for spreadsheets and iCalendar (RFC 5545) for calendar apps.

CSV: UTF-8 with a byte order mark so Excel recognises Swedish letters, and ``;``
as separator, which Excel expects with Swedish regional settings.
"""

import csv
import datetime
import io

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from activities.choices import Recurrence, Status
from network.api import site_domain

CSV_HEADER = ["Datum", "Aktivitet", "Ansvar", "Kanal", "Innehåll", "Status"]
CSV_DELIMITER = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

ICS_STATUS = {
    Status.PLANNED: "TENTATIVE",
    Status.STARTED: "CONFIRMED",
    Status.DONE: "CONFIRMED",
    Status.CANCELLED: "CANCELLED",
}
RRULES = {
    Recurrence.MONTHLY: {"FREQ": "MONTHLY"},
    Recurrence.QUARTERLY: {"FREQ": "MONTHLY", "INTERVAL": 3},
    Recurrence.YEARLY: {"FREQ": "YEARLY"},
}


def _cell(value):
    """Neutralise text a spreadsheet would run as a formula."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_rows(activities):
    for activity in activities:
        yield [
            activity.period_display,
            activity.title,
            activity.responsible,
            activity.channel,
            activity.content,
            activity.get_status_display(),
        ]


def activities_csv(activities):
    """The plan's columns plus status, as text starting with a BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in csv_rows(activities):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def activity_event(activity, *, domain, page_url="", stamp=None):
    """One all-day VEVENT for a dated activity; recurring ones carry an RRULE."""
    first, last = activity.span
    event = Event()
    event.add("uid", f"aktivitet-{activity.pk}@{domain}")
    event.add("dtstamp", stamp or timezone.now())
    event.add("summary", activity.title)
    if activity.recurrence in RRULES:
        event.add("dtstart", first)
        event.add("dtend", first + datetime.timedelta(days=1))
        rule = dict(RRULES[activity.recurrence])
        if activity.end_date:
            rule["UNTIL"] = activity.end_date
        event.add("rrule", vRecur(rule))
    else:
        event.add("dtstart", first)
        event.add("dtend", last + datetime.timedelta(days=1))
    description = [
        line
        for line in (
            activity.content,
            f"Ansvar: {activity.responsible}" if activity.responsible else "",
            f"Kanal: {activity.channel}" if activity.channel else "",
            f"Status: {activity.get_status_display()}",
        )
        if line
    ]
    event.add("description", "\n".join(description))
    event.add("status", ICS_STATUS[activity.status])
    if activity.status_changed_at:
        event.add("last-modified", activity.status_changed_at)
    if page_url:
        event.add("url", page_url)
    return event


def activities_ics(activities, *, page_url="", name="Samordningsförbundet Lycksele"):
    """A VCALENDAR with one VEVENT per dated activity of the association ``name``; undated ones have no place in it."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{name}//Aktivitetsplan//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Aktivitetsplan – {name}")
    domain = site_domain()
    stamp = timezone.now()
    for activity in activities:
        if activity.start_date:
            calendar.add_component(activity_event(activity, domain=domain, page_url=page_url, stamp=stamp))
    return calendar.to_ical()
