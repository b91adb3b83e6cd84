"""Admin wiring for the funding applications, and their part in shared screens and duties."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from applications import admin_views, demo, retention, sections
from applications.viewsets import ApplicationsViewSetGroup

register_snippet(ApplicationsViewSetGroup)

hooks.register("funding_page_sections", sections.funding_page_section)
hooks.register("register_demo_content", demo.load)
hooks.register("personal_data_export", retention.export_applicant)
hooks.register("personal_data_erasure", retention.erase_applicant)


@hooks.register("register_admin_urls")
def register_attachment_download_url():
    return [
        path(
            "ansokningar/bilagor/<int:pk>/",
            admin_views.attachment_download,
            name="applications_attachment_download",
        )
    ]
