"""The activity plan page of a new site (``register_site_pages`` hook), with its starting text."""

from activities.models import ActivityPlanPage
from home.site_setup import ensure_page

PLAN_INTRO = (
    "<p>I aktivitetsplanen infogas kommunikationsaktiviteter och arbetsmoment allt eftersom de planeras. "
    "Grå markering innebär att aktiviteten är påbörjad eller genomförd.</p>"
)


def ensure_plan_page(context):
    """``/aktivitetsplan/`` under the site's home page; idempotent."""
    return ensure_page(
        context.home,
        ActivityPlanPage(title="Aktivitetsplan", slug="aktivitetsplan", intro=PLAN_INTRO, show_in_menus=True),
        context.created,
    )
