"""The activities endpoint of the headless API (/api/v2/activities/).

Registered by the project's API router when this app is installed. Only live
activities of the host's association appear.
"""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet

from activities.models import Activity, ActivityPlanPage


class ActivitiesAPIViewSet(BaseAPIViewSet):
    model = Activity
    name = "activities"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "plan_year",
        "period_display",
        "start_date",
        "end_date",
        "status",
        "public_url",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["title"]
    year_field = "plan_year"

    def get_queryset(self):
        return (
            ActivityPlanPage.live_activities(self.request)
            .select_related("association")
            .order_by("plan_year", "sort_order", "pk")
        )

    def paginate_queryset(self, queryset):
        activities = super().paginate_queryset(queryset)
        plan_page = ActivityPlanPage.live_page(self.request)
        for activity in activities:
            activity.plan_page = plan_page  # one query for the page, not one per activity
        return activities


def register(router):
    router.register_endpoint("activities", ActivitiesAPIViewSet)
