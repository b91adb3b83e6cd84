"""Announce the first publication of news and reports to the network's mailing lists."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

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


def clear_site_chrome(sender, **kwargs):
    """The menu and the footer are cached (home.context_processors); any page or principal change clears them."""
    from home.context_processors import clear_site_chrome

    clear_site_chrome()


def connect():
    from wagtail.models import Page

    for model in (NewsPage, ReportPage):
        page_published.connect(announce_first_publication, sender=model, dispatch_uid=f"home-announce-{model.__name__}")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(clear_site_chrome, dispatch_uid=f"home-chrome-{id(signal)}")
    for model in (OrganisationSettings, Principal):
        post_save.connect(clear_site_chrome, sender=model, dispatch_uid=f"home-chrome-save-{model.__name__}")
        post_delete.connect(clear_site_chrome, sender=model, dispatch_uid=f"home-chrome-delete-{model.__name__}")
    post_delete.connect(clear_site_chrome, sender=Page, dispatch_uid="home-chrome-delete-page")
