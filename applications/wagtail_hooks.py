"""Admin wiring for the funding applications, and their part in shared screens and duties."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from applications import demo, retention, sections
from applications.viewsets import ApplicationsViewSetGroup

register_snippet(ApplicationsViewSetGroup)

hooks.register("funding_page_sections", sections.funding_page_section)
hooks.register("register_demo_content", demo.load)
hooks.register("personal_data_export", retention.export_applicant)
hooks.register("personal_data_erasure", retention.erase_applicant)
