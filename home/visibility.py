"""Whether visitors may see an object that public content points at.

A live page may link a project that is not published (yet), show an image from a
collection restricted to logged-in editors, or list such a document. The public pages
(the ``public`` template filter in home.templatetags.visibility) and the API (every
related object, site_lycksele.api) show such an object only when it is public itself.
"""

from wagtail.documents.models import AbstractDocument
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import AbstractImage
from wagtail.models import DraftStateMixin, Page

from home.documents import restricted_collections


def is_public(obj):
    """True for a live page without view restrictions (its own or an ancestor's), an image or
    document outside restricted collections, a live snippet, and anything else that is not None."""
    if obj is None:
        return False
    if isinstance(obj, Page):
        return obj.live and Page.objects.filter(pk=obj.pk).public().exists()
    if isinstance(obj, AbstractImage | AbstractDocument):
        return not restricted_collections().filter(pk=obj.collection_id).exists()
    if isinstance(obj, DraftStateMixin):
        return obj.live
    return True


def public_or_none(obj):
    return obj if is_public(obj) else None


class PublicImageRenditionField(ImageRenditionField):
    """An image's rendition in the API, or null when visitors may not see the image."""

    def get_attribute(self, instance):
        return public_or_none(super().get_attribute(instance))
