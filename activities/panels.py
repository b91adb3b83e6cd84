"""The dashboard panel of the activity plan: what is going on now and what comes next."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from activities.choices import Status
from activities.models import Activity
from home.associations import owned

COMING_DAYS = 60


class CurrentActivitiesPanel(Component):
    name = "activities_current"
    order = 150
    template_name = "activities/admin/panels/current_activities.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        open_statuses = [Status.PLANNED, Status.STARTED]
        activities = owned(self.request, Activity).filter(status__in=open_statuses)
        ongoing = activities.filter(Q(status=Status.STARTED) | Q(start_date__lte=today, end_date__gte=today)).order_by(
            "start_date", "sort_order"
        )
        coming = (
            activities.filter(start_date__gt=today, start_date__lte=today + timezone.timedelta(days=COMING_DAYS))
            .exclude(pk__in=ongoing.values("pk"))
            .order_by("start_date", "sort_order")
        )

        def rows(queryset):
            return [
                {"activity": activity, "url": reverse("wagtailsnippets_activities_activity:edit", args=[activity.pk])}
                for activity in queryset[:8]
            ]

        return {"ongoing": rows(ongoing), "coming": rows(coming), "coming_days": COMING_DAYS}
