"""The Swedish editor's guide (docs/redaktorsguide.md) as a screen of the admin, opened from its help menu.

The guide is kept in the repository next to the code it describes; this renders the same file
(and its screenshots), so what an editor reads in the admin is what the project ships.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from markdown_it import MarkdownIt

DOCS_DIR = Path(settings.BASE_DIR) / "docs"
GUIDE = DOCS_DIR / "redaktorsguide.md"
IMAGE_NAME = re.compile(r"[\w-]+\.png")


def guide_html():
    """The guide as HTML, its screenshots pointing at ``guide_image``."""
    html = MarkdownIt("commonmark").enable("table").render(GUIDE.read_text(encoding="utf-8"))
    image_url = reverse("home_editors_guide_image", args=["NAME.png"]).replace("NAME.png", "")
    return re.sub(r'src="img/([\w-]+\.png)"', lambda match: f'src="{image_url}{match.group(1)}"', html)


def editors_guide(request):
    return render(request, "home/admin/editors_guide.html", {"guide": guide_html(), "page_title": "Redaktörsguide"})


def guide_image(request, name):
    path = DOCS_DIR / "img" / name
    if not IMAGE_NAME.fullmatch(name) or not path.is_file():
        raise Http404("Ingen sådan bild i guiden.")
    return FileResponse(path.open("rb"), content_type="image/png")
