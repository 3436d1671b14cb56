/* Suggestions for the conventions' actor filter: as the reader types, the
   actors whose names hold what was typed, from the API's ?search=, fill the
   box's <datalist>. Without this script the box still takes a name, an
   acronym or an identifier, resolved by the server. */
(function () {
  "use strict";
  var WAIT_MS = 250;
  var SHOWN = 10;

  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var asked = "";
    if (!list) return;
    input.addEventListener("input", function () {
      var typed = input.value.trim();
      window.clearTimeout(timer);
      if (typed.length < 2 || typed === asked) return;
      timer = window.setTimeout(function () {
        asked = typed;
        var url = input.dataset.suggest + "?search=" + encodeURIComponent(typed) + "&page_size=" + SHOWN;
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            if (input.value.trim() !== typed) return;
            list.replaceChildren.apply(list, (data.results || []).map(function (actor) {
              var option = document.createElement("option");
              option.value = actor.slug;
              option.label = actor.acronym ? actor.name + " (" + actor.acronym + ")" : actor.name;
              return option;
            }));
          })
          .catch(function () { /* no suggestions: the box still works */ });
      }, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-suggest][list]").forEach(suggest);
})();

/* Where the stylesheet cannot keep the folded filters open on a wide screen
   (no ::details-content), open them. */
(function () {
  "use strict";
  if (window.CSS && CSS.supports("selector(::details-content)")) return;
  if (!window.matchMedia("(min-width: 60.01rem)").matches) return;
  document.querySelectorAll("details.filters-fold").forEach(function (details) { details.open = true; });
})();
