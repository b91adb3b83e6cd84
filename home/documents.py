"""Which documents the public may see: those outside collections with a view restriction.

Wagtail's document view enforces a collection's restriction; the site search and the
API must leave such documents out too (the API holds images to the same rule).
"""

from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction


def restricted_collections():
    """The pks of the collections with a view restriction of any kind and of their descendants."""
    paths = Collection.objects.filter(pk__in=CollectionViewRestriction.objects.values("collection_id")).values_list(
        "path", flat=True
    )
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return Collection.objects.filter(condition).values("pk") if condition else Collection.objects.none().values("pk")


def public_documents():
    """Documents outside any collection that has, or inherits, a view restriction."""
    return get_document_model().objects.exclude(collection__in=restricted_collections())
