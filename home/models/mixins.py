"""Mixins that pages and snippets of every app share (plugins build on them too)."""

from home.models.organisation import OrganisationSettings
from home.publishing import Announced
from network.api import association_url


class SingletonPageMixin:
    """For a page type that exists once (``max_count = 1``) and that other content links into."""

    @classmethod
    def live_page(cls, request=None):
        """The live, public page of this type, or None; looked up once per ``request`` when there is one."""
        if request is None:
            return cls.objects.live().public().first()
        attr_name = f"_live_{cls._meta.label_lower.replace('.', '_')}"
        if not hasattr(request, attr_name):
            setattr(request, attr_name, cls.objects.live().public().first())
        return getattr(request, attr_name)


class PublicUrlMixin:
    """For a snippet shown on a page of the site: its ``get_url()`` says where, this adds the absolute address."""

    @property
    def public_url(self):
        """Absolute address on the website (used in emails, feeds and the API), or None when not shown."""
        url = self.get_url()
        if url and url.startswith("/"):
            return association_url(getattr(self, "association", None)) + url
        return url


class AnnouncedPageMixin(Announced):
    """A page whose first publication is announced to mailing lists (home.publishing)."""

    def announce_url(self):
        return self.get_full_url()

    def announce_association(self):
        return self.get_site()

    def announce_context(self):
        return OrganisationSettings.email_context(self.get_site())
