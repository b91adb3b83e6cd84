"""URL wiring: each app contributes its own urls module; Wagtail serves the rest."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.installed import app_modules
from site_lycksele import embed, health, openapi, throttling
from site_lycksele.api import api_router

urlpatterns = [
    path("healthz", health.readiness, name="healthz"),
    path("healthz/live", health.liveness, name="healthz-live"),
    path(
        "admin/password_reset/",
        throttling.PasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi.openapi_view, name="openapi"),
    path("api/v2/", api_router.urls),
    path("embed/v1/latest.js", embed.latest_js, name="embed-latest"),
    path("embed/v1/demo/", embed.demo, name="embed-demo"),
]

# Every installed app of ours with URLs outside the page tree (a ``urls`` module, found as the
# API's endpoints are: home.installed). Removing a plugin from INSTALLED_APPS removes its URLs.
for urls in app_modules("urls"):
    if urls.__name__ != __name__:
        urlpatterns.append(path("", include(urls)))

if settings.SERVE_MEDIA_IMAGES and not settings.DEBUG:
    # What nginx does in production (deploy/nginx): images from MEDIA_ROOT; documents never.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
