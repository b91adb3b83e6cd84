"""Public exports of the plan: ``<plan page>/aktivitetsplan.csv`` and ``.ics``, honouring the page's filters."""

from django.http import Http404, HttpResponse

from activities.exports import activities_csv, activities_ics
from activities.models import ActivityPlanPage
from home.models import OrganisationSettings

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8"}


def plan_export(request, page_path, extension):
    page = ActivityPlanPage.live_page(request)
    if page is None or page.get_url(request) != f"/{page_path}":
        raise Http404
    activities = page.filtered_activities(page.filter_form(request), request)
    if extension == "csv":
        body = activities_csv(activities)
    else:
        name = OrganisationSettings.for_request(request).name
        body = activities_ics(activities, page_url=page.get_full_url(request), name=name)
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="aktivitetsplan.{extension}"'
    return response
