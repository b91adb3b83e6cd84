"""Template tags of the public site's layout: absolute addresses, descriptions and machine-readable times."""

import datetime

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html_join, strip_tags
from django.utils.text import Truncator
from wagtail import hooks

from home import associations

register = template.Library()

DESCRIPTION_LENGTH = 160
# The query parameters that select a different page of the same listing; kept in the canonical address.
PAGE_PARAMS = ("sida", "page")


@register.filter
def absolute(url, request=None):
    """``url`` on the address of ``request``'s association (its Site record; SITE_URL for the
    first one), never the request's Host header: ``{{ image.url|absolute:request }}``."""
    return associations.absolute_url(associations.of_request(request) if request else None, url)


@register.filter
def breadcrumb_ancestors(page):
    """The pages between the home page and ``page``, top down, with what a breadcrumb shows of them."""
    return page.get_ancestors().filter(depth__gt=2).only("title", "url_path")


@register.simple_tag
def absolute_static(path):
    """The absolute address of a static file, for Open Graph images and emails."""
    return absolute(static(path))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's own address on its association's address: its path, and the page number of a paginated listing."""
    request = context.get("request")
    if request is None:
        return absolute("/")
    for name in PAGE_PARAMS:
        value = request.GET.get(name, "")
        if value.isdigit() and value != "1":
            return absolute(f"{request.path}?{name}={value}", request)
    return absolute(request.path, request)


@register.simple_tag
def page_description(page, fallback=""):
    """A page's description for search engines and link previews.

    The editor's search description, else the page's own summary (intro, lead or
    summary), else ``fallback``; as plain text of at most 160 characters.
    """
    for name in ("search_description", "intro", "lead", "summary"):
        text = getattr(page, name, "") if page is not None else ""
        if text:
            break
    else:
        text = fallback
    plain = " ".join(strip_tags(str(text)).split())
    return Truncator(plain).chars(DESCRIPTION_LENGTH)


@register.filter
def html_datetime(value):
    """``value`` as a valid HTML ``datetime`` attribute: a date, or a local time to the second with its offset.

    Django's ``date:'c'`` writes six digits of fractional seconds, which HTML does not allow.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag(takes_context=True)
def funding_page_sections(context, page):
    """The sections plugins add to the funding page: hook ``funding_page_sections``, ``fn(request, page)``
    returning HTML or None (an online application, its next deadline)."""
    sections = (hook(context.get("request"), page) for hook in hooks.get_hooks("funding_page_sections"))
    return format_html_join("", "{}", ((html,) for html in sections if html))
