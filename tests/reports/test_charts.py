from __future__ import annotations

from xml.etree import ElementTree

from misidagang import exports
from misidagang.reports import charts


def fmt(v: int) -> str:
    return f"Rp{v}"


def test_it_draws_well_formed_bars_with_titles_and_escapes_labels():
    svg = charts.bar_chart(
        uid="x",
        title="Nilai <per> tahun",
        desc="d",
        labels=["2019", "2020"],
        series=[[10, 30], [5, 0]],
        names=["a", "b"],
        fmt=fmt,
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Nilai <per> tahun"
    bars = root.findall(f"{ns}rect")
    assert len(bars) == 4
    heights = [float(b.get("height")) for b in bars]
    assert heights[2] == max(heights)  # 30 is the tallest bar
    assert bars[2].find(f"{ns}title").text == "2020 · a: Rp30"


def test_it_draws_a_cumulative_line_and_empty_charts():
    svg = charts.line_chart(
        uid="c", title="t", desc="d", points=[("2019", 1), ("2020", 3)], fmt=fmt
    )
    assert "<polyline" in svg and svg.count("<circle") == 2
    ElementTree.fromstring(charts.line_chart(uid="e", title="t", desc="d", points=[], fmt=fmt))
    ElementTree.fromstring(charts.hbar_chart(uid="h", title="t", desc="d", items=[], fmt=fmt))
    assert charts._nice_max(33_093_861_059_986) == 50_000_000_000_000


def test_it_writes_csv_with_lists_joined_and_blanks_for_none():
    table = exports.Table("t", ["a", "b", "c"], [[1, None, ["kopi", "teh"]]])
    assert exports.to_csv(table) == "a,b,c\r\n1,,kopi; teh\r\n"


def test_it_draws_unscaled_horizontal_bars_with_labels_on_their_own_rows():
    svg = charts.hbar_chart(
        uid="k",
        title="Per komoditas",
        desc="d",
        items=[("Kopi biji mentah (green bean)", 300), ("Gula kristal putih (GKP)", 150)],
        fmt=fmt,
    )
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    # No viewBox: CSS sizes the text in real pixels (13 px), so a phone does not shrink it.
    assert root.get("viewBox") is None and root.get("width") == "100%"
    texts = root.findall(f"{ns}text")
    labels = [t.text for t in texts if t.get("class") != "figure"]
    figures = [t.text for t in texts if t.get("class") == "figure"]
    assert labels == ["Kopi biji mentah (green bean)", "Gula kristal putih (GKP)"]
    assert figures == ["Rp300", "Rp150"]
    bars = [r for r in root.findall(f"{ns}rect") if r.get("class") == "bar"]
    assert [b.get("width") for b in bars] == ["100.0%", "50.0%"]
    # Each label sits on its own line above its bar.
    assert float(texts[0].get("y")) < float(bars[0].get("y")) < float(texts[2].get("y"))
