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
});
