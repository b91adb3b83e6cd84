"""Background tasks of the activity plan."""

from celery import shared_task

from activities.report import send_due_report


@shared_task
def send_monthly_report_task():
    """Run by beat at 07:00 on days 1-3; sends last month's report from the first weekday on.

    Safe to run twice: a month's report is sent once.
    """
    result = send_due_report()
    return result[0].pk if result else None
