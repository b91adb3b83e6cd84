"""The home page section "Pågående aktiviteter" (through home's ``home_page_sections`` hook)."""

from django.template.loader import render_to_string

from activities.choices import Status
from activities.models import ActivityPlanPage

SECTION_LIMIT = 5


def ongoing_activities_section(request, home_page):
    activities = list(ActivityPlanPage.live_activities(request).filter(status=Status.STARTED)[:SECTION_LIMIT])
    if not activities:
        return None
    plan_page = ActivityPlanPage.live_page(request)
    return render_to_string(
        "activities/includes/home_section.html",
        {"activities": activities, "plan_page": plan_page},
        request=request,
    )
