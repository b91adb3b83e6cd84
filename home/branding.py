"""The association's logo as Wagtail images, from the design system's brand files.

The design system (site_lycksele/static/brand/) holds the logo as SVG, a PNG of it for
emails and a picture for link previews. ``ensure_brand_images`` puts them into the
organisation settings when those have none, so the demo and a new site start branded;
an editor may replace each one in the admin.
"""

import logging

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from wagtail.images import get_image_model

logger = logging.getLogger(__name__)

LOGO = "height-128"  # the public header and the admin's sidebar
EMAIL_LOGO = "max-400x100"
SHARE_IMAGE = "fill-1200x630"
PRINCIPAL_LOGO = "max-320x96"

# field of OrganisationSettings -> (static file, image title, the rendition the site shows)
BRAND_IMAGES = {
    "logo": ("brand/logo.svg", "Logotyp", LOGO),
    "email_logo": ("brand/logo-email.png", "Logotyp för e-post", EMAIL_LOGO),
    "share_image": ("brand/og-image.png", "Delningsbild", SHARE_IMAGE),
}


def ensure_brand_images(organisation):
    """Fill the empty brand fields of ``organisation`` from the brand files; return the titles added.

    Each image comes with the rendition the site shows, so the first page or email does
    not make it (and the site's build is complete: running it again makes nothing).
    """
    added = []
    Image = get_image_model()
    for field, (path, title, spec) in BRAND_IMAGES.items():
        if getattr(organisation, f"{field}_id"):
            continue
        with open(finders.find(path), "rb") as source:
            image = Image(title=f"{title} – {organisation.name}")
            image.file.save(path.rsplit("/", 1)[-1], ContentFile(source.read()), save=False)
        # Django's ImageField cannot measure an SVG; Willow (as Wagtail's upload form does) can.
        with image.get_willow_image() as willow:
            image.width, image.height = willow.get_size()
        image._set_image_file_metadata()
        image.save()
        image.get_rendition(spec)
        setattr(organisation, field, image)
        added.append(title.lower())
    if added:
        organisation.save()
    return added


def rendition_info(image, spec):
    """The URL and whole-pixel size of a rendition of ``image`` (an SVG stays SVG), or None without one.

    Wagtail looks renditions up in the cache first: with the cache unreachable the logo is
    left out, and the page (or the email) goes out without it rather than failing.
    """
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # noqa: BLE001 - see the docstring
        logger.warning("Rendition %s of image %s unavailable; shown without it", spec, image.pk, exc_info=True)
        return None
    return {"url": rendition.url, "width": round(rendition.width), "height": round(rendition.height)}
