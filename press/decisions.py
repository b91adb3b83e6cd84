"""A board decision's press release: drafted from the decided project and put before the board.

Implements home's ``create_decision_release`` hook (home.decisions). The release is an ordinary
draft on the default lists, linked to the project page, with the fact box frozen on publication
like any release; it enters the board's approval workflow at once, so the board approves the
announcement of its own decision as it approves every release.
"""

from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from home.models import OrganisationSettings
from press import conf
from press.models import RESERVED_SLUGS, PressRelease

SLUG_LENGTH = PressRelease._meta.get_field("slug").max_length


def decision_release(project_page, *, user):
    """A draft release about the decided ``project_page``, saved, linked and submitted to the board."""
    with translation.override("sv"):
        release = PressRelease(
            title=_("Styrelsen beviljar medel till %(title)s") % {"title": project_page.title},
            slug=unique_slug(project_page.slug or slugify(project_page.title)),
            lead=decision_lead(project_page),
            body=[("paragraph", RichText(decision_body(project_page)))],
            related_page=project_page,
            live=False,
            association=project_page.get_site(),
        )
    lists_model = PressRelease._meta.get_field("distribution").related_model
    lists = lists_model.objects.filter(association=release.association, slug__in=conf.get("PRESS_DEFAULT_LISTS"))
    release.distribution.set(lists)
    release.save()
    release.save_revision(user=user)
    workflow = release.get_workflow()
    if workflow is not None:
        workflow.start(release, user)
    return release


def unique_slug(base):
    """``base`` (cut to fit), or ``base-2``, ``base-3``… when a release already has it."""
    base = (base or "beslut")[: SLUG_LENGTH - 4].strip("-") or "beslut"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or PressRelease.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _day(value):
    return formats.date_format(value, "j F Y")


def _kronor(amount):
    return f"{amount:,}".replace(",", "\N{NO-BREAK SPACE}") + "\N{NO-BREAK SPACE}kr"


def decision_lead(project_page):
    """One sentence: who decided what, when, under which paragraph, and how much."""
    organisation = OrganisationSettings.for_site(project_page.get_site())
    return _(
        "Styrelsen för %(organisation)s beslutade den %(date)s (%(paragraph)s) att bevilja %(amount)s "
        "till projektet %(title)s."
    ) % {
        "organisation": organisation.name,
        "date": _day(project_page.decision_date),
        "paragraph": project_page.decision_paragraph,
        "amount": _kronor(project_page.granted_amount or 0),
        "title": project_page.title,
    }


def decision_body(project_page):
    """The project's summary, its period and the principals taking part, as paragraphs of HTML."""
    paragraphs = [format_html("<p>{}</p>", project_page.lead)]
    parties = ", ".join(principal.name for principal in project_page.principals.all())
    if project_page.start_date and project_page.end_date:
        paragraphs.append(
            format_html(
                "<p>{}</p>",
                _("Projektet pågår från %(start)s till %(end)s.")
                % {"start": _day(project_page.start_date), "end": _day(project_page.end_date)},
            )
        )
    if parties:
        paragraphs.append(format_html("<p>{}</p>", _("I projektet deltar %(parties)s.") % {"parties": parties}))
    return "".join(paragraphs)
