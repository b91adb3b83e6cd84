"""The editor's guide shows only screenshots that the browser tests produce and that are committed."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "redaktorsguide.md"


def test_every_screenshot_in_the_guide_is_committed_and_made_by_a_browser_test():
    images = re.findall(r"!\[[^\]]+\]\(img/([\w-]+)\.png\)", GUIDE.read_text(encoding="utf-8"))
    produced = set()
    for test_file in Path(__file__).parent.glob("test_e2e_*.py"):
        produced |= set(re.findall(r'guide="([\w-]+)"', test_file.read_text(encoding="utf-8")))
    assert images, "the guide shows no screenshots"
    assert sorted(set(images) - produced) == [], "screenshots in the guide that no browser test takes"
    missing = [name for name in images if not (ROOT / "docs" / "img" / f"{name}.png").exists()]
    assert missing == [], "screenshots not in docs/img (run E2E_SCREENSHOT_DIR=docs/img pytest tests/e2e)"
