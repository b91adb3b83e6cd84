"""Public pages of the funding applications: the form, its receipt page and the applicant's status page."""

import logging

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from applications import conf, intake
from applications.deadlines import application_round, round_for
from applications.forms import ApplicationForm
from applications.models import Decision
from applications.status import read_token
from home.forms import honeypot_filled, rate_limited
from home.models import OrganisationSettings, Principal

logger = logging.getLogger(__name__)

LINK_PROBLEMS = {
    signing.SignatureExpired: (
        410,
        _("Länken har gått ut"),
        _(
            "Länken till din ansökan gäller en begränsad tid och har nu gått ut. "
            "Kontakta förbundet och ange ärendets diarienummer, så berättar vi hur det går."
        ),
    ),
    signing.BadSignature: (
        404,
        _("Länken fungerar inte"),
        _("Länken är ofullständig eller har ändrats. Kopiera hela länken från kvittot i e-posten och försök igen."),
    ),
}


def _private(response):
    """Pages about one applicant's case are never cached, indexed or leaked through the Referer header."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _principals(request):
    organisation = OrganisationSettings.for_request(request)
    return Principal.objects.filter(settings=organisation).order_by("sort_order", "pk")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply_view(request):
    """The online application. A valid one becomes a case with its number; anything else changes nothing."""
    principals = _principals(request)
    context = {
        "round": round_for(request.association),
        "max_files": conf.get("APPLICATIONS_MAX_FILES"),
        "max_file_size": conf.get("APPLICATIONS_MAX_FILE_SIZE"),
    }
    if request.method != "POST":
        context["form"] = ApplicationForm(principals=principals)
        return render(request, "applications/apply.html", context)
    if rate_limited(request):
        context.update(form=ApplicationForm(principals=principals), rate_limited=True)
        return render(request, "applications/apply.html", context, status=429)
    if honeypot_filled(request):
        return render(request, "applications/apply_done.html", context)
    form = ApplicationForm(request.POST, request.FILES, principals=principals)
    if not form.is_valid():
        context["form"] = form
        return render(request, "applications/apply.html", context)
    data = dict(form.cleaned_data)
    parties, attachments = data.pop("parties"), data.pop("attachments")
    try:
        application = intake.receive(
            association=request.association, fields=data, parties=parties, attachments=attachments
        )
    except OSError:
        logger.exception("Could not store the attachments of an application")
        form.add_error(None, _("Bilagorna kunde inte sparas just nu. Ingenting har skickats; försök igen om en stund."))
        context["form"] = form
        return render(request, "applications/apply.html", context, status=503)
    context.update(application=application, round=application_round(application))
    return _private(render(request, "applications/apply_done.html", context))


@never_cache
@require_http_methods(["GET", "HEAD"])
def status_view(request, token):
    """The applicant's own case: number, title and where it stands; never comments or other cases."""
    try:
        application = read_token(token, request.association)
    except signing.BadSignature as problem:
        status, title, message = next(value for kind, value in LINK_PROBLEMS.items() if isinstance(problem, kind))
        return _private(
            render(request, "applications/link_problem.html", {"title": title, "message": message}, status=status)
        )
    # The decision as the applicant was told it; comments and the proposal stay in the case room.
    decision = Decision.objects.filter(application=application).select_related("meeting").first()
    context = {"application": application, "decision": decision}
    return _private(render(request, "applications/status.html", context))
