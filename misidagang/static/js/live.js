// The projector screen: the server sends the whole formatted state on every change (SSE);
// EventSource reconnects by itself and sends Last-Event-ID, so a screen catches up.
(function () {
  "use strict";
  var body = document.body;
  var state = document.getElementById("live-state");
  function text(id, value) { var el = document.getElementById(id); if (el && value != null) el.textContent = value; }
  function fill(list, items, render) {
    if (!list) return;
    list.textContent = "";
    items.forEach(function (item) { list.appendChild(render(item)); });
  }
  function tickerItem(t) {
    var li = document.createElement("li");
    var b = document.createElement("b"); b.textContent = t.value_text;
    var span = document.createElement("span"); span.textContent = t.seller + " → " + t.buyer + " · " + t.time;
    li.appendChild(b); li.appendChild(document.createTextNode(" " + t.commodity + " ")); li.appendChild(span);
    return li;
  }
  function topItem(c) {
    var li = document.createElement("li"); li.textContent = c.commodity + " ";
    var b = document.createElement("b"); b.textContent = c.value_text; li.appendChild(b);
    return li;
  }
  var lastTotal = document.getElementById("live-total").textContent;
  function apply(data) {
    text("live-total", data.total_text);
    text("live-per", data.per);
    text("live-deals", String(data.deals));
    ["jual", "beli", "investasi"].forEach(function (d) { text("dir-" + d, data.by_direction_text[d]); });
    var ticker = document.getElementById("live-ticker");
    var firstId = ticker && ticker.dataset.first;
    fill(ticker, data.ticker, tickerItem);
    if (data.ticker.length && ticker) {
      if (firstId && String(data.ticker[0].id) !== firstId) ticker.firstChild.className = "fresh";
      ticker.dataset.first = String(data.ticker[0].id);
    }
    fill(document.getElementById("live-top"), data.top, topItem);
    if (data.total_text !== lastTotal) {
      var total = document.getElementById("live-total");
      total.classList.add("bump"); setTimeout(function () { total.classList.remove("bump"); }, 1500);
      lastTotal = data.total_text;
    }
  }
  if (!window.EventSource) return;
  var source = new EventSource(body.getAttribute("data-stream"));
  source.onopen = function () { state.className = "live-state on"; };
  source.onerror = function () { state.className = "live-state"; };
  source.onmessage = function (ev) { apply(JSON.parse(ev.data)); };
})();
