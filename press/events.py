"""The press room's events as iCalendar (RFC 5545): /press/evenemang.ics, linked from the press room.

The activity plan has a calendar of its own (activities.exports); plugins do not import each
other, so press serves its events itself rather than adding them to the plan's file. Only
live events are in it; every address is absolute, from the Site record, and every UID
carries the site's domain (``network.api.site_domain``).
"""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from home.associations import of_request
from network.api import site_domain
from press.models import CALENDAR_NAME, PressRoomPage

DEFAULT_LENGTH = datetime.timedelta(hours=1)


def event_component(event, *, url, domain, stamp):
    """One VEVENT: start and end in UTC (an event without an end lasts an hour), place, link, description."""
    component = Event()
    component.add("uid", f"evenemang-{event.pk}@{domain}")
    component.add("dtstamp", stamp)
    component.add("summary", event.title)
    component.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    component.add("dtend", (event.ends_at or event.starts_at + DEFAULT_LENGTH).astimezone(datetime.UTC))
    component.add("location", ", ".join(part for part in (event.place, event.address) if part))
    description = [event.lead, strip_tags(event.body).strip()]
    if event.registration_url:
        description.append(f"Anmälan: {event.registration_url}")
    elif event.registration_form:
        description.append(f"Anmälan: {url}")
    component.add("description", "\n\n".join(part for part in description if part))
    component.add("url", url)
    component.add("categories", [event.get_kind_display()])
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    return component


def events_ics(room, events):
    """A VCALENDAR of ``events`` (live ones), each linked to its page below ``room``."""
    calendar = Calendar()
    calendar.add("prodid", "-//Samordningsförbundet Lycksele//Evenemang//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Evenemang – {room.get_site().site_name or room.title}")
    domain, stamp, base_url = site_domain(), timezone.now(), room.get_full_url()
    for event in events:
        url = base_url + room.reverse_subpage("event", kwargs={"slug": event.slug})
        calendar.add_component(event_component(event, url=url, domain=domain, stamp=stamp))
    return calendar.to_ical()


def calendar_view(request, page_path):
    """``<press room>/evenemang.ics``: 404 unless ``page_path`` is the live press room's own address."""
    room = PressRoomPage.live_page(request)
    if room is None or room.get_url(request) != f"/{page_path}":
        raise Http404
    response = HttpResponse(
        events_ics(room, room.live_events(of_request(request))), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{CALENDAR_NAME}"'
    return response
