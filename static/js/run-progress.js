/* Live progress of running runs on the round page, without reloading the page. */
(function () {
  "use strict";
  function show(bar, progress) {
    bar.setAttribute("aria-valuenow", progress);
    bar.firstElementChild.style.width = progress + "%";
    bar.firstElementChild.textContent = progress + "%";
  }
  document.querySelectorAll("[data-run-status]").forEach(function (bar) {
    show(bar, bar.getAttribute("aria-valuenow"));
    var timer = setInterval(function () {
      fetch(bar.dataset.runStatus, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          show(bar, s.progress);
          if (s.status === "done" || s.status === "failed") { clearInterval(timer); window.location.reload(); }
        });
    }, 1000);
  });
})();
