"""Admin views the viewsets cannot express: downloading an attachment, and an applicant's personal data."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from applications import retention
from applications.models import Application, Attachment
from applications.permissions import may, working_association_id

# Answering an applicant's request about their data is the coordinator's: those who move cases along.
HANDLE_PERSONAL_DATA = "applications.change_application"


def attachment_download(request, pk):
    """The file as a download under its sanitised name and proven type; never rendered by the browser.

    Only an attachment of the association the admin works in, for a user holding the permission there."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("application"),
        pk=pk,
        application__association_id=working_association_id(request),
    )
    if not may(request.user, attachment.application.association, "applications.view_attachment"):
        raise PermissionDenied
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        stored, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def personal_data_url(application):
    return reverse("applications_personal_data", args=[application.pk])


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """The applicant's request, from one of their cases: what is held under their address (every case),
    a JSON export of it (``?export=json``), and its erasure (POST), granted cases kept."""

    template_name = "applications/admin/personal_data.html"
    page_title = gettext_lazy("Sökandens personuppgifter")
    header_icon = "user"

    def dispatch(self, request, pk):
        self.application = get_object_or_404(Application, pk=pk, association_id=working_association_id(request))
        if not may(request.user, self.application.association, HANDLE_PERSONAL_DATA):
            raise PermissionDenied
        self.email = self.application.applicant_email
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.email or self.application.number

    def get(self, request, pk):
        if request.GET.get("export") == "json" and self.email:
            return self.export()
        return super().get(request, pk)

    def export(self):
        data = retention.export_applicant(self.email)
        log(
            self.application,
            "applications.export",
            user=self.request.user,
            data={"count": len(data["applications"])},
        )
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="personuppgifter-sokande-{self.application.pk}.json"'
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases = list(retention.cases_of(self.email).order_by("created_at")) if self.email else []
        context.update(
            application=self.application,
            email=self.email,
            erasable=[case for case in cases if case.status != Application.Status.DECIDED or case.rejected],
            kept=[case for case in cases if case.status == Application.Status.DECIDED and not case.rejected],
            export_url=f"{personal_data_url(self.application)}?export=json",
            list_url=reverse(Application.snippet_viewset.get_url_name("list")),
        )
        return context

    def post(self, request, pk):
        if not self.email:
            messages.info(request, _("Den sökandes personuppgifter är redan raderade."))
            return redirect(personal_data_url(self.application))
        erased = retention.erase_applicant(self.email, user=request.user)
        if erased:
            messages.success(
                request,
                _("Personuppgifterna och bilagorna i %(count)s ärenden är raderade.") % {"count": len(erased)},
            )
        else:
            messages.info(request, _("Inget raderades: den sökandes ärenden är beviljade och sparas."))
        return redirect(personal_data_url(self.application))
