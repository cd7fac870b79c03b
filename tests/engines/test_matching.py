"""Matching engine: scoring rules, decoys, classification, contract, determinism. No database."""

from __future__ import annotations

import io
import json

import pytest

from misidagang.engines.matching import MatchingInputError, classify, recommend, validate
from misidagang.engines.matching.cli import classify_main, match_main


def mission(buyer_needs, sellers, **extra):
    """A buyer S-1 in province 16 with the given needs; sellers J-<n> in province 35."""
    participants = [{"id": "S-1", "name": "Pembeli", "province": "16", "needs": buyer_needs}]
    for n, offers in enumerate(sellers, start=1):
        participants.append({"id": f"J-{n}", "province": "35", "offers": offers})
    return {"top_k": 10, "participants": participants, **extra}


def ranking(result, need=0):
    return [(c["seller"], c["offer"]) for c in result["recommendations"][need]["candidates"]]


def top(result, need=0):
    cands = result["recommendations"][need]["candidates"]
    return (cands[0]["seller"], cands[0]["offer"]) if cands else None


def test_it_orders_hs_hierarchy_same6_heading_chapter():
    doc = mission(
        [{"text": "produk", "hs": "090111"}],
        [
            [{"text": "produk", "hs": "090240"}],  # same chapter
            [{"text": "produk", "hs": "090121"}],  # same heading
            [{"text": "produk", "hs": "090111"}],  # same 6 digits
            [{"text": "produk", "hs": "100630"}],  # unrelated
        ],
    )
    result = recommend(doc)
    assert ranking(result) == [("J-3", 0), ("J-2", 0), ("J-1", 0)]
    reasons = result["recommendations"][0]["candidates"][0]["reasons"]
    assert "HS 090111 sama" in reasons


def test_it_prefers_enough_capacity():
    need = {"text": "beras medium", "hs": "100630", "quantity": 100, "unit": "ton"}
    doc = mission(
        [need],
        [
            [{"text": "beras medium", "hs": "100630", "quantity": 20, "unit": "ton/bulan"}],
            [{"text": "beras medium", "hs": "100630", "quantity": 150000, "unit": "kg"}],
        ],
    )
    result = recommend(doc)
    assert top(result) == ("J-2", 0)
    cands = result["recommendations"][0]["candidates"]
    assert "kapasitas cukup" in cands[0]["reasons"]
    assert "kapasitas 20% dari kebutuhan" in cands[1]["reasons"]
    assert cands[0]["score"] > cands[1]["score"]


def test_it_rewards_required_certifications():
    need = {"text": "gula kristal putih", "hs": "170199", "certifications": ["halal", "SNI"]}
    doc = mission(
        [need],
        [
            [{"text": "gula kristal putih", "hs": "170199"}],
            [{"text": "gula kristal putih", "hs": "170199", "certifications": ["Halal", "sni"]}],
        ],
    )
    result = recommend(doc)
    assert top(result) == ("J-2", 0)
    reasons = result["recommendations"][0]["candidates"][0]["reasons"]
    assert "bersertifikat halal" in reasons and "bersertifikat SNI" in reasons


def test_it_ranks_reciprocal_pairs_higher():
    doc = mission(
        [{"text": "kopi robusta green bean", "hs": "090111"}],
        [
            [{"text": "kopi robusta green bean", "hs": "090111"}],
            [{"text": "kopi robusta green bean", "hs": "090111"}],
        ],
    )
    doc["participants"][0]["offers"] = [{"text": "gula merah tebu", "hs": "170113"}]
    doc["participants"][2]["needs"] = [{"text": "gula merah tebu", "hs": "170113"}]
    result = recommend(doc)
    assert top(result) == ("J-2", 0)
    assert "saling membutuhkan" in result["recommendations"][0]["candidates"][0]["reasons"]


