import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"innehall", name="dokument.txt"))
    collection = factory.LazyFunction(lambda: Collection.get_first_root_node())
