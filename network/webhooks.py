"""anymail's webhook URLs, answering 400 instead of 500 to bodies they cannot parse.

A 5xx makes the provider send the same garbage again and again; a body that
does not parse will never parse, so it is refused once and logged.
"""

import logging
from functools import wraps

from anymail import urls as anymail_urls
from django.http import HttpResponseBadRequest
from django.urls import URLPattern

logger = logging.getLogger(__name__)

MALFORMED = (ValueError, KeyError, TypeError, AttributeError, IndexError, UnicodeError)


def refuse_malformed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MALFORMED:
            logger.warning("Malformed anymail webhook body at %s", request.path, exc_info=True)
            return HttpResponseBadRequest("Malformed webhook body")

    return wrapped


def anymail_urlpatterns():
    return [
        URLPattern(pattern.pattern, refuse_malformed(pattern.callback), pattern.default_args, pattern.name)
        for pattern in anymail_urls.urlpatterns
    ]
