"""Background tasks of the activity plan."""

from celery import shared_task
from wagtail.models import Site

from activities.report import send_due_report


@shared_task
def send_monthly_report_task():
    """Run by beat at 07:00 on days 1-3; sends each association's last month's report from the first weekday on.

    Safe to run twice: a month's report is sent once per association. Returns the reports' keys.
    """
    results = [send_due_report(association=site) for site in Site.objects.order_by("pk")]
    return [result[0].pk for result in results if result]