def test_it_keeps_only_other_provinces_when_asked():
    doc = mission([{"text": "garam konsumsi", "hs": "2501"}], [[{"text": "garam", "hs": "2501"}]])
    doc["participants"].append({"id": "S-2", "province": "16", "offers": [{"text": "garam"}]})
    both = recommend(doc)
    assert {s for s, _ in ranking(both)} == {"J-1", "S-2"}
    doc["cross_province_only"] = True
    assert {s for s, _ in ranking(recommend(doc))} == {"J-1"}


def test_it_never_recommends_a_participants_own_offer():
    doc = mission([{"text": "beras", "hs": "1006"}], [[{"text": "beras", "hs": "1006"}]])
    doc["participants"][0]["offers"] = [{"text": "beras", "hs": "1006"}]
    assert ranking(recommend(doc)) == [("J-1", 0)]


def test_it_drops_excluded_pairs():
    doc = mission(
        [{"text": "jagung pipil kering"}],
        [[{"text": "jagung pipil"}, {"text": "jagung pipil pakan"}], [{"text": "jagung pipil"}]],
    )
    assert set(ranking(recommend(doc))) == {("J-1", 0), ("J-1", 1), ("J-2", 0)}
    doc["exclude"] = [{"buyer": "S-1", "need": 0, "seller": "J-1", "offer": 0}]
    assert set(ranking(recommend(doc))) == {("J-1", 1), ("J-2", 0)}
    doc["exclude"] = [{"buyer": "S-1", "need": 0, "seller": "J-1"}]
    assert ranking(recommend(doc)) == [("J-2", 0)]


@pytest.mark.parametrize(
    ("need", "genuine", "decoy"),
    [
        ("kopi arabika green bean", "kopi ose arabika Gayo", "kopi instan sachet 3in1"),
        ("karet alam SIR 20", "karet remah SIR 20 crumb rubber", "sandal jepit karet"),
        ("CPO minyak sawit mentah", "crude palm oil CPO", "minyak goreng sawit kemasan"),
        ("gula kristal putih GKP", "gula pasir putih", "gula merah aren cetak"),
        ("pakan udang vaname", "pelet pakan udang", "udang vaname beku"),
        ("DOC ayam broiler", "day old chick broiler", "daging ayam broiler beku"),
        ("briket arang batok kelapa", "briket arang tempurung kelapa", "kelapa parut kering"),
    ],
)
def test_it_does_not_let_look_alike_decoys_win(need, genuine, decoy):
    # the decoy is listed first, so ties would favour it
    doc = mission([{"text": need}], [[{"text": decoy}], [{"text": genuine}]])
    result = recommend(doc)
    assert top(result) == ("J-2", 0), result["recommendations"][0]["candidates"]
    scores = {c["seller"]: c["score"] for c in result["recommendations"][0]["candidates"]}
    assert scores.get("J-1", 0.0) < scores["J-2"] - 0.1


def test_it_links_inputs_to_their_makers():
    # a buyer who makes tyres asks for its raw material in its own words
    doc = mission(
        [{"text": "bahan baku pabrik ban", "hs": "4011"}],
        [[{"text": "karet alam SIR 20", "hs": "400122"}], [{"text": "semen", "hs": "2523"}]],
    )
    result = recommend(doc)
    assert ranking(result) == [("J-1", 0)]
    assert "bahan baku ban" in result["recommendations"][0]["candidates"][0]["reasons"]


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("kopi arabika green bean", "0901"),
        ("kopi instan sachet", "2101"),
        ("beras premium 5 kg", "1006"),
        ("gula kristal putih GKP", "170199"),
        ("gula aren", "1702"),
        ("CPO", "151110"),
        ("minyak goreng", "151190"),
        ("karet alam SIR 20", "4001"),
        ("sandal jepit karet", "6402"),
        ("udang vaname", "0306"),
        ("pakan udang", "2309"),
        ("DOC broiler", "010511"),
        ("jagung pipil", "1005"),
        ("porang", "0714"),
        ("rumput laut cottonii", "1212"),
        ("briket arang batok kelapa", "4402"),
        ("rokok kretek", "2402"),
        ("besi beton", "7214"),
        ("semen", "2523"),
        ("batik tulis", "5208"),
        ("dori fillet", "0304"),
        ("pupuk dolomit", "2518"),
    ],
)
def test_it_classifies_indonesian_commodity_words(text, prefix):
    codes = classify([text], top_k=3)[0]
    assert codes, text
    assert codes[0]["hs"].startswith(prefix), (text, codes)
    assert 0 < codes[0]["score"] <= 1 and codes[0]["name"]


