"""The embeddable widget for the principals' sites: /embed/v1/latest.js and its demo page."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from home.associations import of_request, root_url


@require_GET
def latest_js(request):
    response = TemplateResponse(
        request,
        "embed/latest.js",
        content_type="application/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def demo(request):
    return TemplateResponse(request, "embed/demo.html", {"site_url": root_url(of_request(request))})
