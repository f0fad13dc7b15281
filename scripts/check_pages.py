"""Every page each demo role reaches, checked as the browser tests do (axe-core; 390 px for
participants): `python scripts/check_pages.py BASE_URL [role ...]`. With `--keyboard`, the pages
are walked with Tab instead, as `test_browser_keyboard.py` does. Prints the problems found."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from mentoring.tests.keyboard_checks import walker  # noqa: E402
from mentoring.tests.page_checks import PHONE_ROLES, check_pages, demo_login, reachable_pages  # noqa: E402

ROLES = ["admin", "director", "curator", "mentor", "mentee", "representative", "coordinator"]


def main() -> None:
    args = sys.argv[1:]
    keyboard = "--keyboard" in args
    base, *roles = [a for a in args if a != "--keyboard"]
    walked: set[str] = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        for role in roles or ROLES:
            context = browser.new_context(
                bypass_csp=not keyboard, reduced_motion="reduce", viewport={"width": 1366, "height": 900}
            )
            page = context.new_page()
            page.goto(base + "/accounts/login/")
            page.fill("#id_username", demo_login(role))
            page.fill("#id_password", "demo")
            page.click("button[type=submit]")
            page.wait_for_url(base + "/")
            phone = role in PHONE_ROLES
            depth = 2 if phone else 1
            if keyboard:
                found: dict[str, list[str]] = {}
                walk = walker(page, found, walked)
                paths = reachable_pages(page, base, depth=depth, on_page=walk, done=walked)
            else:
                paths = reachable_pages(page, base, depth=depth)
                found = check_pages(page, base, paths, phone=phone)
            print(f"== {role}: {len(paths)} pages")
            for path, lines in found.items():
                print(" ", path)
                for line in lines:
                    print("     ", line)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
