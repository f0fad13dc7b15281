// Pairs: the «записать встречу» dialog loaded by htmx. No inline scripts (CSP).
(() => {
  const showDialogs = (root) => {
    root.querySelectorAll("dialog[data-autoshow]").forEach((dialog) => {
      // CSSOM styling is allowed by the CSP, unlike style="" attributes.
      dialog.style.width = "min(720px, 95vw)";
      if (!dialog.open) dialog.showModal();
    });
  };
  document.addEventListener("htmx:afterSwap", (event) => showDialogs(event.detail.target));
  document.addEventListener("click", (event) => {
    const closer = event.target.closest("[data-close-dialog]");
    if (!closer) return;
    const dialog = closer.closest("dialog");
    if (dialog) {
      dialog.close();
      dialog.remove();
    }
  });
})();
