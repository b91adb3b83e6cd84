"""What the site search looks in: live, public pages, live snippets and public documents.

Snippet models are discovered, not imported: every indexed snippet model with a
draft state (press releases, activities, ...) is searched through its live
objects, so removing a plugin from INSTALLED_APPS removes its results.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import DraftStateMixin, Page
from wagtail.search.index import get_indexed_models
from wagtail.snippets.models import get_snippet_models

from home import visibility
from home.documents import public_documents
from search import conf


@dataclass(frozen=True)
class Source:
    """One kind of result: its key in the type filter, its label and how to get its public objects."""

    key: str
    label: Any
    get_queryset: Any
    kind: str  # "page", "snippet" or "document": how a hit's URL, date and text are found
    model: Any  # the model ``get_queryset`` lists
    indexed_models: tuple  # the models whose index entries are this source's hits (a page's specific type)


def news_models():
    found = []
    for label in conf.get("SEARCH_NEWS_PAGE_MODELS"):
        try:
            found.append(apps.get_model(label))
        except (LookupError, ValueError):
            continue
    return found


def page_models(news):
    """The page models (Page itself too) that are news models or their subclasses, or (``news`` false) the others."""
    news_types = tuple(news_models())
    return tuple(
        model for model in apps.get_models() if issubclass(model, Page) and issubclass(model, news_types) == news
    )


def public_pages(association):
    """Live pages of ``association``'s tree (a Site) without a view restriction on them or an ancestor
    (the restrictions read once per request, home.visibility)."""
    return visibility.public_pages(Page.objects.live().filter(path__startswith=association.root_page.path))


def searchable_snippet_models():
    indexed = set(get_indexed_models())
    return sorted(
        (model for model in get_snippet_models() if model in indexed and issubclass(model, DraftStateMixin)),
        key=lambda model: model._meta.label,
    )


def get_sources(association):
    """The sources of ``association`` (a Site) in the order of the type filter: sidor, nyheter, snippets, dokument.

    Pages of its tree and its snippets; documents are shared by every association.
    """
    news = news_models()
    sources = [
        Source("sidor", _("Sidor"), lambda: public_pages(association).not_type(*news), "page", Page, page_models(False))
    ]
    if news:
        sources.append(
            Source(
                "nyheter", _("Nyheter"), lambda: public_pages(association).type(*news), "page", Page, page_models(True)
            )
        )
    for model in searchable_snippet_models():
        sources.append(
            Source(
                slugify(model._meta.verbose_name_plural),
                model._meta.verbose_name_plural.capitalize(),
                lambda model=model: model._default_manager.filter(live=True, association=association),
                "snippet",
                model,
                (model,),
            )
        )
    document_model = get_document_model()
    sources.append(
        Source("dokument", _("Dokument"), cache(public_documents), "document", document_model, (document_model,))
    )
    return sources
