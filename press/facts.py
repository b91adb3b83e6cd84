"""The fact box (faktaruta): read from the organisation settings, frozen into a release on publication."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from home.associations import default_association
from home.models import OrganisationSettings

FACT_BOX_MISSING = _(
    "Pressmeddelandet kan inte publiceras: organisationens faktaruta är tom. "
    "Fyll i faktarutan under Inställningar → Organisation och försök igen."
)


class FactBoxMissingError(ValidationError):
    """Raised when a release would be published while the organisation's fact box is empty."""

    def __init__(self):
        super().__init__(FACT_BOX_MISSING, code="fact_box_missing")


def current_fact_box(association_id=None):
    """The fact box of the association ``association_id`` (the first one by default) as it reads now (HTML), or ""."""
    site = Site.objects.filter(pk=association_id).first() if association_id else default_association()
    if site is None:
        return ""
    fact_box = OrganisationSettings.for_site(site).fact_box
    return fact_box if strip_tags(fact_box or "").strip() else ""


def freeze_fact_box(release):
    """Copy the current fact box into ``release`` unless it already has one.

    Raises :class:`FactBoxMissingError` when there is nothing to copy: a press
    release must always carry the fact box.
    """
    if release.fact_box:
        return
    fact_box = current_fact_box(release.association_id)
    if not fact_box:
        raise FactBoxMissingError()
    release.fact_box = fact_box
    release.fact_box_frozen_at = timezone.now()
    if release.pk:
        type(release).objects.filter(pk=release.pk).update(
            fact_box=release.fact_box, fact_box_frozen_at=release.fact_box_frozen_at
        )
