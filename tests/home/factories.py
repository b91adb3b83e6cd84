"""Factories for the public site's pages and snippets."""

import datetime

import factory
import wagtail_factories

from home.models import NewsPage, Person, ProjectPage, ReportKind, ReportPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Samordnare"
    organisation = "Samordningsförbundet Lycksele"
    email = factory.Sequence(lambda n: f"person{n}@example.org")

    class Meta:
        model = Person


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page published through a revision, as an editor would (``publish=False`` leaves it live, unrevised)."""

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()

    class Meta:
        abstract = True
        skip_postgeneration_save = True


class NewsPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    date = factory.Sequence(lambda n: datetime.date(2006, 1, 1) + datetime.timedelta(days=n % 700))
    lead = "En kort ingress."

    class Meta:
        model = NewsPage


class ProjectPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Projekt {n}")
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    lead = "Ett projekt."
    status = ProjectPage.Status.ONGOING
    decision_date = datetime.date(2006, 5, 10)

    class Meta:
        model = ProjectPage


class ReportPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Rapport {n}")
    slug = factory.Sequence(lambda n: f"rapport-{n}")
    kind = factory.LazyFunction(lambda: ReportKind.objects.get(name="Tertialrapport"))
    year = factory.Sequence(lambda n: 2006 + n % 20)
    summary = "<p>Sammanfattning.</p>"

    class Meta:
        model = ReportPage


def bulk_children(parent, model, count, **fields):
    """Add ``count`` live children of ``model`` under ``parent`` in a few queries.

    Listings are tested with hundreds of items; creating them one by one through
    treebeard, revisions and the search index would take minutes. ``fields`` may
    hold callables taking the item's number.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    last = parent.get_last_child()
    start = last._get_lastpos_in_path() if last else 0
    pages = []
    for offset in range(count):
        number = start + offset + 1
        slug = f"{model._meta.model_name}-{number}"
        pages.append(
            Page(
                title=f"{model._meta.verbose_name} {number}",
                draft_title=f"{model._meta.verbose_name} {number}",
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                path=Page._get_path(parent.path, parent.depth + 1, number),
                depth=parent.depth + 1,
                numchild=0,
                content_type=content_type,
                locale_id=parent.locale_id,
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    created = Page.objects.filter(path__in=[page.path for page in pages]).order_by("path")
    for number, page in enumerate(created, start=start + 1):
        values = {key: value(number) if callable(value) else value for key, value in fields.items()}
        specific = model(page_ptr_id=page.pk, **{f.attname: getattr(page, f.attname) for f in Page._meta.fields})
        for key, value in values.items():
            setattr(specific, key, value)
        specific.save_base(raw=True)
    return list(model.objects.filter(pk__in=created.values("pk")))
