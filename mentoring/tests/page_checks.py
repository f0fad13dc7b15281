"""Which pages each role reaches, and two checks a page must pass: axe-core finds no serious or
critical violation, and at a phone's width (390 px) the document is no wider than the screen.

Used by `test_browser_pages.py`; `scripts/check_pages.py` runs the same crawl against a running
server (the demo) to see every problem at once while fixing them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SEVERE = {"serious", "critical"}

# Not pages: files, feeds, actions reached by a link, and what belongs to Django's admin (its own
# templates, outside this project's care).
SKIP = re.compile(
    r"(/pdf/|/docx/|/xlsx/|\.pdf$|\.xlsx$|\.docx$|\.ics$|\.atom$|/download/|/file/|/export/|"
    r"/logout/|^/admin/|/feed|/blank/|/letters/|/slips|/embed\.js)"
)

# The roles whose every page must work on a phone: the participants of the programme and the
# законный представитель (issue 19).
PHONE_ROLES = ("mentor", "mentee", "representative")

# The demo logins whose name is not the role's (mentoring/demo: «parent» is the representative).
DEMO_LOGINS = {"representative": "parent"}


def demo_login(role: str) -> str:
    return DEMO_LOGINS.get(role, role)


_axe = Axe()


def same_site_links(page: Page, base_url: str, selector: str = "a[href]") -> list[str]:
    """The paths of this site linked from the page (`selector` narrows it, e.g. to the nav)."""
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    host = urlsplit(base_url).netloc
    found = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != host:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith("/") or SKIP.search(parts.path):
            continue
        found.append(path)
    return list(dict.fromkeys(found))


def reachable_pages(
    page: Page,
    base_url: str,
    *,
    depth: int,
    per_section: int = 3,
    on_page: Callable[[str], None] | None = None,
    done: Container[str] = (),
) -> list[str]:
    """The home page, the nav's pages and, below them, up to `depth` clicks further, at most
    `per_section` records of each kind (the first three pairs are the pair page three times
    over). `on_page(path)`, when given, is called on each of them while it is open (the deepest
    too), so that a check needs no second visit; not on the pages in `done`, checked before."""
    page.goto(base_url + "/")
    frontier = ["/", *same_site_links(page, base_url, "nav.main-nav a[href]")]
    seen: list[str] = []
    kinds: dict[str, int] = {}
    for level in range(depth + 1):
        next_frontier = []
        for path in frontier:
            if path in seen:
                continue
            kind = _kind(path)
            if kinds.get(kind, 0) >= per_section:
                continue
            kinds[kind] = kinds.get(kind, 0) + 1
            seen.append(path)
            if level < depth or (on_page and path not in done):
                response = page.goto(base_url + path)
                if (
                    response is None
                    or response.status != 200
                    or "html" not in response.headers.get("content-type", "")
                ):
                    continue
                if level < depth:
                    next_frontier += same_site_links(page, base_url, "main a[href]")
                if on_page and path not in done:
                    on_page(path)
        frontier = next_frontier
    return seen


def _kind(path: str) -> str:
    """A path with its identifiers blanked: /pairs/<uuid>/ and /pairs/<other uuid>/ are one kind."""
    path = path.split("?")[0]
    return re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "*", path)


def axe_problems(page: Page) -> list[str]:
    """Serious and critical axe-core violations of the page as loaded, one line each."""
    results = _axe.run(page)
    problems = []
    for violation in results.response["violations"]:
        if violation.get("impact") not in SEVERE:
            continue
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return problems


def too_wide(page: Page, width: int = PHONE["width"]) -> str:
    """Empty when the document fits `width`; otherwise its width and the widest offenders."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll <= width:
        return ""
    culprits = page.evaluate(
        """(w) => Array.from(document.querySelectorAll('main *'))
            .filter(e => e.getBoundingClientRect().right > w + 1
                     && !e.closest('.table-responsive, .overflow-auto, .visually-hidden'))
            .slice(0, 4)
            .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
                      + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')""",
        width,
    )
    return f"{scroll} px wide: " + "; ".join(culprits)


def check_pages(page: Page, base_url: str, paths: list[str], *, phone: bool) -> dict[str, list[str]]:
    """{path: problems} for the pages with any: axe-core, at the phone's width for a
    participant's pages (where the width is checked too), at the desktop width for the others."""
    problems: dict[str, list[str]] = {}
    page.set_viewport_size(PHONE if phone else DESKTOP)
    for path in paths:
        found = []
        response = page.goto(base_url + path)
        if response is None or response.status >= 400:
            found.append(f"HTTP {response.status if response else 'no response'}")
        elif "html" in response.headers.get("content-type", ""):
            found += axe_problems(page)
            if phone and (width := too_wide(page)):
                found.append(width)
        if found:
            problems[path] = found
    return problems
