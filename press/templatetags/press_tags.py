"""Template tags for the press app's emails."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def site_url():
    """The site's absolute base address: emails need absolute links and image sources."""
    return settings.SITE_URL
