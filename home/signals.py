"""Announce the first publication of news and reports to the network's mailing lists; keep the site chrome fresh."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published, page_slug_changed

from home import content_cache
from home.models import NewsPage, OrganisationSettings, Principal, ReportPage
from network.api import announce


def announce_page(page, *, user=None, resend=False):
    """Queue the announcement of ``page``; None when it was already announced and no resend was asked for.

    An explicit resend must reach someone (``network.api.NoRecipientsError`` otherwise).
    """
    return announce(
        page,
        lists=list(page.announce_lists),
        subject=page.announce_subject(),
        template=page.announce_template,
        url=page.get_full_url(),
        user=user,
        resend=resend,
        require_recipients=resend,
        context=OrganisationSettings.email_context(page.get_site()),
    )


def is_really_live(page):
    """Wagtail sends page_published when a draft is merely scheduled (wagtail#13959); such a page is not live yet."""
    return page.live and not (page.go_live_at and page.go_live_at > timezone.now())


def announce_first_publication(sender, instance, revision=None, **kwargs):
    if not getattr(instance, "announce_lists", None) or not is_really_live(instance):
        return
    announce_page(instance, user=revision.user if revision else None)


def connect():
    for model in (NewsPage, ReportPage):
        page_published.connect(announce_first_publication, sender=model, dispatch_uid=f"home-announce-{model.__name__}")
    # The menu and the footer (home.context_processors) are kept per content version, which
    # site_lycksele.cache replaces on publication, moves, deletions and settings saves; a slug
    # change and a principal saved on its own (not through the settings form) replace it here.
    replace = content_cache.replace_version_now_and_after_commit
    page_slug_changed.connect(replace, dispatch_uid="home-chrome-slug")
    post_save.connect(replace, sender=Principal, dispatch_uid="home-chrome-save-principal")
    post_delete.connect(replace, sender=Principal, dispatch_uid="home-chrome-delete-principal")
