import pytest
from django.core.cache import cache
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from home.models import StandardPage


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def add_page(home_page):
    """Add a StandardPage under the home page; live unless told otherwise."""

    def add(title, intro="", live=True, parent=None, restricted=None):
        page = StandardPage(title=title, slug=slugify(title), intro=intro)
        (parent or home_page).add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        if restricted:
            PageViewRestriction.objects.create(page=page, restriction_type=restricted, password="hemligt")
        return page

    return add
