"""The public, read-only headless API at /api/v2/ (Wagtail API v2).

Every endpoint goes through :class:`PublicAPIRouter`, which gives it the
behaviour the principals' sites rely on: only public content, JSON only,
400 with a JSON message for any bad parameter, absolute URLs in rich text,
``ETag``/``Last-Modified``/``Cache-Control`` and a response cache that a
publication invalidates. Plugins contribute endpoints through
``<app>.endpoints.register(router)``: every installed app of ours with an ``endpoints``
module (home.installed, which finds the apps' URLs the same way); removing a plugin
removes its endpoint.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import DataError
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import AutoField, DateField, IntegerField
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from rest_framework.renderers import JSONRenderer
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import RelatedField, TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import ModelLogEntry, PageLogEntry

from home import content_cache
from home.associations import of_request, root_url
from home.documents import public_documents, restricted_collections
from home.installed import app_modules
from home.visibility import is_public
from site_lycksele import conf

IMAGE_RENDITIONS = {"thumbnail": "fill-400x300", "medium": "max-800x800", "large": "max-1600x1600"}
MAX_ID = 2**63 - 1
RELATIVE_URL = re.compile(rb'(href|src)=\\"/(?!/)')


def content_stamp():
    """The newest log entry of pages and of other models: every publish, unpublish and edit makes one.

    Returns ``(version, last_modified)``; the version is part of every cache key, so a
    publication anywhere (also by the scheduled-publishing worker) makes cached responses stale;
    so is the content version (home.content_cache), which the changes without a log entry replace.
    """
    entries = [
        model.objects.order_by("-pk").values_list("pk", "timestamp").first() for model in (PageLogEntry, ModelLogEntry)
    ]
    version = ".".join(str(entry[0]) if entry else "0" for entry in entries)
    timestamps = [entry[1] for entry in entries if entry]
    return version, max(timestamps) if timestamps else None


def absolute_urls(content, base):
    """Make the site-relative links and sources in rendered JSON (rich text HTML) absolute on ``base``,
    the association's address; the API's own links (``detail_url``) too, which Wagtail writes on
    ``WAGTAILAPI_BASE_URL`` (the first association's address)."""
    api_base = b'"' + settings.WAGTAILAPI_BASE_URL.encode() + b"/api/"
    base = base.encode()
    content = content.replace(api_base, b'"' + base + b"/api/")
    return RELATIVE_URL.sub(lambda match: match.group(1) + b'=\\"' + base + b"/", content)


class PublicAPIBehaviour:
    """Mixed into every endpoint by the router (so plugins need not import this module).

    Endpoints may set ``year_field`` (``?year=``) and ``tag_field`` (``?tag=``).
    """

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = []
    http_method_names = ["get", "head", "options"]

    @classmethod
    def extra_query_parameters(cls):
        return {name for name in ("year", "tag") if cls.filter_field(name)}

    @classmethod
    def filter_field(cls, name):
        return getattr(cls, f"{name}_field", None)

    def check_query_parameters(self, queryset):
        self.known_query_parameters = self.known_query_parameters.union(self.extra_query_parameters())
        super().check_query_parameters(queryset)
        self.check_field_values(queryset.model)

    def check_field_values(self, model):
        """A filter on a field with choices must name one of them, and one on a number must fit
        the range Django guarantees for its column on every database (PostgreSQL would refuse a
        larger one and abort the transaction; SQLite would accept it), so both answer alike."""
        for name, value in self.request.GET.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.choices and value not in {str(key) for key, _label in field.flatchoices}:
                allowed = ", ".join(str(key) for key, _label in field.flatchoices)
                raise BadRequestError(f"{name} must be one of: {allowed}")
            column = field.target_field if field.many_to_one else field
            if isinstance(column, (IntegerField, AutoField)):
                try:
                    number = int(value)
                except ValueError:
                    continue  # Wagtail's field filter answers that with its own 400
                low, high = BaseDatabaseOperations.integer_field_ranges[column.get_internal_type()]
                if not low <= number <= high:
                    raise BadRequestError(f"{name} is out of range")

    def filter_queryset(self, queryset):
        year_field, tag_field = self.filter_field("year"), self.filter_field("tag")
        if year_field and "year" in self.request.GET:
            year = self.request.GET["year"]
            if not re.fullmatch(r"\d{4}", year):
                raise BadRequestError("year must be a four-digit year")
            is_date = isinstance(queryset.model._meta.get_field(year_field), DateField)
            queryset = queryset.filter(**{f"{year_field}__year" if is_date else year_field: int(year)})
        if tag_field and "tag" in self.request.GET:
            try:
                queryset.model._meta.get_field(tag_field)
            except FieldDoesNotExist as e:
                raise BadRequestError("tag filtering needs a type with tags, e.g. type=home.NewsPage") from e
            queryset = queryset.filter(**{f"{tag_field}__name": self.request.GET["tag"]}).distinct()
        return super().filter_queryset(queryset)

    def get_object(self):
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404("not found")
        return super().get_object()

    def handle_exception(self, exc):
        if isinstance(exc, (ValueError, OverflowError, ValidationError, FieldError, DataError)):
            exc = BadRequestError(f"bad parameter: {exc}")
        return super().handle_exception(exc)

    def dispatch(self, request, *args, **kwargs):
        version, last_modified = content_stamp()
        # The content version too: view restrictions, documents and settings change without a log entry.
        stamp = f"{version} {content_cache.current_version()} {request.build_absolute_uri()}"
        key = "api:v2:" + hashlib.sha256(stamp.encode()).hexdigest()
        cached = cache.get(key) if request.method in ("GET", "HEAD") else None
        if cached is None:
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):  # not the redirect of a ``find``
                response.render()
                response.content = absolute_urls(response.content, root_url(of_request(request)))
            if response.status_code == 200 and request.method in ("GET", "HEAD"):
                cache.set(key, (response.status_code, response.content), conf.get("API_CACHE_TIMEOUT"))
        else:
            response = HttpResponse(cached[1], status=cached[0], content_type="application/json")
        if response.status_code != 200:
            return response
        etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={conf.get('API_CACHE_TIMEOUT')}"
        if last_modified:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified and int(last_modified.timestamp()), response=response
        )


