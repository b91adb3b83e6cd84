"""Core page types, the snippets they share and the organisation's settings.

One module a concern, each importing only the ones below it (so there is no circle):
``images``, ``organisation`` (settings), ``mixins`` (shared pieces, plugins build on the
mixins; an announced page takes its email context from the organisation), ``snippets``,
``content`` (news, projects, reports), ``listings`` (their
index pages and filters), ``pages`` (start, standard and contact pages) and ``funding``.
``from home.models import X`` is the way in for everyone else.
"""

from home.associations import AssociationOwned
from home.models.content import NewsPage, NewsPageTag, ProjectPage, ReportPage
from home.models.funding import FundingPage
from home.models.listings import ListingFilter, ListingPage, NewsIndexPage, ProjectIndexPage, ReportIndexPage
from home.models.mixins import AnnouncedPageMixin, PublicUrlMixin, ServedPageMixin, SingletonPageMixin
from home.models.organisation import OrganisationSettings, Principal
from home.models.pages import ContactPage, ContactPagePerson, HomePage, StandardPage
from home.models.snippets import Person, ReportKind

__all__ = [
    "AnnouncedPageMixin",
    "AssociationOwned",
    "ContactPage",
    "ContactPagePerson",
    "FundingPage",
    "HomePage",
    "ListingFilter",
    "ListingPage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OrganisationSettings",
    "Person",
    "Principal",
    "ProjectIndexPage",
    "ProjectPage",
    "PublicUrlMixin",
    "ReportIndexPage",
    "ReportKind",
    "ReportPage",
    "ServedPageMixin",
    "SingletonPageMixin",
    "StandardPage",
]
