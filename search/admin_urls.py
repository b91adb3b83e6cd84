from django.urls import path

from search.admin_views import PopularSearchesView

app_name = "search_admin"
urlpatterns = [
    path("", PopularSearchesView.as_view(), name="popular"),
    path("results/", PopularSearchesView.as_view(results_only=True), name="popular_results"),
]
