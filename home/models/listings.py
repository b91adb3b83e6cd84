"""The section listings (news, projects, reports) and the filters a visitor narrows them by."""

from dataclasses import dataclass

from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from home.content_cache import cached
from home.feeds import news_feed
from home.models.content import NewsPage, NewsPageTag, ProjectPage
from home.models.mixins import ServedPageMixin
from home.models.snippets import ReportKind
from home.query_params import paginate
from home.visibility import public_pages


@dataclass(frozen=True)
class ListingFilter:
    """One <select> of a listing's filter form (home/includes/filter_form.html).

    ``value`` is what the visitor chose in the query parameter ``param`` (empty when
    nothing or nonsense was chosen); ``lookup`` is the queryset lookup it narrows the
    listing by; ``choices`` are the (value, text) pairs the form offers.
    """

    param: str
    lookup: str
    label: str
    all_label: str
    choices: list
    value: object

    @classmethod
    def offered(cls, request, *, param, choices, **fields):
        """A filter whose value is what ``request`` chose for ``param`` if it is one of ``choices``."""
        chosen = request.GET.get(param, "")
        value = next((value for value, _text in choices if str(value) == chosen), "")
        return cls(param=param, choices=choices, value=value, **fields)

    def apply(self, queryset):
        return queryset.filter(**{self.lookup: self.value}) if self.value else queryset


class ListingPage(ServedPageMixin, Page):
    """The base of the section listings (news, projects, reports).

    Each sits once under the home page, opens with an intro and lists its live, public
    children, narrowed by the filters the visitor chose (home/includes/filter_form.html).
    A subclass offers its ``filters`` and hands the filtered pages to its ``listing_template``
    in ``listing_context``; the rendered listing is kept per content version and query
    string (home.content_cache), so only a publication renders it anew. It declares
    ``intro`` itself, and ``per_page`` when it paginates: their help texts and defaults
    name the listing, and moving them here would change them.
    """

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def listed_pages(self):
        """The live, public children (of the listing's one subpage type)."""
        (model,) = self.clean_subpage_models()
        return public_pages(model.objects.child_of(self).live())

    def filters(self, request, pages):
        """The ``ListingFilter``s offered over ``pages``, with the values ``request`` chose."""
        return []

    def listing_context(self, request, pages):
        """What the template shows of the filtered ``pages``."""
        raise NotImplementedError

    def render_listing(self, request):
        """The filters and the filtered, paginated children as HTML (``listing_template``)."""
        pages = self.listed_pages()
        filters = self.filters(request, pages)
        for listing_filter in filters:
            pages = listing_filter.apply(pages)
        context = {
            "page": self,
            **self.listing_context(request, pages),
            "filters": filters,
            "is_filtered": any(listing_filter.value for listing_filter in filters),
        }
        return render_to_string(self.listing_template, context, request=request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The listing aggregates the children: kept per content version and query string.
        context["listing"] = cached(
            "listing", lambda: self.render_listing(request), self.pk, request.get_host(), sorted(request.GET.lists())
        )
        return context

    def paginate(self, request, pages):
        """The requested page of ``pages``, ``per_page`` to a page.

        A page past the end or a malformed page number is a 404.
        """
        return paginate(request, pages, self.per_page)

    @staticmethod
    def year_filter(request, pages, date_field, label):
        """A filter on the year of ``date_field``, offering the years ``pages`` have, newest first."""
        years = pages.exclude(**{date_field: None}).dates(date_field, "year", order="DESC")
        # Only an offered year: any other (?ar=10000) would reach the database as a date out of range.
        return ListingFilter.offered(
            request,
            param="ar",
            lookup=f"{date_field}__year",
            label=label,
            all_label=_("Alla år"),
            choices=[(day.year, day.year) for day in years],
        )


class NewsIndexPage(RoutablePageMixin, ListingPage):
    """The news listing at /nyheter/, with tag and year filters and RSS/Atom feeds."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i nyhetslistan."))
    per_page = models.PositiveSmallIntegerField(
        _("nyheter per sida"), default=10, help_text=_("Hur många nyheter som visas på varje sida i listan.")
    )

    content_panels = ListingPage.content_panels + [FieldPanel("per_page")]
    subpage_types = ["home.NewsPage"]
    listing_template = "home/includes/news_listing.html"

    class Meta:
        verbose_name = _("nyhetslista")

    def filters(self, request, pages):
        return [
            ListingFilter.offered(
                request,
                param="tagg",
                lookup="tags__slug",
                label=_("Ämne"),
                all_label=_("Alla ämnen"),
                choices=[(tag.slug, tag.name) for tag in NewsPageTag.used_tags(pages)],
            ),
            self.year_filter(request, pages, "date", _("År")),
        ]

    def listing_context(self, request, pages):
        return {"news_page": self.paginate(request, NewsPage.listing(pages))}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(rss_url=self.url + self.reverse_subpage("rss"), atom_url=self.url + self.reverse_subpage("atom"))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return super().index_route(request, *args, **kwargs)

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return news_feed(self, request, "rss")

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return news_feed(self, request, "atom")


class ProjectIndexPage(ListingPage):
    """The decided projects and activities at /projekt/, current ones first."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i projektlistan."))
    per_page = models.PositiveSmallIntegerField(
        _("projekt per sida"), default=20, help_text=_("Hur många projekt som visas på varje sida i listan.")
    )

    content_panels = ListingPage.content_panels + [FieldPanel("per_page")]
    subpage_types = ["home.ProjectPage"]
    listing_template = "home/includes/project_listing.html"

    class Meta:
        verbose_name = _("projektlista")

    def filters(self, request, pages):
        return [
            ListingFilter.offered(
                request,
                param="status",
                lookup="status",
                label=_("Status"),
                all_label=_("Alla"),
                choices=ProjectPage.Status.choices,
            ),
            self.year_filter(request, pages, "decision_date", _("Beslutsår")),
        ]

    def listing_context(self, request, pages):
        return {"projects_page": self.paginate(request, ProjectPage.listing(pages))}


class ReportIndexPage(ListingPage):
    """Tertial reports, annual reports and plans at /rapporter/, grouped by year, newest first."""

    intro = models.TextField(_("ingress"), blank=True, help_text=_("Visas överst i rapportlistan."))

    subpage_types = ["home.ReportPage"]
    listing_template = "home/includes/report_listing.html"

    class Meta:
        verbose_name = _("rapportlista")

    def filters(self, request, pages):
        """The kind filter, while there is more than one kind to choose from (or one was chosen)."""
        kind_filter = ListingFilter.offered(
            request,
            param="typ",
            lookup="kind_id",
            label=_("Typ av rapport"),
            all_label=_("Alla typer"),
            choices=[
                (kind.pk, kind.name_plural or kind.name)
                for kind in ReportKind.objects.filter(reports__in=pages).distinct()
            ],
        )
        return [kind_filter] if len(kind_filter.choices) > 1 or kind_filter.value else []

    def listing_context(self, request, pages):
        return {"reports": pages.select_related("kind", "document").order_by("-year", "kind__name", "title")}
