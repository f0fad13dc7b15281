"""What a page must offer someone who uses only the keyboard: Tab reaches every control on it,
in a cycle that leaves no trap, the first stop being «Перейти к содержимому»; every stop shows a
focus indicator; nothing that reacts to a click is out of the keyboard's reach.

Used by `test_browser_keyboard.py`, and by `scripts/check_pages.py --keyboard` against a running
server. The walk presses real Tab keys; the page only records where the focus went (a `focusin`
listener), so a page of a hundred controls costs a hundred key presses and three calls more.
"""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page

SKIP_LINK = "Перейти к содержимому"

# Shared by the scripts below: an element named for a message, its look (outline and shadow),
# and how well its focus indicator stands out from what lies behind it.
_HELPERS = r"""
  const describe = (el) => {
    const tag = el.tagName.toLowerCase();
    let what = tag;
    if (el.id) what += "#" + el.id;
    else if (el.getAttribute("name")) what += `[name=${el.getAttribute("name")}]`;
    else if (tag === "a") what += `[href=${el.getAttribute("href")}]`;
    const label = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("title")
                   || el.getAttribute("placeholder") || el.value || "").replace(/\s+/g, " ").trim();
    return label ? `${what} «${label.slice(0, 50)}»` : what;
  };
  const look = (el) => {
    const s = getComputedStyle(el);
    return [s.outlineStyle === "none" ? "none" : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            s.boxShadow].join(" | ");
  };
  // How well the focus indicator (outline, else the box-shadow ring) stands out from what lies
  // behind it: WCAG's contrast ratio of its colour, laid over the background, to the background.
  const rgba = (text) => {
    const m = /rgba?\(([^)]*)\)/.exec(text || "");
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(",").map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a),
                                   g: top.g * top.a + bottom.g * (1 - top.a),
                                   b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const luminance = (c) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const ratio = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
                            return (a + 0.05) / (b + 0.05); };
  // What lies behind a ring drawn outside the element (its ancestors' backgrounds), or inside it
  // (a negative outline-offset: its own too).
  const backdrop = (el, inside) => {
    const layers = [];
    for (let node = inside ? el : el.parentElement; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    return layers.reduceRight((below, c) => over(c, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const contrast = (el) => {
    const s = getComputedStyle(el);
    if (s.outlineStyle === "auto") return 21;  // the browser's own two-tone ring
    let best = 0;
    if (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) {
      const behind = backdrop(el, parseFloat(s.outlineOffset) < 0);
      best = ratio(over(rgba(s.outlineColor), behind), behind);
    }
    const behind = backdrop(el, false);
    for (const shadow of s.boxShadow === "none" ? [] : s.boxShadow.split(/,(?![^(]*\))/)) {
      const lengths = shadow.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).map(parseFloat);
      const color = rgba(shadow);
      if (!color || shadow.includes("inset") || !lengths.some((v) => v > 0)) continue;
      best = Math.max(best, ratio(over(color, behind), behind));
    }
    return best;
  };
"""

# What a keyboard user must be able to reach. htmx attributes and Bootstrap toggles count: they
# make an element react to a click.
INTERACTIVE = ", ".join(
    [
        "a[href]",
        "button",
        "input:not([type=hidden])",
        "select",
        "textarea",
        "summary",
        "iframe",
        "[tabindex]",
        "[contenteditable]:not([contenteditable=false])",
        "[hx-get]",
        "[hx-post]",
        "[hx-put]",
        "[hx-patch]",
        "[hx-delete]",
        "[data-bs-toggle]",
        "[onclick]",
    ]
)

