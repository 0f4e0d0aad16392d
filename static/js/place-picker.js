// Place fields become a search box (Tom Select): type part of a place or municipality name.
// The label keeps pointing at the box, so screen readers announce it; Esc closes the list.
(function () {
  if (typeof TomSelect === "undefined") return;
  document.querySelectorAll("select[data-place-picker]").forEach(function (el) {
    var noResults = el.dataset.noResults;
    new TomSelect(el, {
      maxOptions: 50,
      placeholder: el.dataset.placeholder,
      plugins: el.multiple ? ["remove_button"] : [],
      render: {
        no_results: function () {
          var div = document.createElement("div");
          div.className = "no-results";
          div.textContent = noResults;
          return div;
        },
      },
    });
    // The original select stays in the form (it is what gets posted) but is hidden from
    // assistive technology: the search box now carries the label.
    el.setAttribute("aria-hidden", "true");
  });
})();
