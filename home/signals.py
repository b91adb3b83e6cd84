"""Signal wiring of the core site: announcing first publications (home.publishing), clearing the site chrome."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, published

from home.models import OrganisationSettings, Principal
from home.publishing import announce_first_publication, is_announced


def clear_site_chrome(sender, **kwargs):
    """The menu and the footer are cached (home.context_processors); any page or principal change clears them."""
    from home.context_processors import clear_site_chrome

    clear_site_chrome()


def connect():
    from wagtail.models import Page

    for model in filter(is_announced, apps.get_models()):
        # A page's publication sends both signals; ``published`` alone for a snippet (a press release).
        signal = page_published if issubclass(model, Page) else published
        signal.connect(announce_first_publication, sender=model, dispatch_uid=f"home-announce-{model._meta.label}")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(clear_site_chrome, dispatch_uid=f"home-chrome-{id(signal)}")
    for model in (OrganisationSettings, Principal):
        post_save.connect(clear_site_chrome, sender=model, dispatch_uid=f"home-chrome-save-{model.__name__}")
        post_delete.connect(clear_site_chrome, sender=model, dispatch_uid=f"home-chrome-delete-{model.__name__}")
    post_delete.connect(clear_site_chrome, sender=Page, dispatch_uid="home-chrome-delete-page")
