"""Admin wiring for the funding applications."""

from wagtail.snippets.models import register_snippet

from applications.viewsets import ApplicationsViewSetGroup

register_snippet(ApplicationsViewSetGroup)
