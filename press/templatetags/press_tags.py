"""Template tags for the press app's emails and its approval dialog."""

import html
import re

from django import template
from django.conf import settings
from django.utils.html import strip_tags

from press import publishing

register = template.Library()


@register.simple_tag(takes_context=True)
def site_url(context):
    """The association's absolute base address (the mailing's ``site_url``), else SITE_URL: emails need
    absolute links and image sources."""
    return context.get("site_url") or settings.SITE_URL


BLOCK_END = re.compile(r"(</p>|</li>|</h[1-6]>|<br\s*/?>)", re.IGNORECASE)


@register.filter
def as_plain_text(value):
    """Rich text as plain text for the text part of an email, keeping paragraph breaks."""
    text = html.unescape(strip_tags(BLOCK_END.sub(r"\1\n\n", str(value or ""))))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


@register.simple_tag(takes_context=True)
def approval_outlook(context, task_state):
    """What approving ``task_state`` will do, shown to the board member before they approve."""
    return publishing.approval_outlook(task_state, context["request"].user)
