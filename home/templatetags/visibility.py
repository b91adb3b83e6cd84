"""``{{ obj|public }}``: the object when visitors may see it, else None (home.visibility)."""

from django import template

from home.visibility import public_or_none

register = template.Library()


@register.filter
def public(obj):
    return public_or_none(obj)
