"""The API exposes every page type with the fields a principal's site shows."""

import pytest

from home.models import ContactPagePerson
from tests.home.factories import NewsPageFactory, PersonFactory, ProjectPageFactory, ReportPageFactory

pytestmark = pytest.mark.django_db


def test_page_types_expose_their_api_fields(client, pages, news_index, project_index, report_index, image, pdf):
    project = ProjectPageFactory(parent=project_index, granted_amount=850000)
    NewsPageFactory(parent=news_index, related_project=project, image=image, image_alt="Alt").tags.add("Lansering")
    ReportPageFactory(parent=report_index, document=pdf)
    ContactPagePerson.objects.create(page=pages["kontakt"], person=PersonFactory(name="Maria"))
    expected = {
        "home.NewsPage": {"date", "lead", "image", "image_thumbnail", "image_alt", "body", "tag_names"},
        "home.ProjectPage": {"status", "decision_date", "granted_amount", "principal_names", "contact", "documents"},
        "home.ReportPage": {"kind_name", "year", "period", "summary", "document_info"},
        "home.FundingPage": {"intro", "body", "forms"},
        "home.ContactPage": {"intro", "people"},
        "home.StandardPage": {"intro", "body"},
        "home.NewsIndexPage": {"intro"},
    }
    for page_type, fields in expected.items():
        response = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"})
        assert response.status_code == 200, (page_type, response.content[:300])
        item = response.json()["items"][0]
        assert fields <= set(item), (page_type, fields - set(item))
    news = client.get("/api/v2/pages/", {"type": "home.NewsPage", "fields": "*"}).json()["items"][0]
    assert news["image_thumbnail"]["url"].endswith(".png")
    report = client.get("/api/v2/pages/", {"type": "home.ReportPage", "fields": "*"}).json()["items"][0]
    assert report["document_info"]["file_size"] == pdf.file_size
    contact = client.get("/api/v2/pages/", {"type": "home.ContactPage", "fields": "*"}).json()["items"][0]
    assert contact["people"][0]["details"]["name"] == "Maria"
