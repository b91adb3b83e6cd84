"""The monthly report to LSG and the board: figures for a month, and sending them once.

Everything published is read from Wagtail's audit log, so the report knows
about news and press releases without importing the apps that own them.
"""

import datetime
import json
import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from wagtail.models import ModelLogEntry, PageLogEntry

from activities import conf
from activities.choices import Status
from activities.models import Activity, MonthlyReport
from home.associations import default_association
from home.models import OrganisationSettings
from network import api as network_api

logger = logging.getLogger(__name__)

EMAIL_TEMPLATE = "activities/email/monthly_report"


def parse_month(value):
    """'2006-05' -> date(2006, 5, 1); ValueError on anything else."""
    parsed = datetime.datetime.strptime(value, "%Y-%m").date()
    if not 2000 <= parsed.year <= 2100:
        raise ValueError(value)
    return parsed


def previous_month(today):
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def month_bounds(month):
    """The month as aware datetimes [start, end) in the site's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.datetime(month.year, month.month, 1, tzinfo=zone)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return start, datetime.datetime(following.year, following.month, 1, tzinfo=zone)


def first_weekday(day):
    """The first Monday-to-Friday day of ``day``'s month: the day the report goes out."""
    first = day.replace(day=1)
    while first.weekday() >= 5:
        first += datetime.timedelta(days=1)
    return first


def _published(start, end):
    entries = []
    for model in (PageLogEntry, ModelLogEntry):
        logs = model.objects.filter(action="wagtail.publish", timestamp__gte=start, timestamp__lt=end)
        entries += logs.select_related("content_type").order_by("timestamp")
    items = []
    for entry in sorted(entries, key=lambda entry: entry.timestamp):
        model_class = entry.content_type.model_class()
        kind = model_class._meta.verbose_name if model_class else entry.content_type.model
        items.append({"title": entry.label, "type": str(kind).capitalize(), "at": entry.timestamp})
    return items


def build_figures(month, association=None):
    """The figures of ``association`` (None: the default one) for ``month`` (a date on the first), JSON-ready."""
    association = association or default_association()
    start, end = month_bounds(month)
    live = Activity.objects.filter(live=True, association=association)
    counts = dict.fromkeys(Status.values, 0)
    for status in live.filter(plan_year=month.year).values_list("status", flat=True):
        counts[status] += 1
    changed_in_month = live.filter(status_changed_at__gte=start, status_changed_at__lt=end)
    changed = [
        {
            "title": activity.title,
            "status": activity.status,
            "status_label": activity.get_status_display(),
            "at": activity.status_changed_at,
        }
        for activity in changed_in_month.order_by("status_changed_at")
    ]
    network = network_api.stats(
        start, end, list_slug=conf.get("ACTIVITIES_REPORT_NETWORK_LIST"), association=association
    )
    # The month's own figures: at its start and its end, not today (a report of May sent in
    # December must not count December's signups).
    network["change"] = network["size_at_end"] - network["size_at_start"]
    figures = {
        "month": month.strftime("%Y-%m"),
        "month_label": date_format(month, "F Y"),
        "status_counts": [
            {"status": value, "label": str(label), "count": counts[value]} for value, label in Status.choices
        ],
        "activities_total": sum(counts.values()),
        "changed": changed,
        "published": _published(start, end),
        "network": network,
    }
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))


def render_text(month, figures):
    """The report's plain-text email body, for the dry run."""
    report = MonthlyReport(month=month, data=figures)
    return render_to_string(f"{EMAIL_TEMPLATE}.txt", {"object": report, "site_name": settings.WAGTAIL_SITE_NAME})


def send_monthly_report(month, association=None):
    """Make the month's report of ``association`` (None: the default one) and hand it to the network; returns
    (report, mailing), the mailing from the association's sender to its lists.

    Never sends twice: the report is unique per month and locked while it is
    sent, and the network makes one mailing per object. When the month was
    already sent, returns the report and None.
    """
    association = association or default_association()
    context = OrganisationSettings.email_context(association)
    name = context.get("site_name", settings.WAGTAIL_SITE_NAME)
    with transaction.atomic():
        report, _created = MonthlyReport.objects.get_or_create(month=month, association=association)
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        if report.sent_at:
            return report, None
        report.data = build_figures(month, association)
        mailing = network_api.announce(
            report,
            lists=conf.get("ACTIVITIES_REPORT_LISTS"),
            subject=f"Månadsrapport {report.data['month_label']} – {name}",
            template=EMAIL_TEMPLATE,
            require_recipients=True,
            association=association,
            context=context,
            url=settings.WAGTAILADMIN_BASE_URL
            + reverse("activities_monthly_report")
            + f"?month={report.data['month']}",
        )
        report.sent_at = timezone.now()
        report.save(update_fields=["data", "sent_at"])
    return report, mailing


def send_due_report(today=None, association=None):
    """What the beat entry runs (days 1-3) per association: from the month's first weekday on, send last month's
    report of ``association`` (None: the default one).

    A day when beat was down is caught up on the next run; a month already sent is not sent again.
    """
    today = today or timezone.localdate()
    if today < first_weekday(today):
        return None
    try:
        return send_monthly_report(previous_month(today), association)
    except network_api.NoRecipientsError as error:
        logger.warning("Monthly report not sent: %s", error)
        return None
