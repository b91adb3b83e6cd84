"""The press releases endpoint of the headless API (/api/v2/press-releases/).

The project's API router registers it when this app is installed. Only live
releases of the host's association appear: a release scheduled for a later time (embargo) is not live until
Wagtail publishes it at that time, and a scheduled new version of a live release
stays in its revision until then.
"""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet

from home.associations import of_request
from press.models import PressRelease, PressRoomPage


class PressReleasesAPIViewSet(BaseAPIViewSet):
    model = PressRelease
    name = "press-releases"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "lead",
        "first_published_at",
        "public_url",
    ]
    nested_default_fields = BaseAPIViewSet.nested_default_fields + ["title"]
    year_field = "first_published_at"

    def get_queryset(self):
        return (
            PressRelease.objects.filter(live=True, association=of_request(self.request))
            .select_related("main_image", "related_page", "association")
            .prefetch_related("contacts__person", "distribution")
            .order_by("-first_published_at", "-pk")
        )

    def paginate_queryset(self, queryset):
        releases = super().paginate_queryset(queryset)
        room = PressRoomPage.live_page(self.request)
        for release in releases:
            release.press_room = room  # one query for the page, not one per release
        return releases


def register(router):
    router.register_endpoint("press-releases", PressReleasesAPIViewSet)
