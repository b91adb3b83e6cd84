"""The home page's "Senaste pressmeddelanden" section."""

from django.template.loader import render_to_string

from home.associations import of_request
from press import conf
from press.models import PressRoomPage


def latest_releases_section(request, home_page):
    """HTML of the newest published releases, or None when there are none to show.

    The releases first: a new site has its press room but no release yet, and then one query is all it costs.
    """
    releases = list(
        PressRoomPage.live_releases(of_request(request)).only("title", "slug", "lead", "first_published_at")[
            : conf.get("PRESS_HOME_SECTION_COUNT")
        ]
    )
    room = PressRoomPage.live_page(request) if releases else None
    if room is None:
        return None
    for release in releases:
        release.page_url = room.release_url(release, request=request)
    return render_to_string("press/home_section.html", {"releases": releases, "press_room": room}, request=request)
