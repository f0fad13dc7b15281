// Site-wide behaviour. No inline scripts anywhere: the Content Security Policy forbids them.
document.addEventListener("DOMContentLoaded", () => {
  // htmx sends the CSRF token taken from the page's meta tag.
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    document.body.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-CSRFToken"] = token.content;
    });
  }
  // Selects marked data-autosubmit submit their form on change (filters, organization switcher).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // The organization switcher's drop-down closes on Escape and on a click elsewhere.
  const orgResults = document.getElementById("org-results");
  if (orgResults) {
    const close = () => { orgResults.innerHTML = ""; };
    document.addEventListener("click", (event) => {
      if (!event.target.closest(".org-switcher")) close();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
  }
  // Buttons that need confirmation carry data-confirm with the question.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
  // A table wider than the screen scrolls inside its own box: that box takes the keyboard focus
  // (arrow keys scroll it) and is named for screen readers by the heading above it.
  const scrollables = () => {
    document.querySelectorAll(".table-responsive").forEach((box) => {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        if (!box.hasAttribute("aria-label")) {
          const card = box.closest(".card");
          const heading = card && card.querySelector(".card-header, h2, h3");
          box.setAttribute("aria-label", (heading ? heading.textContent.trim() + ": " : "") + "таблица, прокручивается");
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
      }
    });
  };
  scrollables();
  window.addEventListener("resize", scrollables);
  document.body.addEventListener("htmx:afterSettle", scrollables);
  // When htmx replaces the part of the page that held the keyboard focus (a job's card after
  // «Повторить», a plan item after its tick, a card polled every second), the focus would fall
  // back to the top of the page: it goes to the same control of the new part, or to the part.
  const FOCUSABLE = "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
  let lostFocus = null;
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const target = event.detail.target;
    const focused = document.activeElement;
    lostFocus = null;
    if (target && target.id && focused && focused !== document.body && target.contains(focused)) {
      lostFocus = { id: target.id, index: Array.from(target.querySelectorAll(FOCUSABLE)).indexOf(focused) };
    }
  });
  document.body.addEventListener("htmx:afterSettle", () => {
    if (!lostFocus) return;
    const { id, index } = lostFocus;
    lostFocus = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const part = document.getElementById(id);
    if (!part) return;
    const controls = Array.from(part.querySelectorAll(FOCUSABLE)).filter((el) => el.checkVisibility());
    const next = controls[index] || controls[0];
    if (next) {
      next.focus();
    } else {
      if (!part.hasAttribute("tabindex")) part.tabIndex = -1;
      part.focus();
    }
  });
});
