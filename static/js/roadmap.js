// Roadmap pages. The «new roadmap» form asks which roadmap to copy only when copying.
document.addEventListener("DOMContentLoaded", () => {
  const copyFrom = document.getElementById("id_copy_from");
  const sources = document.querySelectorAll('input[name="source"]');
  if (!copyFrom || !sources.length) return;
  const wrapper = copyFrom.closest(".mb-3") || copyFrom.parentElement;
  const update = () => {
    const chosen = document.querySelector('input[name="source"]:checked');
    wrapper.hidden = !chosen || chosen.value !== "copy";
  };
  sources.forEach((radio) => radio.addEventListener("change", update));
  update();
});
