"""Dashboard panels of the network: recent mailings with their progress, and the network's growth."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.ui.components import Component

from home.associations import owned
from network.api import progress
from network.models import Mailing, Subscription

GROWTH_MONTHS = 12
CHART_WIDTH, CHART_HEIGHT = 480, 120


class RecentMailingsPanel(Component):
    name = "network_recent_mailings"
    order = 200
    template_name = "network/admin/panels/recent_mailings.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        mailings = []
        for mailing in owned(self.request, Mailing).order_by("-created_at")[:5]:
            counts = progress(mailing)
            done = counts["recipients"] - counts.get("pending", 0) - counts.get("sending", 0)
            mailings.append(
                {
                    "mailing": mailing,
                    "counts": counts,
                    "done": done,
                    "url": reverse("network_mailing:inspect", args=[mailing.pk]),
                }
            )
        return {"mailings": mailings}


def month_starts(today, months):
    """The first day of each of the last ``months`` months, oldest first, ending with this month."""
    starts = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def network_size_by_month(association, list_slug="natverket", months=GROWTH_MONTHS):
    """(month start, people of ``association`` confirmed and not unsubscribed at the end of that month), oldest
    first."""
    now = timezone.localtime()
    subscriptions = Subscription.objects.filter(
        mailing_list__association=association, mailing_list__slug=list_slug, confirmed_at__isnull=False
    )
    rows = list(subscriptions.values_list("confirmed_at", "unsubscribed_at"))
    sizes = []
    for start in month_starts(now.date(), months):
        next_month = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        end = min(timezone.make_aware(datetime.datetime.combine(next_month, datetime.time())), now)
        size = sum(1 for confirmed, left in rows if confirmed < end and (left is None or left >= end))
        sizes.append((start, size))
    return sizes


class NetworkGrowthPanel(Component):
    """A small bar chart drawn on the server (SVG), with the same figures as a table for screen readers."""

    name = "network_growth"
    order = 210
    template_name = "network/admin/panels/network_growth.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        sizes = network_size_by_month(self.request.association)
        highest = max((size for _, size in sizes), default=0) or 1
        slot = CHART_WIDTH / len(sizes)
        bars = []
        for index, (start, size) in enumerate(sizes):
            height = round(size / highest * (CHART_HEIGHT - 20))
            bars.append(
                {
                    "x": round(index * slot + 2, 1),
                    "y": CHART_HEIGHT - height,
                    "width": round(slot - 4, 1),
                    "height": height,
                    "size": size,
                    "label": date_format(start, "b Y"),
                }
            )
        first, last = sizes[0][1], sizes[-1][1]
        summary = f"Nätverket har {last} medlemmar, {last - first:+d} jämfört med för {len(sizes) - 1} månader sedan."
        return {"bars": bars, "summary": summary, "width": CHART_WIDTH, "height": CHART_HEIGHT}
