"""Announce the first publication of news and reports to the network's mailing lists."""

from django.utils import timezone
from wagtail.signals import page_published

from network.api import announce


def announce_page(page, *, user=None, resend=False):
    """Queue the announcement of ``page``; None when it was already announced and no resend was asked for."""
    return announce(
        page,
        lists=list(page.announce_lists),
        subject=page.announce_subject(),
        template=page.announce_template,
        url=page.get_full_url(),
        user=user,
        resend=resend,
    )


def is_really_live(page):
    """Wagtail sends page_published when a draft is merely scheduled (wagtail#13959); such a page is not live yet."""
    return page.live and not (page.go_live_at and page.go_live_at > timezone.now())


def announce_first_publication(sender, instance, revision=None, **kwargs):
    if not getattr(instance, "announce_lists", None) or not is_really_live(instance):
        return
    announce_page(instance, user=revision.user if revision else None)


def connect():
    from home.models import NewsPage, ReportPage

    for model in (NewsPage, ReportPage):
        page_published.connect(announce_first_publication, sender=model, dispatch_uid=f"home-announce-{model.__name__}")
