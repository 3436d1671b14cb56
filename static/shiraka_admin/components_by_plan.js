// The convention's admin page: the "composantes de plan" select shows only
// the components of the plans chosen in the "plans" autocomplete (each
// option carries data-plan). The server offers the components of the saved
// plans and refuses a component whose plan is not chosen; this only spares
// the clerk a refusal.
"use strict";
(function () {
  function narrow() {
    const plans = document.getElementById("id_plans");
    const components = document.getElementById("id_components");
    if (!plans || !components) {
      return;
    }
    const chosen = new Set(Array.from(plans.selectedOptions, (option) => option.value));
    for (const option of components.options) {
      const shown = chosen.has(option.dataset.plan) || option.selected;
      option.hidden = !shown;
      option.disabled = !shown;
    }
  }
  function start() {
    narrow();
    const plans = document.getElementById("id_plans");
    if (!plans) {
      return;
    }
    plans.addEventListener("change", narrow);
    // The autocomplete (select2) says "change" through jQuery only.
    if (window.django && window.django.jQuery) {
      window.django.jQuery(plans).on("change", narrow);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
