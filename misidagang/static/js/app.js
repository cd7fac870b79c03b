// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  // HS code inputs: search the commodity catalogue as the user types (words or digits).
  var list = null;
  function ensureList() {
    if (!list) { list = document.createElement("datalist"); list.id = "hs-options"; document.body.appendChild(list); }
    return list;
  }
  var timer = null;
  document.addEventListener("input", function (ev) {
    var el = ev.target;
    if (!el.matches || !el.matches("input[data-hs-search]")) return;
    clearTimeout(timer);
    var q = el.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch("/commodities/?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); }).then(function (data) {
        var dl = ensureList(); dl.innerHTML = "";
        data.results.forEach(function (r) {
          var o = document.createElement("option"); o.value = r.hs; o.label = r.hs + " · " + r.name; o.textContent = r.name; dl.appendChild(o);
        });
      });
    }, 200);
  });
  // Province select narrows the regency select.
  document.addEventListener("change", function (ev) {
    var el = ev.target;
    if (!el.matches || !el.matches("select[name=province][data-regencies]")) return;
    var target = document.querySelector(el.getAttribute("data-regencies"));
    if (!target || !el.value) return;
    fetch("/regions/" + encodeURIComponent(el.value) + "/").then(function (r) { return r.text(); }).then(function (html) { target.innerHTML = html; });
  });
  // A form submits once: a double click does not send it twice.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (form.dataset.submitted) { ev.preventDefault(); return; }
    form.dataset.submitted = "1";
    setTimeout(function () { delete form.dataset.submitted; }, 4000);
  });
})();
