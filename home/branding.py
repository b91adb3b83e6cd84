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


def contrast_with_white(colour):
    """The WCAG 2.1 contrast ratio of ``#rrggbb`` against white (1 to 21)."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def darker(colour, factor=0.68):
    """``#rrggbb`` with every channel scaled by ``factor`` (the hover and heading shade)."""
    return "#" + "".join(f"{round(int(colour[index : index + 2], 16) * factor):02x}" for index in (1, 3, 5))
