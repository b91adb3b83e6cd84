"""Background tasks of the activity plan."""

from celery import shared_task

from activities.report import send_due_report


@shared_task
def send_monthly_report_task():
    """Run daily from beat in the month's first days; sends last month's report on the first weekday.

    Safe to run twice: a month's report is sent once.
    """
    result = send_due_report()
    return result[0].pk if result else None
