// A notification that points at the page you are on is marked read by this page, with a POST
// (pages are only read with GET). Without JavaScript the "Gelezen" button does the same.
(function () {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token) return;
  document.querySelectorAll("[data-mark-read]").forEach(function (el) {
    fetch(el.dataset.markRead, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value, "X-Requested-With": "fetch" },
    });
  });
})();
