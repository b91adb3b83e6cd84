"""Views of the core site: robots.txt, the printed material's PDFs, resending an announcement on an
editor's explicit request, and switching association in the admin."""

from django import forms
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.models import Page, Site

from home import associations
from home.associations import absolute_url, of_request
from home.branding import darker
from home.models import OrganisationSettings
from home.printed import PRINTED_ITEMS, printed_pdf
from home.publishing import announce, is_announced, is_live_now
from network.api import NoRecipientsError, mailings_for


def robots_txt(request):
    """robots.txt; its sitemap is on the address of the host's association (its Site record), not the Host header."""
    context = {"sitemap_url": absolute_url(of_request(request), "/sitemap.xml")}
    return TemplateResponse(request, "home/robots.txt", context, content_type="text/plain")


def brand_css(request):
    """/forbund.css: the host's association's brand colour over the design system's (empty without one)."""
    colour = OrganisationSettings.for_request(request).brand_colour
    css = (
        f":root{{--color-brand:{colour};--color-link:{colour};--color-brand-dark:{darker(colour)}}}\n" if colour else ""
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def pdf_response(pdf, filename):
    """A PDF shown in the browser, saved under ``filename``."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def printed_view(request, name):
    """/trycksaker/<name>.pdf: the association's fact sheet, poster or leaflet (home.printed)."""
    item = PRINTED_ITEMS.get(name)
    site = Site.find_for_request(request)
    if item is None or site is None:
        raise Http404
    return pdf_response(printed_pdf(item, site), item.filename)


class ResendView(View):
    """Skicka igen: announce a live object to its lists once more, after the editor confirms.

    One view and one confirmation template for pages and snippets (home.publishing);
    a subclass says how the object is found, who may resend it (whoever may publish
    it) and where its editor is.
    """

    template_name = "home/admin/resend_confirm.html"

    def get_object(self, pk):
        raise NotImplementedError

    def user_may_publish(self, user):
        raise NotImplementedError

    def get_edit_url(self):
        raise NotImplementedError

    def dispatch(self, request, pk):
        self.object = self.get_object(pk)
        if not is_announced(self.object) or not self.user_may_publish(request.user):
            raise PermissionDenied
        if not is_live_now(self.object):
            messages.error(request, _("Bara publicerat innehåll kan skickas igen."))
            return redirect("wagtailadmin_home")
        self.edit_url = self.get_edit_url()
        return super().dispatch(request, pk)

    def get(self, request, pk):
        context = {
            "object": self.object,
            "lists": list(self.object.announce_lists),
            "mailings": mailings_for(self.object)[:10],
            "edit_url": self.edit_url,
        }
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, pk):
        try:
            mailing = announce(self.object, user=request.user, resend=True)
        except NoRecipientsError as error:
            messages.error(request, str(error))
            return redirect(self.edit_url)
        if mailing is None:
            messages.error(request, _("Utskicket kunde inte skapas. Försök igen."))
        else:
            messages.success(request, _("”%(title)s” skickas igen till sändlistorna.") % {"title": self.object.title})
        return redirect(self.edit_url)


class PageResendView(ResendView):
    """The resend of an announced page (news, reports), for those who may publish the page."""

    def get_object(self, pk):
        return get_object_or_404(Page, pk=pk).specific

    def user_may_publish(self, user):
        return self.object.permissions_for_user(user).can_publish()

    def get_edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.object.pk])


class SnippetResendView(ResendView):
    """The resend of an announced snippet (press releases), for those with its publish permission."""

    model = None
    permission_policy = None
    edit_url_name = None

    def get_object(self, pk):
        return get_object_or_404(self.model, pk=unquote(pk))

    def user_may_publish(self, user):
        return self.permission_policy.user_has_permission(user, "publish")

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])


def can_resend(page, user):
    """Whether the page's admin buttons offer "Skicka igen": an announced, live page the user may publish."""
    return is_announced(page.specific_class) and is_live_now(page) and page.permissions_for_user(user).can_publish()


class AssociationForm(forms.Form):
    association = forms.ModelChoiceField(
        label=gettext_lazy("Förbund"),
        queryset=Site.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Välj ett av förbunden i listan.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = associations.of_user(user)
        self.fields["association"].label_from_instance = lambda site: site.site_name or site.hostname


class AssociationSwitchView(View):
    """Byt förbund: the association this admin session works in, among those the user works in."""

    template_name = "home/admin/association_switch.html"

    def render(self, request, form, status=200):
        context = {"form": form, "current": request.association}
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        current = associations.current_pk(request)
        return self.render(request, AssociationForm(user=request.user, initial={"association": current}))

    def post(self, request):
        form = AssociationForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(request, form, status=400)
        association = form.cleaned_data["association"]
        associations.choose(request, association)
        messages.success(
            request, _("Du arbetar nu i %(name)s.") % {"name": association.site_name or association.hostname}
        )
        return redirect("wagtailadmin_home")
