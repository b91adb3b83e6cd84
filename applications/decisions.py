"""The preparation and the board's decision on a case, each step one transaction.

``record_decision`` is the board's act: the decision, the case closed, and for a granted (or
partly granted) case its draft project page in the register of decided projects (/projekt/) and,
through home's ``create_decision_release`` hook, its draft press release before the board. The
applicant is told after commit (applications.tasks). Who may do which step is checked by the
views (applications.preparation_views) against the permissions applications/0002 gives the roles.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Site

from applications.models import Application, Comment, Decision, Outcome, Proposal
from applications.tasks import queue_applicant_notice
from home.decisions import create_decision_release
from home.models import ProjectIndexPage, ProjectPage


def add_comment(application, *, text, user):
    """The preparation's remark on ``application``; a received case is in preparation from then on."""
    with transaction.atomic():
        comment = Comment.objects.create(application=application, text=text, author=user)
        if application.status == Application.Status.RECEIVED:
            application.mark_in_preparation()
    return comment


def save_proposal(application, *, outcome, amount, text, user):
    """Write (or rewrite) the coordinator's proposal; refused once the case is decided."""
    if application.status not in (Application.Status.RECEIVED, Application.Status.IN_PREPARATION):
        raise ValidationError(_("Ärendet är avslutat; förslaget kan inte längre ändras."))
    with transaction.atomic():
        proposal, _created = Proposal.objects.update_or_create(
            application=application,
            defaults={"outcome": outcome, "amount": amount, "text": text, "written_by": user},
        )
        if application.status == Application.Status.RECEIVED:
            application.mark_in_preparation()
    return proposal


def granted_amount(application, outcome, amount):
    """The amount a decision grants: the whole budget, the part given, or None for a rejection."""
    if outcome == Outcome.GRANTED:
        return application.budget
    if outcome == Outcome.REJECTED:
        return None
    if amount is None or not 0 < amount < application.budget:
        raise ValidationError(
            {
                "amount": _("Ange ett belopp mellan 1 och %(budget)s kr vid delvis beviljande.")
                % {"budget": application.budget}
            }
        )
    return amount


def record_decision(application, *, meeting, paragraph, outcome, amount=None, motivation="", user):
    """The board's decision on ``application`` at ``meeting``, with all it sets going, in one transaction.

    Raises ValidationError (nothing written) when the case is already decided or withdrawn, the
    amount does not fit, the paragraph is taken, or there is no project register to publish in.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in (Application.Status.RECEIVED, Application.Status.IN_PREPARATION):
            raise ValidationError(_("Ärendet är redan avslutat och kan inte beslutas igen."))
        decision = Decision(
            application=application,
            meeting=meeting,
            paragraph=paragraph,
            outcome=outcome,
            amount=granted_amount(application, outcome, amount),
            motivation=motivation,
            decided_by=user,
        )
        decision.full_clean()
        decision.save()
        application.mark_decided(granted=decision.granted)
        if decision.granted:
            decision.project_page = draft_project_page(decision, user)
            releases = create_decision_release(decision.project_page, user=user)
            if releases:
                decision.release = releases[0]
            decision.save(update_fields=["project_page", "release_type", "release_id"])
        log(
            instance=decision,
            action="applications.decision",
            user=user,
            data={"application": application.number, "outcome": outcome, "paragraph": decision.paragraph_label},
        )
        queue_applicant_notice(decision)
    return decision


def project_register(association):
    """The register of decided projects (/projekt/) of ``association`` (a Site), or None."""
    site = Site.objects.filter(pk=association.pk).select_related("root_page").first()
    if site is None:
        return None
    return ProjectIndexPage.objects.descendant_of(site.root_page, inclusive=True).first()


def draft_project_page(decision, user):
    """A draft project page about the granted case under /projekt/, with the decision's facts."""
    register = project_register(decision.application.association)
    if register is None:
        raise ValidationError(_("Det finns ingen projektlista (/projekt/) att lägga det beviljade projektet i."))
    application = decision.application
    page = ProjectPage(
        title=application.title,
        slug=free_slug(register, slugify(application.title) or "projekt"),
        lead=application.description,
        status=ProjectPage.Status.ONGOING
        if application.period_start <= timezone.localdate()
        else ProjectPage.Status.PLANNED,
        decision_date=decision.meeting.date,
        decision_paragraph=decision.paragraph_label,
        start_date=application.period_start,
        end_date=application.period_end,
        granted_amount=decision.amount,
        live=False,
    )
    page.principals.set(application.parties.all())
    register.add_child(instance=page)
    page.save_revision(user=user)
    return page


def free_slug(parent, base):
    """``base``, or ``base-2``, ``base-3``… when a child of ``parent`` already has it."""
    base = base[:200].strip("-") or "projekt"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
