"""anymail's tracking webhook of the configured provider, with precise answers to requests anymail cannot use.

Only the provider named by ``ANYMAIL_ESP`` has a webhook: the others' URLs answer 404
(anymail's views for providers without credentials fail with a server error), and
inbound mail is not received here. Production refuses to start with a provider and
no ``ANYMAIL_WEBHOOK_SECRET`` (site_lycksele/settings/production.py), since without it
anyone could post a bounce that suppresses any address.

anymail answers a failed basic-auth or signature check with 400 and a body it cannot
parse with a server error. A 5xx makes the provider send the same garbage again and
again, so a body that does not parse (invalid, deeply nested, of an unknown shape or
record type) is refused once (400) and logged; missing credentials get 401 with a
Basic challenge, wrong ones 403; a body over DATA_UPLOAD_MAX_MEMORY_SIZE gets 413.
A replayed event is answered 200 and changes nothing (network.receivers).
"""

import logging
from functools import wraps

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailWebhookValidationFailure
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.urls import URLPattern

logger = logging.getLogger(__name__)


def provider_of(pattern):
    """The anymail ESP name of a tracking webhook's URL pattern, or None for inbound and combined ones."""
    esp, _, kind = pattern.name.rpartition("_tracking_")
    return esp if kind == "webhook" else None


def guarded(view, esp):
    """``view`` answering only when ``esp`` is the configured provider, and never with an anonymous 500."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if esp != settings.ANYMAIL_ESP:
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure:
            logger.warning("Refused anymail webhook at %s: bad credentials or signature", request.path)
            if "HTTP_AUTHORIZATION" not in request.META:
                response = HttpResponse("Authentication required", status=401)
                response["WWW-Authenticate"] = 'Basic realm="anymail"'
                return response
            return HttpResponseForbidden("Invalid credentials or signature")
        except RequestDataTooBig:
            logger.warning("Oversized anymail webhook body at %s", request.path)
            return HttpResponse("Webhook body too large", status=413)
        except ImproperlyConfigured:
            logger.exception("The %s webhook is not configured", esp)
            return HttpResponse("Webhook not configured", status=503)
        except Exception:  # noqa: BLE001 - the receivers never raise, so this is a body anymail could not read
            logger.warning("Malformed anymail webhook body at %s", request.path, exc_info=True)
            return HttpResponseBadRequest("Malformed webhook body")

    return wrapped


def anymail_urlpatterns():
    patterns = []
    for pattern in anymail_urls.urlpatterns:
        esp = provider_of(pattern)
        if esp:
            patterns.append(
                URLPattern(pattern.pattern, guarded(pattern.callback, esp), pattern.default_args, pattern.name)
            )
    return patterns
