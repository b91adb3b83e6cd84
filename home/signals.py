"""Signal wiring of the core site: announcing first publications (home.publishing), keeping the site chrome fresh."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, published

from home import content_cache, visibility
from home.models import Principal
from home.publishing import announce_first_publication, is_announced


def connect():
    for model in filter(is_announced, apps.get_models()):
        # A page's publication sends both signals; ``published`` alone for a snippet (a press release).
        signal = page_published if issubclass(model, Page) else published
        signal.connect(announce_first_publication, sender=model, dispatch_uid=f"home-announce-{model._meta.label}")
    # The menu and the footer (home.context_processors) are kept per content version, which
    # site_lycksele.cache replaces on publication, moves, deletions and settings saves; a slug
    # change and a principal saved on its own (not through the settings form) replace it here.
    replace = content_cache.replace_version_now_and_after_commit
    page_slug_changed.connect(replace, dispatch_uid="home-chrome-slug")
    post_save.connect(replace, sender=Principal, dispatch_uid="home-chrome-save-principal")
    post_delete.connect(replace, sender=Principal, dispatch_uid="home-chrome-delete-principal")
    # A view restriction saved or deleted while a request is served: the rest of the request reads them afresh.
    forget = visibility.forget_restrictions
    post_save.connect(forget, sender=PageViewRestriction, dispatch_uid="home-restrictions-save")
    post_delete.connect(forget, sender=PageViewRestriction, dispatch_uid="home-restrictions-delete")
