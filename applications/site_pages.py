"""The minutes page of a new site (``register_site_pages`` hook): /om-forbundet/protokoll/."""

from applications.models import MinutesIndexPage
from home.models import StandardPage
from home.site_setup import ensure_page

ABOUT_SLUG = "om-forbundet"


def ensure_minutes_page(context):
    """The board's minutes below "Om förbundet" (beside the governing documents), or below the home
    page when the site has no such page; idempotent."""
    about = StandardPage.objects.child_of(context.home).filter(slug=ABOUT_SLUG).first()
    parent = about or context.home
    if MinutesIndexPage.objects.descendant_of(context.home).exists():
        return MinutesIndexPage.objects.descendant_of(context.home).first()
    return ensure_page(
        parent,
        MinutesIndexPage(
            title="Styrelsens protokoll",
            slug="protokoll",
            intro=f"Protokoll från styrelsens möten i {context.organisation['name']}, med besluten om "
            "ansökningar om medel. Protokollen publiceras när de är justerade.",
            show_in_menus=True,
        ),
        context.created,
    )
