// The projector screen. The server sends the whole state first ("full": true), then only what
// changed: the figures, the ticker's new rows ("ticker_new") and the top commodities when they
// moved. EventSource reconnects by itself and sends Last-Event-ID, so a screen catches up.
(function () {
  "use strict";
  var TICKER = 8;
  var body = document.body;
  var state = document.getElementById("live-state");
  var rows = null; // the ticker as the server last described it
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
    li.dataset.id = String(t.id);
    return li;
  }
  function topItem(c) {
    var li = document.createElement("li"); li.textContent = c.commodity + " ";
    var b = document.createElement("b"); b.textContent = c.value_text; li.appendChild(b);
    return li;
  }
  function merge(fresh) {
    var ids = {};
    fresh.forEach(function (t) { ids[t.id] = true; });
    return fresh.concat((rows || []).filter(function (t) { return !ids[t.id]; })).slice(0, TICKER);
  }
  var lastTotal = document.getElementById("live-total").textContent;
  function apply(data) {
    text("live-total", data.total_text);
    text("live-clock", data.as_of_local);  // "18.47 WIB"; the label beside it is the page's language
    text("live-deals", String(data.deals));
    ["jual", "beli", "investasi"].forEach(function (d) { text("dir-" + d, data.by_direction_text[d]); });
    var ticker = document.getElementById("live-ticker");
    var before = rows && rows.length ? rows[0].id : null;
    if (data.ticker) rows = data.ticker.slice(0, TICKER);
    else if (data.ticker_new && data.ticker_new.length) rows = merge(data.ticker_new);
    if (rows && (data.ticker || (data.ticker_new && data.ticker_new.length))) {
      fill(ticker, rows, tickerItem);
      if (before !== null && rows.length && rows[0].id !== before) ticker.firstChild.className = "fresh";
    }
    if (data.top) fill(document.getElementById("live-top"), data.top, topItem);
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
