"""Server-side helper of the application-to-release browser test (test_e2e_application_chain.py).

Run through ``manage.py shell`` in the browser tests' server environment, so what it reads is the
server's own database: the case the browser created, the drafts the decision made, and the people
the release must reach.
"""

from django.urls import reverse

from applications.models import Application, Decision
from home.associations import default_association
from network.api import mailings_for
from network.deliveries import recipients, suppressed_hashes
from network.models import MailingList, email_hash
from press.models import PressRelease


def case(number):
    application = Application.objects.get(number=number)
    return {"pk": application.pk, "room": reverse("applications_case_room", args=[application.pk])}


def drafts(number):
    """The project page and release of the case's decision, and whether each is live."""
    decision = Decision.objects.select_related("project_page").get(application__number=number)
    page, release = decision.project_page, decision.release
    page.refresh_from_db()
    release = PressRelease.objects.get(pk=release.pk)
    return {
        "page_url": page.relative_url(page.get_site()),
        "page_live": page.live,
        "release_slug": release.slug,
        "release_title": release.title,
        "release_live": release.live,
        "release_in_review": release.workflow_in_progress,
        "release_edit": reverse(release.snippet_viewset.get_url_name("edit"), args=[release.pk]),
        "release_lists": sorted(release.distribution_slugs),
        "release_fact_box": bool(release.fact_box),
        "mailings": mailings_for(release).count(),
        "deliveries": sorted(
            delivery.email for mailing in mailings_for(release) for delivery in mailing.deliveries.all()
        ),
    }


def expected_recipients(slugs=("media", "natverket")):
    """Who a release on ``slugs`` reaches: confirmed, not suppressed, each person once."""
    association = default_association()
    list_ids = list(MailingList.objects.filter(association=association, slug__in=slugs).values_list("pk", flat=True))
    people = recipients(list_ids, association.pk).values_list("email", flat=True)
    emails = sorted({email.lower() for email in people})
    suppressed = suppressed_hashes([email_hash(email) for email in emails], association.pk)
    return [email for email in emails if email_hash(email) not in suppressed]
