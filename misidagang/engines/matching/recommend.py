"""Partner recommendations: for every need, the best offers of other participants.

score = 0.45·HS agreement + 0.25·text relevance + 0.10·quantity fit
        + 0.10·certifications + 0.10·reciprocity            (each part in [0, 1])

Pairs are only scored inside blocks (same HS heading, same chapter, or a typical
input → output link), with sparse products in chunks, so a directory of 100,000 businesses
stays within seconds and a few hundred MB.
"""

from __future__ import annotations

import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from . import text as textmod
from .catalogue import catalogue
from .classifier import THREADS, classify
from .spec import CERTIFICATIONS, Item, Spec, validate

W_HS, W_TEXT, W_QTY, W_CERT, W_RECIP = 0.45, 0.25, 0.10, 0.10, 0.10
SAME6, SAME4, SAME4_OPEN, SAME2, LINK = 1.0, 0.7, 0.85, 0.35, 0.6
SLOTS = 3  # HS codes kept per item
CHUNK_CELLS = 4_000_000  # need × offer cells scored at once
BIG_CHAPTER = 3000  # above this many offers a chapter block only serves chapter-only needs
MIN_SCORE = 0.12

UNITS = {  # unit word → (dimension, factor to base)
    "ton": ("m", 1000.0), "tons": ("m", 1000.0), "kg": ("m", 1.0), "kilogram": ("m", 1.0),
    "kuintal": ("m", 100.0), "kwintal": ("m", 100.0), "gram": ("m", 0.001), "g": ("m", 0.001),
    "liter": ("v", 1.0), "l": ("v", 1.0), "ml": ("v", 0.001), "kl": ("v", 1000.0),
    "m3": ("v", 1000.0), "kodi": ("n", 20.0), "lusin": ("n", 12.0), "gross": ("n", 144.0),
}  # fmt: skip


def _unit(unit: str | None) -> tuple[str, float] | None:
    if not unit:
        return None
    word = re.split(r"[/\s]", unit.strip().lower())[0]
    if word in UNITS:
        return UNITS[word]
    return ("u:" + word, 1.0)


_PURPOSE = re.compile(r"\b(?:untuk|utk|buat|bagi|for|bahan baku)\b", re.IGNORECASE)


def _subject(text: str) -> str:
    """The goods themselves: "cengkeh untuk pabrik rokok" is cloves, not cigarettes."""
    head = _PURPOSE.split(text, maxsplit=1)[0]
    return head if textmod.tokens(head) else text


def _item_codes(items: list[Item]) -> list[list[tuple[str, float]]]:
    """Given HS codes are trusted; otherwise the classifier's best codes, weighted."""
    out: list[list[tuple[str, float]] | None] = [None] * len(items)
    todo: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        if it.hs:
            out[i] = [(it.hs[:6], 1.0)]
        else:
            todo[_subject(it.text)].append(i)
    texts = list(todo)
    for t, result in zip(texts, classify(texts, top_k=SLOTS) if texts else [], strict=True):
        codes = []
        if result:
            top = result[0]["score"]
            for rank_, r in enumerate(result):
                if r["score"] < 0.75 * top:
                    break
                conf = min(1.0, r["score"] / 0.5) * (1.0 if rank_ == 0 else 0.6)
                codes.append((r["hs"], round(conf, 4)))
        for i in todo[t]:
            out[i] = codes
    return out  # type: ignore[return-value]


class _Side:
    """Column arrays for one side (offers or needs)."""

    def __init__(self, items: list[Item], codes, cert_bits: dict[str, int], dims: dict[str, int]):
        n = len(items)
        self.items = items
        self.codes = codes
        self.c6 = np.full((n, SLOTS), -1, dtype=np.int64)
        self.c4 = np.full((n, SLOTS), -1, dtype=np.int64)
        self.c2 = np.full((n, SLOTS), -1, dtype=np.int64)
        self.w = np.zeros((n, SLOTS), dtype=np.float32)
        for i, cs in enumerate(codes):
            for s, (code, weight) in enumerate(cs[:SLOTS]):
                self.c2[i, s] = int(code[:2])
                if len(code) >= 4:
                    self.c4[i, s] = int(code[:4])
                if len(code) >= 6:
                    self.c6[i, s] = int(code[:6])
                self.w[i, s] = weight
        self.owner = np.array([it.owner for it in items], dtype=np.int64)
        self.qty = np.full(n, np.nan)
        self.dim = np.zeros(n, dtype=np.int64)  # 0 = unknown
        for i, it in enumerate(items):
            u = _unit(it.unit)
            if it.quantity is not None:
                factor = u[1] if u else 1.0
                self.qty[i] = it.quantity * factor
                self.dim[i] = dims.setdefault(u[0] if u else "?", len(dims) + 1)
        self.certs = np.zeros(n, dtype=np.uint64)
        for i, it in enumerate(items):
            bits = 0
            for c in it.certifications:
                if c not in cert_bits and len(cert_bits) < 63:
                    cert_bits[c] = len(cert_bits)
                if c in cert_bits:
                    bits |= 1 << cert_bits[c]
            self.certs[i] = bits