# Runs in the page: the controls Tab must reach (visible, enabled, not taken out of the order on
# purpose with tabindex=-1), the elements that react to a click without being focusable, and a
# `focusin` recorder noting, for every stop, whether its look differs from the unfocused one.
_PREPARE = r"""([selector, scope]) => {
  // Unfocused looks are measured with nothing focused. The walk of a page starts where a page
  // freshly opened starts it, at the top, even when a field has taken the focus (autofocus):
  // focusing the body moves the starting point there.
  if (document.activeElement) document.activeElement.blur();
  if (!scope) {
    window.scrollTo(0, 0);
    document.body.tabIndex = -1;
    document.body.focus({ preventScroll: true });
    document.body.removeAttribute("tabindex");
  }
  ${HELPERS}
  const NATIVE = new Set(["A", "BUTTON", "INPUT", "SELECT", "TEXTAREA", "SUMMARY", "IFRAME", "AREA"]);
  const CLICKY = /\b(click|dblclick|mousedown|mouseup|keyup|keydown)\b/;
  const natural = (el) => NATIVE.has(el.tagName) && !(el.tagName === "A" && !el.hasAttribute("href"));
  const clickable = (el) => {
    if (el.hasAttribute("onclick") || el.hasAttribute("data-bs-toggle")) return true;
    if (!["hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete"].some((a) => el.hasAttribute(a))) return false;
    if (el.tagName === "FORM") return false;  // submitted by its button
    const trigger = el.getAttribute("hx-trigger");
    return !trigger || CLICKY.test(trigger);
  };
  const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false })
    && !el.closest("[inert], dialog:not([open])");
  const expected = [], unreachable = [], positive = [];
  const root = scope ? document.querySelector(scope) : document;
  for (const el of root.querySelectorAll(selector)) {
    if (!shown(el) || el.disabled || el.closest("fieldset:disabled")) continue;
    const tabindex = el.getAttribute("tabindex");
    if (tabindex !== null && Number(tabindex) < 0) continue;
    if (Number(tabindex) > 0) positive.push(describe(el));
    if (!natural(el) && tabindex === null && !el.isContentEditable) {
      if (clickable(el)) unreachable.push(describe(el));
      continue;
    }
    if (el.tagName === "INPUT" && el.type === "radio" && el.name) {
      // A radio group is one Tab stop; the arrows move inside it.
      const group = `radio:${el.form ? [...document.forms].indexOf(el.form) : ""}:${el.name}`;
      if (expected.some((e) => e.group === group)) continue;
      expected.push({ el, group, label: describe(el) + " (группа переключателей)" });
      continue;
    }
    expected.push({ el, group: null, label: describe(el) });
  }
  const state = { expected, seen: [], plain: [], looks: new Map(), root };
  for (const e of expected) state.looks.set(e.el, look(e.el));
  document.addEventListener("focusin", (event) => {
    const el = event.target;
    state.seen.push(el);
    if (state.seen.length === 1) {
      const rect = el.getBoundingClientRect();
      state.firstShown = rect.width > 20 && rect.height > 10;
    }
    const before = state.looks.has(el) ? state.looks.get(el) : null;
    if (before === null || state.plain.some((p) => p.el === el)) return;
    if (look(el) === before) state.plain.push({ el, ratio: 0 });
    else {
      const r = contrast(el);
      if (r < 3) state.plain.push({ el, ratio: r });
    }
  }, true);
  state.describe = describe;
  window.__keyboard = state;
  // A date field is one element and several stops (day, month, year).
  const parts = expected.filter((e) => /^(date|datetime-local|time|month|week)$/.test(e.el.type)).length * 4;
  return { stops: expected.length + parts, unreachable, positive };
}""".replace("${HELPERS}", _HELPERS)

# The element that has the focus now: "" when its focus shows, else why not.
_FOCUSED = r"""() => {
  ${HELPERS}
  const el = document.activeElement;
  if (!el || el === document.body) return "фокус потерян";
  const focused = look(el);
  const shown = contrast(el);
  el.blur();
  const plain = look(el);
  el.focus();
  if (focused === plain) return `не видно фокуса на ${describe(el)}`;
  if (shown < 3) return `фокус на ${describe(el)} едва заметен: контраст ${Math.round(shown * 10) / 10}:1, нужно 3:1`;
  return "";
}""".replace("${HELPERS}", _HELPERS)

