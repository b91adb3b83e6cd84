"""Views of the core site: robots.txt, and resending an announcement on an editor's explicit request."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from home.signals import announce_page, is_really_live
from network.api import NoRecipientsError, mailings_for


def robots_txt(request):
    """robots.txt; its sitemap is at the site's address, whatever Host the request named."""
    context = {"sitemap_url": f"{settings.SITE_URL}/sitemap.xml"}
    return TemplateResponse(request, "home/robots.txt", context, content_type="text/plain")


def can_resend(page, user):
    """Only announced page types, live, and only for someone who may publish the page."""
    return (
        bool(getattr(page.specific_class, "announce_lists", None))
        and page.live
        and page.permissions_for_user(user).can_publish()
    )


def resend_announcement(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_resend(page, request.user) or not is_really_live(page):
        raise PermissionDenied
    if request.method == "POST":
        try:
            mailing = announce_page(page, user=request.user, resend=True)
        except NoRecipientsError as error:
            messages.error(request, str(error))
            return redirect("wagtailadmin_pages:edit", page.pk)
        if mailing:
            messages.success(request, _("Utskicket av ”%(title)s” skickas igen.") % {"title": page.title})
        else:
            messages.error(request, _("Utskicket kunde inte skapas. Försök igen."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "home/admin/resend_confirm.html",
        {
            "page": page,
            "mailings": mailings_for(page)[:10],
            "lists": page.announce_lists,
            "action_url": reverse("home_resend_announcement", args=[page.pk]),
        },
    )
