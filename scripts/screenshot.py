"""Screenshots of pages as each demo user sees them: `python scripts/screenshot.py BASE_URL OUT_DIR user:/path ...`."""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


def main() -> None:
    base, out, *targets = sys.argv[1:]
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for target in targets:
            user, _, path = target.partition(":")
            page = browser.new_page(viewport={"width": 1366, "height": 900})
            if user != "anon":
                page.goto(base + "/accounts/login/")
                page.fill("#id_username", user)
                page.fill("#id_password", "demo")
                page.click("button[type=submit]")
            page.goto(base + path)
            name = f"{user}{path.replace('/', '_')}.png"
            page.screenshot(path=str(Path(out) / name), full_page=True)
            print(name, page.title())
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
