from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from home import views

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
