from django.urls import path
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps.views import sitemap

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="home/robots.txt", content_type="text/plain"), name="robots"),
]
