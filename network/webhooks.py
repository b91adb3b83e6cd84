"""anymail's webhook URLs, with precise answers to requests anymail cannot use.

anymail answers a failed basic-auth or signature check with 400 and a body it
cannot parse with 500. A 5xx makes the provider send the same garbage again
and again, so a body that does not parse is refused once (400) and logged;
missing credentials get 401 with a Basic challenge, wrong ones 403.
"""

import logging
from functools import wraps

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailWebhookValidationFailure
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.urls import URLPattern

logger = logging.getLogger(__name__)

MALFORMED = (ValueError, KeyError, TypeError, AttributeError, IndexError, UnicodeError)


def refuse_malformed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AnymailWebhookValidationFailure:
            logger.warning("Refused anymail webhook at %s: bad credentials or signature", request.path)
            if "HTTP_AUTHORIZATION" not in request.META:
                response = HttpResponse("Authentication required", status=401)
                response["WWW-Authenticate"] = 'Basic realm="anymail"'
                return response
            return HttpResponseForbidden("Invalid credentials or signature")
        except MALFORMED:
            logger.warning("Malformed anymail webhook body at %s", request.path, exc_info=True)
            return HttpResponseBadRequest("Malformed webhook body")

    return wrapped


def anymail_urlpatterns():
    return [
        URLPattern(pattern.pattern, refuse_malformed(pattern.callback), pattern.default_args, pattern.name)
        for pattern in anymail_urls.urlpatterns
    ]
