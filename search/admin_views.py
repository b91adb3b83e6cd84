"""The popular-searches report, open to whoever manages promoted search results."""

from wagtail.admin.auth import permission_denied
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

MANAGE_PERMISSIONS = (
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
)


def can_manage_promotions(user):
    return any(user.has_perm(permission) for permission in MANAGE_PERMISSIONS)


class PopularSearchesView(SearchTermsReportView):
    """Wagtail's search-terms report (superusers only there) for the coordinator too."""

    index_url_name = "search_admin:popular"
    index_results_url_name = "search_admin:popular_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_promotions(request.user):
            return permission_denied(request)
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
