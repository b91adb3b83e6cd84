"""Every public page type fits the screen from 320 to 1280 px wide, and its HTML validates (Nu Html Checker)."""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import REQUIRE_SERVICES, ROOT
from tests.e2e.test_e2e_accessibility import PUBLIC_PAGES

pytestmark = pytest.mark.e2e

WIDTHS = (320, 360, 768, 1280)
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Page types that are not in PUBLIC_PAGES: the error page.
MORE_PAGES = {"not-found": "/finns-inte-alls/"}

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
        .filter((element) => element.getBoundingClientRect().right > width + 1)
        .map((element) => element.tagName.toLowerCase() + (element.className ? "." + element.className : ""));
    return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("path,heading", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_no_page_type_scrolls_sideways_from_320_to_1280_px(page, live_site, shot, path, heading):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(path)
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        layout = page.evaluate(OVERFLOW)
        if width in (320, 1280):
            shot(page, f"{width}px")
        assert layout["scrollWidth"] <= layout["width"], f"{path} scrolls sideways at {width} px: {layout}"


def _vnu_missing():
    reasons = []
    if not VNU_JAR.exists():
        reasons.append(f"{VNU_JAR.relative_to(ROOT)} is missing (run `bash tests/e2e/setup.sh`)")
    if shutil.which("java") is None:
        reasons.append("java is missing")
    return "; ".join(reasons)


def test_the_html_of_every_page_type_validates(live_site, tmp_path):
    if _vnu_missing():
        if REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES=1 but {_vnu_missing()}")
        pytest.skip(_vnu_missing())
    pages = {name: path for name, (path, _heading) in PUBLIC_PAGES.items()} | MORE_PAGES
    files = {}
    for name, path in pages.items():
        try:
            with urllib.request.urlopen(live_site(path), timeout=30) as response:
                html = response.read()
        except urllib.error.HTTPError as error:
            html = error.read()
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(html)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8"},
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    by_file = {}
    for message in messages:
        name = message.get("url", "").rsplit("/", 1)[-1].removesuffix(".html")
        by_file.setdefault(name, []).append(f"{message.get('lastLine')}: {message['message']}")
    assert not by_file, "The Nu Html Checker found errors:\n" + "\n".join(
        f"{name} ({pages.get(name, '?')}):\n  " + "\n  ".join(errors[:10]) for name, errors in by_file.items()
    )
