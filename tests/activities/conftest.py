import pytest

from tests.activities.factories import plan_page


@pytest.fixture
def activity_plan_page(home_page):
    return plan_page(home_page)
