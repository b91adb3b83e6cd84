"""The press room of a new site (``register_site_pages`` hook): the plugin's own page, with starting texts."""

from home.site_setup import ensure_page
from press.models import PressRoomPage


def ensure_press_room(context):
    """``/press/`` under the site's home page, its contact the association's spokesperson; idempotent."""
    organisation = context.organisation
    return ensure_page(
        context.home,
        PressRoomPage(
            title="Pressrum",
            slug="press",
            intro=f"<p>Pressmeddelanden från {organisation['name']}, pressbilder och fakta om förbundet.</p>",
            press_contact_name=organisation["spokesperson_name"],
            press_contact_role=organisation["spokesperson_role"],
            press_contact_phone=organisation["phone"],
            press_contact_email=organisation["email"],
            show_in_menus=False,
        ),
        context.created,
    )
