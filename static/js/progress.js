/* Live progress of background work (a run, an import) without reloading the page: an element
   with data-progress-url (a Bootstrap .progress with one .progress-bar) polls that address
   every second and reloads the page when the work is finished. */
(function () {
  "use strict";
  function show(bar, progress) {
    bar.setAttribute("aria-valuenow", progress);
    bar.firstElementChild.style.width = progress + "%";
    bar.firstElementChild.textContent = progress + "%";
  }
  document.querySelectorAll("[data-progress-url]").forEach(function (bar) {
    show(bar, bar.getAttribute("aria-valuenow"));
    var timer = setInterval(function () {
      fetch(bar.dataset.progressUrl, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (s) {
          show(bar, s.progress);
          if (s.finished || s.status === "done" || s.status === "failed") {
            clearInterval(timer);
            window.location.reload();
          }
        });
    }, 1000);
  });
})();
