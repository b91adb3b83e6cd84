"""Mixins that pages and snippets of every app share (plugins build on them too)."""

from wagtail.models import PageViewRestriction

from home import associations, visibility
from home.models.organisation import OrganisationSettings
from home.publishing import Announced


class ServedPageMixin:
    """For every page type: fewer queries to serve a page.

    Routing to a child of a page that allows one page type reads the child as that type in one
    query (Wagtail reads the page, then its specific type). The view restrictions Wagtail checks
    before serving the page cost no query when the restrictions read once per request
    (home.visibility) rule them out; Wagtail reads the page's ancestors and then their restrictions.
    """

    def route(self, request, path_components):
        models = self.clean_subpage_models()
        if path_components and len(models) == 1:
            child = models[0].objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None and child.specific_class is type(child):
                child._cached_parent_obj = self  # as Wagtail's routing keeps it
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        if visibility.may_be_restricted(self):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


class SingletonPageMixin:
    """For a page type that exists once per association (``max_count_per_parent = 1`` under its
    home page) and that other content links into."""

    @classmethod
    def live_page(cls, request=None, association=None):
        """The live, public page of this type in ``association``'s tree (by default the request's host's), or None.

        Looked up once per ``request`` and association.
        """
        association = association or associations.of_request(request)
        if request is None:
            return cls.in_tree(association)
        attr_name = f"_live_{cls._meta.label_lower.replace('.', '_')}_{association.pk}"
        if not hasattr(request, attr_name):
            setattr(request, attr_name, cls.in_tree(association))
        return getattr(request, attr_name)

    @classmethod
    def in_tree(cls, association):
        """The live, public page of this type under ``association``'s home page, or None."""
        root = association.root_page
        pages = cls.objects.live().filter(path__startswith=root.path, depth__gt=root.depth)
        return visibility.public_pages(pages).first()


class PublicUrlMixin:
    """For a snippet shown on a page of the site: its ``get_url()`` says where, this adds the absolute address."""

    @property
    def public_url(self):
        """Absolute address on the website (used in emails, feeds and the API), or None when not shown."""
        return associations.absolute_url(self.association, self.get_url()) or None


class AnnouncedPageMixin(Announced):
    """A page whose first publication is announced to mailing lists (home.publishing)."""

    def announce_url(self):
        return self.get_full_url()

    def announce_association(self):
        return self.get_site()

    def announce_context(self):
        return OrganisationSettings.email_context(self.get_site())
