"""Mixins that pages and snippets of every app share (plugins build on them too)."""

from django.conf import settings


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
        return f"{settings.SITE_URL}{url}" if url and url.startswith("/") else url


class AnnouncedPageMixin:
    """A page whose first publication is announced to mailing lists (see home.signals).

    ``announce_lists`` names the lists; ``announce_template`` the email
    templates (``.html`` and ``.txt``) the network renders.
    """

    announce_lists = ()
    announce_template = ""

    def announce_subject(self):
        return self.title
