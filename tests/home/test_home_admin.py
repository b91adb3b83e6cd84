"""Editors create every page type from the admin, and the page tree only allows sensible shapes."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.demo_content import ensure_site
from home.models import (
    ContactPage,
    FundingPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Person,
    ProjectIndexPage,
    ProjectPage,
    ReportIndexPage,
    ReportKind,
    ReportPage,
    StandardPage,
)


class PageCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, _ = ensure_site()

    def setUp(self):
        self.login()

    def child(self, model):
        return model.objects.child_of(self.home).get()

    def test_standard_page(self):
        data = nested_form_data(
            {"title": "Styrdokument", "slug": "styrdokument", "intro": "Våra dokument.", "body": streamfield([])}
        )
        self.assertCanCreate(self.home, StandardPage, data)
        self.assertCanCreate(StandardPage.objects.get(slug="om-forbundet"), StandardPage, data)

    def test_news_page(self):
        data = nested_form_data(
            {
                "title": "Ny nyhet",
                "slug": "ny-nyhet",
                "date": "2006-08-21",
                "lead": "Ingress.",
                "image_alt": "",
                "body": streamfield([("paragraph", rich_text("<p>Text</p>"))]),
                "tags": "Lansering, Nätverket",
            }
        )
        self.assertCanCreate(self.child(NewsIndexPage), NewsPage, data)
        self.assertEqual(sorted(NewsPage.objects.get(slug="ny-nyhet").tag_names), ["Lansering", "Nätverket"])

    def test_project_page(self):
        person = Person.objects.create(name="Maria")
        data = nested_form_data(
            {
                "title": "Nytt projekt",
                "slug": "nytt-projekt",
                "lead": "Ett projekt.",
                "status": "pagaende",
                "decision_date": "2006-05-10",
                "start_date": "2006-06-01",
                "end_date": "2006-12-31",
                "granted_amount": "60000",
                "target_group": "Unga vuxna",
                "contact_person": str(person.pk),
                "body": streamfield([]),
                "documents": streamfield([]),
            }
        )
        self.assertCanCreate(self.child(ProjectIndexPage), ProjectPage, data)

    def test_report_page(self):
        data = nested_form_data(
            {
                "title": "Tertialrapport 2 2006",
                "slug": "tertialrapport-2-2006",
                "kind": str(ReportKind.objects.get(name="Tertialrapport").pk),
                "year": "2006",
                "period": "maj–augusti",
                "summary": rich_text("<p>Sammanfattning</p>"),
            }
        )
        self.assertCanCreate(self.child(ReportIndexPage), ReportPage, data)

    def test_single_pages_under_home(self):
        """Index, funding and contact pages exist once; once removed they can be created again."""
        cases = [
            (NewsIndexPage, {"intro": "", "per_page": "10"}),
            (ProjectIndexPage, {"intro": "", "per_page": "20"}),
            (ReportIndexPage, {"intro": ""}),
            (ContactPage, {"intro": "", "body": streamfield([]), "people": inline_formset([])}),
            (FundingPage, {"intro": "", "body": streamfield([])}),
        ]
        for model, fields in cases:
            with self.subTest(model=model.__name__):
                self.assertFalse(model.can_create_at(self.home))
                self.child(model).delete()
                self.assertCanCreate(self.home, model, nested_form_data({"title": "Ny", "slug": "ny", **fields}))
                Page.objects.get(slug="ny").delete()

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})
        self.assertAllowedSubpageTypes(ReportIndexPage, {ReportPage})
        # More standard pages, and a plugin's page type only where it names a standard page as its parent.
        below_standard = set(StandardPage.allowed_subpage_models())
        assert StandardPage in below_standard and Page not in below_standard
        assert all("home.StandardPage" in (getattr(model, "parent_page_types", None) or ()) for model in below_standard)
        for leaf in (NewsPage, ProjectPage, ReportPage, FundingPage, ContactPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_allowed_parent_page_types(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedParentPageTypes(ReportPage, {ReportIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        for top in (NewsIndexPage, ProjectIndexPage, ReportIndexPage, FundingPage, ContactPage):
            self.assertAllowedParentPageTypes(top, {HomePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_news_with_an_image_needs_alt_text(self):
        from wagtail.images import get_image_model
        from wagtail.images.tests.utils import get_test_image_file

        image = get_image_model().objects.create(title="Bild", file=get_test_image_file())
        data = nested_form_data(
            {
                "title": "Bild",
                "slug": "bild",
                "date": "2006-08-21",
                "lead": "x",
                "image": str(image.pk),
                "image_alt": "",
                "body": streamfield([]),
                "tags": "",
                "action-publish": "publish",
            }
        )
        from django.urls import reverse

        index = self.child(NewsIndexPage)
        response = self.client.post(reverse("wagtailadmin_pages:add", args=["home", "newspage", index.pk]), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Skriv en alternativtext till bilden.")
        self.assertFalse(NewsPage.objects.filter(slug="bild").exists())
