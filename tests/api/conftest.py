import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def titles(response):
    """The titles of the items an API listing answered with, sorted."""
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])
