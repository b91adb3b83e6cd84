"""The home page's "Senaste pressmeddelanden" section."""

from django.template.loader import render_to_string

from press.conf import get_setting
from press.models import PressRoomPage


def latest_releases_section(request, home_page):
    """HTML of the newest published releases, or None when there are none to show."""
    room = PressRoomPage.objects.live().first()
    if room is None:
        return None
    releases = list(
        room.live_releases().only("title", "slug", "lead", "first_published_at")[: get_setting("HOME_SECTION_COUNT")]
    )
    if not releases:
        return None
    for release in releases:
        release.page_url = room.release_url(release, request=request)
    return render_to_string("press/home_section.html", {"releases": releases, "press_room": room}, request=request)