class PrefetchedTagsField(TagsField):
    """Tag names read from ``prefetch_related("tags")``: one query for the page, not one per item."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


TAGS = APIField("tags", serializer=PrefetchedTagsField(read_only=True))


class PublicRelatedField(RelatedField):
    """A related object (a linked project, a main image) shown only when visitors may see it, else null."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return value if is_public(value) else None


class PublicAPIRouter(WagtailAPIRouter):
    def register_endpoint(self, name, endpoint_class):
        serializer = endpoint_class.base_serializer_class
        public_serializer = type(serializer.__name__, (serializer,), {"serializer_related_field": PublicRelatedField})
        public = type(
            endpoint_class.__name__,
            (PublicAPIBehaviour, endpoint_class),
            {"base_serializer_class": public_serializer},
        )
        super().register_endpoint(name, public)


class PagesEndpoint(PagesAPIViewSet):
    """Live pages without view restrictions (private and password pages are left out for everyone)."""

    year_field = "first_published_at"
    tag_field = "tags"

    def get_base_queryset(self):
        # Wagtail asks for the base queryset up to three times per request; the view
        # restrictions behind it are read once.
        if not hasattr(self, "_public_pages"):
            self._public_pages = super().get_base_queryset().public()
        return self._public_pages.all()


class ImagesEndpoint(ImagesAPIViewSet):
    """Images outside restricted collections, each with renditions in three sizes."""

    body_fields = ImagesAPIViewSet.body_fields + [
        APIField(name, serializer=ImageRenditionField(spec, source="*")) for name, spec in IMAGE_RENDITIONS.items()
    ]
    meta_fields = BaseAPIViewSet.meta_fields + [TAGS, "download_url"]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["thumbnail"]
    year_field = "created_at"

    def get_queryset(self):
        return (
            self.model.objects.exclude(collection__in=restricted_collections())
            .prefetch_related("renditions", "tags")
            .order_by("id")
        )


class DocumentsEndpoint(DocumentsAPIViewSet):
    meta_fields = BaseAPIViewSet.meta_fields + [TAGS, "download_url"]
    year_field = "created_at"

    def get_queryset(self):
        return public_documents().prefetch_related("tags").order_by("id")


api_router = PublicAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
for endpoints in app_modules("endpoints"):
    endpoints.register(api_router)
