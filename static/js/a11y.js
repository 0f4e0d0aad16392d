// Scrollable tables (Bootstrap's .table-responsive) can be scrolled with the keyboard: they
// get a tab stop, also when a template forgot tabindex="0".
(function () {
  document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (el) {
    el.tabIndex = 0;
  });
})();
