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
});