# Whether the walk has closed its cycle: the focus came back round to the first stop, or left
# the document (past the last stop a browser's focus goes to its own toolbar).
_PROGRESS = r"""() => {
  const s = window.__keyboard;
  const first = s.seen[0];
  const back = s.seen.length > 1 && s.seen.indexOf(first, 1) > 0;
  const out = s.seen.length > 0 && (document.activeElement === document.body || !document.hasFocus());
  return back || out;
}"""

_VERDICT = r"""() => {
  const s = window.__keyboard;
  const reached = new Set(s.seen);
  const radioGroups = new Set(s.seen.filter((el) => el.type === "radio").map((el) =>
    `radio:${el.form ? [...document.forms].indexOf(el.form) : ""}:${el.name}`));
  const missed = s.expected.filter((e) => e.group ? !radioGroups.has(e.group) : !reached.has(e.el))
                            .map((e) => e.label);
  const first = s.seen[0];
  return {
    missed,
    plain: s.plain.map((p) => [s.describe(p.el), Math.round(p.ratio * 10) / 10]),
    first: first ? s.describe(first) : "",
    firstText: first ? first.textContent.trim() : "",
    firstShown: !!s.firstShown,
    held: s.describe(document.activeElement),
    tail: s.seen.slice(-4).map(s.describe),
    escaped: [...new Set(s.seen.filter((el) => s.root !== document && !s.root.contains(el)))].map(s.describe),
  };
}"""


def keyboard_problems(page: Page, *, within: str = "", skip_link: bool = True) -> list[str]:
    """The page as it is, walked with Tab: one line per problem, naming the element. `within`:
    the selector of an open modal dialog, whose controls Tab must cycle through without leaving
    it; `skip_link`: whether «Перейти к содержимому» must be the first stop."""
    found = page.evaluate(_PREPARE, [INTERACTIVE, within])
    problems = [f"реагирует на щелчок, но недоступен с клавиатуры: {el}" for el in found["unreachable"]]
    problems += [f"tabindex больше нуля ломает порядок обхода: {el}" for el in found["positive"]]
    # Every stop once and one more closes the cycle; then a margin, in tens: a page that has not
    # closed its cycle by then holds the focus somewhere.
    budget = found["stops"] + 20
    batch, presses, closed = found["stops"] + 1, 0, False
    while presses < budget and not closed:
        # Tab held down: each repeat moves the focus as a press does, at half the round trips.
        for _ in range(batch):
            page.keyboard.down("Tab")
        page.keyboard.up("Tab")
        presses += batch
        batch = min(10, budget - presses)
        closed = page.evaluate(_PROGRESS)
    verdict = page.evaluate(_VERDICT)
    if skip_link and verdict["firstText"] != SKIP_LINK:
        problems.append(f"первая остановка Tab не «{SKIP_LINK}», а {verdict['first'] or 'ничего'}")
    elif skip_link and not verdict["firstShown"]:
        problems.append(f"«{SKIP_LINK}» не видна в фокусе")
    if not closed:
        problems.append(
            f"ловушка фокуса: после {presses} нажатий Tab фокус на {verdict['held']}, "
            f"последние остановки: " + " → ".join(verdict["tail"])
        )
    problems += [f"фокус уходит из {within} на {el}" for el in verdict["escaped"]]
    problems += [f"Tab не доходит до {el}" for el in verdict["missed"]]
    problems += [
        f"не видно фокуса на {el}"
        if not ratio
        else f"фокус на {el} едва заметен: контраст {ratio}:1, нужно 3:1"
        for el, ratio in verdict["plain"]
    ]
    return problems


def focus_problem(page: Page) -> str:
    """Empty when the focused element shows its focus as every stop of the walk must."""
    return page.evaluate(_FOCUSED)


def walker(page: Page, found: dict[str, list[str]], walked: set[str]) -> Callable[[str], None]:
    """`walk(path)`: the open page walked with Tab, its problems noted under its path."""

    def walk(path: str) -> None:
        # A page another role has walked is not walked again (the layout is the same); each
        # role's home page is its own.
        if path != "/":
            walked.add(path)
        # The public page opens with the switch to the version for the visually impaired.
        if lines := keyboard_problems(page, skip_link=not path.startswith("/p/")):
            found[path] = lines

    return walk
