from django.templatetags.static import static
from django.urls import path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from wagtail.contrib.sitemaps.views import sitemap

from home import views

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    # Browsers ask for /favicon.ico whatever the page links; answered without touching the page tree.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("brand/favicon-32.png"), permanent=True)),
    path("robots.txt", views.robots_txt, name="robots"),
    path("forbund.css", views.brand_css, name="brand_css"),
    path("trycksaker/<slug:name>.pdf", views.printed_view, name="printed"),
]