def _link_masks(need: _Side, offer: _Side):
    """Bitmasks: which link inputs a need's codes ask for, and which an offer's codes are."""
    links = catalogue().links
    inputs = sorted(links)
    if not inputs:
        return None
    words = (len(inputs) + 63) // 64
    bit = {code: i for i, code in enumerate(inputs)}
    wanted: dict[str, set[int]] = defaultdict(set)  # output code → input bit ids
    for code, outs in links.items():
        for out, _label in outs:
            wanted[out].add(bit[code])

    def need_mask(side: _Side) -> np.ndarray:
        m = np.zeros((len(side.items), SLOTS, words), dtype=np.uint64)
        for i, cs in enumerate(side.codes):
            for s, (code, _w) in enumerate(cs[:SLOTS]):
                for prefix in {code[:6], code[:4], code[:2]}:
                    for b in wanted.get(prefix, ()):
                        m[i, s, b // 64] |= np.uint64(1 << (b % 64))
        return m

    def offer_mask(side: _Side) -> np.ndarray:
        m = np.zeros((len(side.items), SLOTS, words), dtype=np.uint64)
        for i, cs in enumerate(side.codes):
            for s, (code, _w) in enumerate(cs[:SLOTS]):
                for prefix in {code[:6], code[:4]}:
                    if prefix in bit:
                        b = bit[prefix]
                        m[i, s, b // 64] |= np.uint64(1 << (b % 64))
        return m

    return need_mask(need), offer_mask(offer), inputs


def _hs_scores(need: _Side, offer: _Side, ni: np.ndarray, oi: np.ndarray, links):
    """HS agreement (len(ni) × len(oi)) and whether it came from a link."""
    best = np.zeros((len(ni), len(oi)), dtype=np.float32)
    for a in range(SLOTS):
        wn = need.w[ni, a]
        if not wn.any():
            continue
        n6, n4, n2 = need.c6[ni, a, None], need.c4[ni, a, None], need.c2[ni, a, None]
        for b in range(SLOTS):
            wo = offer.w[oi, b]
            if not wo.any():
                continue
            o6, o4, o2 = offer.c6[None, oi, b], offer.c4[None, oi, b], offer.c2[None, oi, b]
            same4 = (n4 == o4) & (n4 >= 0)
            level = np.where(
                (n6 == o6) & (n6 >= 0),
                SAME6,
                np.where(
                    same4,
                    np.where((n6 < 0) | (o6 < 0), SAME4_OPEN, SAME4),
                    np.where((n2 == o2) & (n2 >= 0), SAME2, 0.0),
                ),
            )
            weight = np.minimum(wn[:, None], wo[None, :])
            np.maximum(best, (level * weight).astype(np.float32), out=best)
    linked = np.zeros_like(best, dtype=bool)
    if links is not None:
        nm, om, _ = links
        for a in range(SLOTS):
            for b in range(SLOTS):
                hit = np.zeros_like(linked)
                for word in range(nm.shape[2]):
                    hit |= (nm[ni, a, word][:, None] & om[oi, b, word][None, :]) != 0
                if hit.any():
                    weight = np.minimum(need.w[ni, a][:, None], offer.w[oi, b][None, :])
                    val = np.where(hit, LINK * weight, 0.0).astype(np.float32)
                    linked |= hit & (val > best)
                    np.maximum(best, val, out=best)
    return best, linked


def _text_model(texts: list[str]):
    normalised = [textmod.normalize(t) or "_" for t in texts]
    distinct = sorted(set(normalised))
    row = {n: i for i, n in enumerate(distinct)}
    word = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    w = word.fit_transform(distinct).astype(np.float32)
    c = char.fit_transform(distinct).astype(np.float32)
    vectors = sparse.hstack([w * np.sqrt(0.5), c * np.sqrt(0.5)]).tocsr()
    return vectors[[row[n] for n in normalised]]


def _blocks(need: _Side, offer: _Side, links, enough: int):
    """Block key → (need indices, offer indices)."""
    offers_by: dict[tuple, list[int]] = defaultdict(list)
    for i in range(len(offer.items)):
        keys = set()
        for s in range(SLOTS):
            if offer.w[i, s] > 0:
                keys.add(("C", int(offer.c2[i, s])))
                if offer.c4[i, s] >= 0:
                    keys.add(("H", int(offer.c4[i, s])))
        for k in keys:
            offers_by[k].append(i)
    link_inputs = links[2] if links else []
    needs_by: dict[tuple, list[int]] = defaultdict(list)
    for i in range(len(need.items)):
        keys = set()
        for s in range(SLOTS):
            if need.w[i, s] <= 0:
                continue
            chapter = ("C", int(need.c2[i, s]))
            if need.c4[i, s] >= 0:
                heading = ("H", int(need.c4[i, s]))
                keys.add(heading)
                # the chapter only matters when the heading offers too few partners
                if (
                    len(offers_by.get(heading, ())) < enough
                    and len(offers_by.get(chapter, ())) <= BIG_CHAPTER
                ):
                    keys.add(chapter)
            else:
                keys.add(chapter)
            if links is not None:
                nm = links[0][i, s]
                for word in range(nm.shape[0]):
                    bits = int(nm[word])
                    while bits:
                        low = bits & -bits
                        code = link_inputs[word * 64 + low.bit_length() - 1]
                        keys.add(("H", int(code[:4])))
                        bits ^= low
        for k in keys:
            needs_by[k].append(i)
    for key, ni in needs_by.items():
        oi = offers_by.get(key)
        if oi:
            yield np.array(ni), np.array(oi)


def _base_scores(spec: Spec, need: _Side, offer: _Side, ni, oi, links, vec_n, vec_o, province,
                 excluded) -> np.ndarray:  # fmt: skip
    hs, _ = _hs_scores(need, offer, ni, oi, links)
    txt = (vec_n[ni] @ vec_o[oi].T).toarray().astype(np.float32)
    np.clip(txt, 0.0, 1.0, out=txt)
    qn, qo = need.qty[ni][:, None], offer.qty[oi][None, :]
    known = ~np.isnan(qn) & ~np.isnan(qo) & (need.dim[ni][:, None] == offer.dim[oi][None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        fit = np.where(qn > 0, np.minimum(1.0, qo / qn), 1.0)
    qty = np.where(known, fit, 0.5)
    req = need.certs[ni][:, None]
    have = np.bitwise_count(req & offer.certs[oi][None, :]).astype(np.float32)
    total = np.bitwise_count(req).astype(np.float32)
    cert = np.where(total > 0, have / np.maximum(total, 1), 1.0)
    score = W_HS * hs + W_TEXT * txt + W_QTY * qty + W_CERT * cert
    score = np.where(hs > 0, score, 0.0).astype(np.float32)
    owner_n, owner_o = need.owner[ni][:, None], offer.owner[oi][None, :]
    score[owner_n == owner_o] = 0.0
    if spec.cross_province_only:
        pn, po = province[owner_n], province[owner_o]
        score[(pn == po) & (pn >= 0)] = 0.0
    if excluded:
        col = {int(o): j for j, o in enumerate(oi)}
        for r, n in enumerate(ni):
            for o in excluded.get(int(n), ()):
                if o in col:
                    score[r, col[o]] = 0.0
    return score


def _excluded(spec: Spec, need: _Side, offer: _Side) -> dict[int, set[int]]:
    pos = {p.id: k for k, p in enumerate(spec.participants)}
    need_pos = {(it.owner, it.index): i for i, it in enumerate(need.items)}
    offers_of: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(offer.items):
        offers_of[it.owner].append(i)
    out: dict[int, set[int]] = defaultdict(set)
    for e in spec.exclude:
        b, s = pos.get(e.buyer), pos.get(e.seller)
        n = need_pos.get((b, e.need)) if b is not None else None
        if n is None or s is None:
            continue
        for o in offers_of.get(s, ()):
            if e.offer is None or offer.items[o].index == e.offer:
                out[n].add(o)
    return out


def _reciprocity(spec: Spec, need: _Side, offer: _Side, buyers, sellers) -> np.ndarray:
    """1 where the seller needs something (same heading) that the buyer offers."""
    heads: dict[int, int] = {}

    def matrix(side: _Side) -> sparse.csr_matrix:
        rows, cols = [], []
        for i in range(len(side.items)):
            for s in range(SLOTS):
                if side.w[i, s] > 0 and side.c4[i, s] >= 0:
                    rows.append(side.owner[i])
                    cols.append(heads.setdefault(int(side.c4[i, s]), len(heads)))
        return rows, cols

    nr, nc = matrix(need)
    orows, oc = matrix(offer)
    shape = (len(spec.participants), max(len(heads), 1))
    needs_m = sparse.csr_matrix((np.ones(len(nr)), (nr, nc)), shape=shape)
    offers_m = sparse.csr_matrix((np.ones(len(orows)), (orows, oc)), shape=shape)
    needs_m.data[:] = 1
    offers_m.data[:] = 1
    both = needs_m[sellers].multiply(offers_m[buyers]).sum(axis=1)
    return (np.asarray(both).ravel() > 0).astype(np.float32)


def recommend(doc: dict) -> dict:
    """Matching contract of DESIGN.md: participants' offers and needs in, ranked partners out."""
    spec = validate(doc)
    needs = [it for p in spec.participants for it in p.needs]
    offers = [it for p in spec.participants for it in p.offers]
    output: list[dict] = [
        {"buyer": spec.participants[it.owner].id, "need": it.index, "candidates": []}
        for it in needs
    ]
    if not needs or not offers:
        return {"recommendations": output}
    codes = _item_codes(needs + offers)
    cert_bits = {c: i for i, c in enumerate(CERTIFICATIONS)}
    dims: dict[str, int] = {}
    need = _Side(needs, codes[: len(needs)], cert_bits, dims)
    offer = _Side(offers, codes[len(needs) :], cert_bits, dims)
    links = _link_masks(need, offer)
    vectors = _text_model([it.text for it in needs] + [it.text for it in offers])
    vec_n, vec_o = vectors[: len(needs)], vectors[len(needs) :]
    provinces: dict[str, int] = {}
    province = np.array(
        [provinces.setdefault(p.province, len(provinces)) if p.province else -1
         for p in spec.participants]
    )  # fmt: skip
    excluded = _excluded(spec, need, offer)
    keep = spec.top_k + 10  # candidates kept before reciprocity re-ranks them

    def score_chunk(task):
        ni, oi = task
        score = _base_scores(spec, need, offer, ni, oi, links, vec_n, vec_o, province, excluded)
        k = min(keep, len(oi))
        if k < len(oi):
            top = np.argpartition(-score, k - 1, axis=1)[:, :k]
        else:
            top = np.broadcast_to(np.arange(len(oi)), score.shape)
        vals = np.take_along_axis(score, top, axis=1)
        mask = vals >= MIN_SCORE
        return np.broadcast_to(ni[:, None], top.shape)[mask], oi[top][mask], vals[mask]

    tasks = []
    for ni_all, oi in _blocks(need, offer, links, enough=2 * keep):
        step = max(1, CHUNK_CELLS // len(oi))
        tasks += [(ni_all[start : start + step], oi) for start in range(0, len(ni_all), step)]
    if len(tasks) > 8:  # numpy and sparse kernels release the GIL: use both cores
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            done = list(pool.map(score_chunk, tasks))
    else:
        done = [score_chunk(t) for t in tasks]
    parts_n = [d[0] for d in done]
    parts_o = [d[1] for d in done]
    parts_s = [d[2] for d in done]
    if not parts_n:
        return {"recommendations": output}
    cn, co, cs = np.concatenate(parts_n), np.concatenate(parts_o), np.concatenate(parts_s)
    if len(cn) == 0:  # every pair was excluded or scored too low
        return {"recommendations": output}
    # one row per (need, offer); the same pair may come from several blocks with equal scores
    order = np.lexsort((co, cn))
    cn, co, cs = cn[order], co[order], cs[order]
    first = np.ones(len(cn), dtype=bool)
    first[1:] = (cn[1:] != cn[:-1]) | (co[1:] != co[:-1])
    cn, co, cs = cn[first], co[first], cs[first]
    recip = _reciprocity(spec, need, offer, need.owner[cn], offer.owner[co])
    cs = np.round(cs + W_RECIP * recip, 4)
    order = np.lexsort((co, -cs, cn))
    cn, co, cs, recip = cn[order], co[order], cs[order], recip[order]
    starts = np.flatnonzero(np.r_[True, cn[1:] != cn[:-1]])
    ends = np.r_[starts[1:], len(cn)]
    explain = _Explainer(spec, need, offer, links)
    for s, e in zip(starts, ends, strict=True):
        n = int(cn[s])
        e = min(e, s + spec.top_k)
        output[n]["candidates"] = [
            {
                "seller": spec.participants[offer.items[int(co[j])].owner].id,
                "offer": offer.items[int(co[j])].index,
                "score": round(float(min(1.0, cs[j])), 4),
                "reasons": explain(n, int(co[j]), bool(recip[j])),
            }
            for j in range(s, e)
        ]
    return {"recommendations": output}


def _ids(values: list) -> list[int]:
    seen: dict = {}
    return [seen.setdefault(v, len(seen)) for v in values]


class _Explainer:
    """Short Indonesian reasons for a recommended pair."""

    def __init__(self, spec: Spec, need: _Side, offer: _Side, links):
        self.need, self.offer = need, offer
        self.links = catalogue().links
        self._words: dict[int, list[tuple[str, str]]] = {}
        self._stems: dict[int, set[str]] = {}
        self._hs_memo: dict[tuple[int, int], str | None] = {}
        self._text_memo: dict[tuple[int, int], str] = {}
        self.nq, self.oq = need.qty.tolist(), offer.qty.tolist()
        self.nd, self.od = need.dim.tolist(), offer.dim.tolist()
        self.required = [
            [(c, c if c in ("halal", "organik") else c.upper()) for c in sorted(it.certifications)]
            for it in need.items
        ]
        self.need_code_id = _ids([tuple(c) for c in need.codes])
        self.offer_code_id = _ids([tuple(c) for c in offer.codes])
        self.need_text_id = _ids([it.text for it in need.items])
        self.offer_text_id = _ids([it.text for it in offer.items])

    def _need_words(self, n: int) -> list[tuple[str, str]]:
        t = self.need_text_id[n]
        if t not in self._words:
            seen, words = set(), []
            for w in textmod.raw_tokens(self.need.items[n].text):
                if w in textmod.STOPWORDS or len(w) < 3 or w.isdigit() or w in seen:
                    continue
                seen.add(w)
                words.append((w, textmod.stem(w)))
            self._words[t] = words
        return self._words[t]

    def _offer_stems(self, o: int) -> set[str]:
        t = self.offer_text_id[o]
        if t not in self._stems:
            self._stems[t] = set(textmod.tokens(self.offer.items[o].text))
        return self._stems[t]

    def _hs_reason(self, n: int, o: int) -> str | None:
        best, reason = 0.0, None
        for cn, wn in self.need.codes[n]:
            for co, wo in self.offer.codes[o]:
                w = min(wn, wo)
                if len(cn) >= 6 and len(co) >= 6 and cn[:6] == co[:6]:
                    cand = (SAME6 * w, f"HS {cn[:6]} sama")
                elif len(cn) >= 4 and len(co) >= 4 and cn[:4] == co[:4]:
                    cand = (SAME4_OPEN * w, f"HS {cn[:4]} sama")
                elif cn[:2] == co[:2]:
                    cand = (SAME2 * w, f"bab HS {cn[:2]} sama")
                else:
                    cand = (0.0, None)
                for prefix in sorted({co[:6], co[:4]}):
                    for out, label in self.links.get(prefix, ()):
                        if cn.startswith(out) and LINK * w > cand[0]:
                            cand = (LINK * w, label)
                if cand[0] > best:
                    best, reason = cand
        return reason

    def __call__(self, n: int, o: int, reciprocal: bool) -> list[str]:
        reasons = []
        key = (self.need_code_id[n], self.offer_code_id[o])
        hs = self._hs_memo.get(key, "?")
        if hs == "?":
            hs = self._hs_memo[key] = self._hs_reason(n, o)
        if hs:
            reasons.append(hs)
        key = (self.need_text_id[n], self.offer_text_id[o])
        words = self._text_memo.get(key)
        if words is None:
            stems = self._offer_stems(o)
            words = " ".join([w for w, st in self._need_words(n) if st in stems][:3])
            self._text_memo[key] = words
        if words:
            reasons.append(words)
        qn, qo = self.nq[n], self.oq[o]
        if qn == qn and qo == qo and self.nd[n] == self.od[o]:  # both known (not NaN)
            if qo >= qn:
                reasons.append("kapasitas cukup")
            elif qn > 0:
                reasons.append(f"kapasitas {round(100 * qo / qn)}% dari kebutuhan")
        required = self.required[n]
        if required:
            held = self.offer.items[o].certifications
            for c, label in required:
                reasons.append(
                    f"bersertifikat {label}" if c in held else f"belum bersertifikat {label}"
                )
        if reciprocal:
            reasons.append("saling membutuhkan")
        return reasons
