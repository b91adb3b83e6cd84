"""The public documents: everything outside collections with a view restriction, inherited downwards."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from home.documents import public_documents, restricted_collections

pytestmark = pytest.mark.django_db


def add_document(title, collection):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"innehall", name="dokument.txt")
    )


def test_documents_under_a_restricted_collection_are_left_out_and_its_siblings_kept():
    root = Collection.get_first_root_node()
    board = root.add_child(name="Styrelsen")
    minutes = board.add_child(name="Protokoll")
    password = root.add_child(name="Lösenord")
    open_sibling = root.add_child(name="Öppet")
    open_child = open_sibling.add_child(name="Blanketter")
    CollectionViewRestriction.objects.create(collection=board, restriction_type="login")
    CollectionViewRestriction.objects.create(collection=password, restriction_type="password", password="x")
    for title, collection in [
        ("I roten", root),
        ("Styrelsens", board),
        ("Protokollet", minutes),
        ("Lösenordsskyddat", password),
        ("Öppet", open_sibling),
        ("Blanketten", open_child),
    ]:
        add_document(title, collection)

    assert sorted(document.title for document in public_documents()) == ["Blanketten", "I roten", "Öppet"]
    assert set(restricted_collections().values_list("pk", flat=True)) == {board.pk, minutes.pk, password.pk}


def test_without_restrictions_every_document_is_public():
    add_document("Ensamt", Collection.get_first_root_node())
    assert [document.title for document in public_documents()] == ["Ensamt"]
