"""Factories for the activity plan's tests (named apart from other apps' ``factories`` modules)."""

import datetime

import factory

from activities.choices import Recurrence, Status
from activities.models import Activity, ActivityPlanPage


class ActivityFactory(factory.django.DjangoModelFactory):
    """A published activity: the live row plus a revision, as the admin leaves it."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    plan_year = 2006
    title = factory.Sequence(lambda n: f"Aktivitet {n} för förbundet")
    period_label = "Maj-juli"
    start_date = datetime.date(2006, 5, 1)
    end_date = datetime.date(2006, 7, 31)
    recurrence = Recurrence.ONCE
    responsible = "Samordnare/LSG"
    channel = "Sändlista"
    content = "Fakta om förbundet, vad man kan söka för"
    status = Status.PLANNED

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()


def bulk_activities(count, **fields):
    """``count`` live activities without revisions, for listings that only read live rows."""
    statuses = list(Status.values)
    return Activity.objects.bulk_create(
        [
            Activity(
                plan_year=2006,
                title=f"Massaktivitet {n}",
                period_label="Löpande",
                start_date=datetime.date(2006, 1 + n % 12, 1),
                recurrence=Recurrence.ONGOING if n % 3 else Recurrence.ONCE,
                responsible="Samordnare" if n % 2 else "Styrelse/samordnare",
                channel=f"Kanal {n % 7}",
                content="Innehåll",
                status=statuses[n % len(statuses)],
                sort_order=n,
                live=True,
                **fields,
            )
            for n in range(count)
        ]
    )


def plan_page(home):
    """The activity plan page init_site made under ``home`` (the plugin's ``register_site_pages`` hook), live."""
    page = ActivityPlanPage.objects.child_of(home).get()
    if not page.live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def unpublished_plan_page(home):
    """init_site's plan page taken off the site: an activity then has no live page to show its row on."""
    page = plan_page(home)
    page.unpublish()
    return page
