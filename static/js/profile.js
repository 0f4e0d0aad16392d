/* Learning-wish form: save a draft as the student types, and show the live reach hint. */
(function () {
  "use strict";
  var form = document.getElementById("profile-form");
  if (!form) return;
  // Settings from the page (data-* attributes: no inline script under the CSP).
  var settings = document.getElementById("profile-settings");
  if (settings) Object.keys(settings.dataset).forEach(function (k) { form.dataset[k] = settings.dataset[k]; });
  var status = document.getElementById("autosave-status");
  var hint = document.getElementById("reach-hint");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var saveTimer = null, hintTimer = null;

  function post(url, extraHeaders) {
    var headers = {"X-CSRFToken": csrf};
    for (var k in extraHeaders) headers[k] = extraHeaders[k];
    return fetch(url, {method: "POST", body: new FormData(form), headers: headers, credentials: "same-origin"});
  }

  function autosave() {
    if (!form.dataset.autosaveUrl) return;
    status.textContent = status.dataset.saving;
    post(form.dataset.autosaveUrl, {"X-Autosave": "1"}).then(function (r) {
      return r.json().then(function (body) {
        if (body.saved) status.textContent = status.dataset.saved.replace("%s", body.at);
        else status.textContent = body.error || status.dataset.invalid;
      });
    }).catch(function () { status.textContent = status.dataset.offline; });
  }

  function updateHint() {
    post(form.dataset.hintUrl, {}).then(function (r) { return r.json(); }).then(function (body) {
      hint.hidden = false;
      hint.textContent = body.text;
      hint.className = "alert " + (body.count === 0 ? "alert-warning" : "alert-info");
    }).catch(function () {});
  }

  function counter(area) {
    var out = document.createElement("div");
    out.className = "form-text";
    out.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", out);
    var min = parseInt(form.dataset.minWish, 10);
    function update() {
      var n = area.value.trim().length;
      if (n === 0) out.textContent = "";
      else if (n < min) out.textContent = form.dataset.tooShort.replace("%s", min - n);
      else out.textContent = form.dataset.fine;
    }
    area.addEventListener("input", update);
    update();
  }

  form.querySelectorAll("textarea[name^=learning_wish]").forEach(counter);
  form.addEventListener("input", function () {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, 1500);
  });
  form.addEventListener("change", function () {
    clearTimeout(hintTimer);
    hintTimer = setTimeout(updateHint, 400);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, 800);
  });
  updateHint();
})();
