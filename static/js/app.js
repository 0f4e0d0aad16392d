/* Behaviour that every page may use, without inline scripts (the Content-Security-Policy
   allows scripts from this site only):
   - <form data-confirm="question">: asks before sending (an irreversible action);
   - <select data-autosubmit>: sends its form when the choice changes (language switch). */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
