"""Take the README's widget screenshots (desktop and phone) in Debian's Chromium.

Run: python scripts/screenshots.py   (writes docs/widget-desktop.png and docs/widget-phone.png)
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser import ARGS, CHROMIUM  # noqa: E402
from tests.server_process import running_server  # noqa: E402


def shoot(browser, base: str, viewport: dict, out: Path, mobile: bool) -> None:
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile, device_scale_factor=1)
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_role("button", name=re.compile("chat", re.I)).click()
    box = page.get_by_role("textbox", name=re.compile("question", re.I))
    for question, expected in (("how long should I ice", "20 minutes"), ("and how many times a day?", "2–3")):
        box.fill(question)
        box.press("Enter")
        expect(page.get_by_role("log").locator("li").last).to_contain_text(expected)
    page.get_by_role("log").locator("summary").last.click()
    page.wait_for_timeout(300)
    page.screenshot(path=str(out))
    context.close()
    print(f"wrote {out.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, running_server({"QA_BOT_DB": f"{tmp}/qa.sqlite3"}) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        shoot(browser, base, {"width": 1200, "height": 760}, ROOT / "docs" / "widget-desktop.png", mobile=False)
        shoot(browser, base, {"width": 390, "height": 780}, ROOT / "docs" / "widget-phone.png", mobile=True)
        browser.close()


if __name__ == "__main__":
    main()