def test_it_validates_and_names_the_field():
    with pytest.raises(MatchingInputError) as err:
        validate({"participants": [{"id": "A"}, {"id": "B", "offers": [{"text": "x", "hs": "9"}]}]})
    assert err.value.field == "participants[1].offers[0].hs"
    with pytest.raises(MatchingInputError) as err:
        validate({"top_k": 0, "participants": []})
    assert err.value.field == "top_k"
    with pytest.raises(MatchingInputError) as err:
        validate({"participants": [{"id": "A"}, {"id": "A"}]})
    assert err.value.field == "participants[1].id"
    with pytest.raises(MatchingInputError) as err:
        validate({"participants": [], "exclude": [{"buyer": "A", "need": -1, "seller": "B"}]})
    assert err.value.field == "exclude[0].need"


def test_it_exits_2_naming_the_field_on_invalid_input():
    out, err = io.StringIO(), io.StringIO()
    bad = json.dumps({"participants": [{"id": "A", "needs": [{"text": 5}]}]})
    assert match_main([], stdin=io.StringIO(bad), stdout=out, stderr=err) == 2
    assert "participants[0].needs[0].text" in err.getvalue()
    err = io.StringIO()
    assert match_main([], stdin=io.StringIO("{not json"), stdout=out, stderr=err) == 2
    assert "not valid JSON" in err.getvalue()


def test_it_runs_the_match_cli_on_a_file(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(mission([{"text": "telur ayam ras"}], [[{"text": "telur ayam"}]])))
    out = io.StringIO()
    assert match_main([str(path)], stdout=out, stderr=io.StringIO()) == 0
    result = json.loads(out.getvalue())
    assert result["recommendations"][0]["candidates"][0]["seller"] == "J-1"


def test_it_classifies_lines_from_the_cli():
    out = io.StringIO()
    status = classify_main([], stdin=io.StringIO("kopi ose\n\nsemen portland\n"), stdout=out)
    assert status == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["text"] for line in lines] == ["kopi ose", "semen portland"]
    assert lines[0]["codes"][0]["hs"].startswith("0901")


def test_it_is_deterministic():
    doc = mission(
        [{"text": "kopi robusta"}, {"text": "beras medium", "quantity": 10, "unit": "ton"}],
        [[{"text": "kopi robusta ose"}, {"text": "beras"}], [{"text": "kopi"}, {"text": "beras"}]],
    )
    first = json.dumps(recommend(doc))
    assert all(json.dumps(recommend(doc)) == first for _ in range(3))


def test_it_keeps_scores_in_unit_range_and_lists_needs_without_partner():
    doc = mission([{"text": "pesawat terbang"}], [[{"text": "kopi"}]])
    result = recommend(doc)
    assert result["recommendations"] == [{"buyer": "S-1", "need": 0, "candidates": []}]


def test_it_reads_btki_rows_with_their_ancestors(tmp_path):
    from misidagang.engines.matching.classifier import load_btki

    path = tmp_path / "btki.csv"
    path.write_text(
        "hs_code,chapter,description_id,description_en,hs_level\n"
        '09.01,09,"Kopi, disangrai maupun tidak","Coffee, whether or not roasted",4\n'
        "09.01.11,09,- - Tidak dihilangkan kafeinnya :,- - Not decaffeinated :,6\n"
        "09.01.11.10,09,- - - Arabika,- - - Arabica,8\n",
        encoding="utf-8",
    )
    rows = load_btki(path)
    assert ("Kopi, disangrai maupun tidak", "0901") in rows
    arabica = [text for text, code in rows if code == "090111" and "Arabica" in text]
    assert arabica == ["Coffee, whether or not roasted Not decaffeinated Arabica"]
