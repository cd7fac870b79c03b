"""Partner recommendations: for every need, the best offers of other participants.

score = 0.45·HS agreement + 0.25·text relevance + 0.10·quantity fit
        + 0.10·certifications + 0.10·reciprocity            (each part in [0, 1])

Pairs are only scored inside blocks (same HS heading, same chapter, or a typical
input → output link), with sparse products in chunks, so a directory of 100,000 businesses
stays within seconds and a few hundred MB.
"""

from __future__ import annotations

import gc
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from . import text as textmod
from .catalogue import catalogue
from .classifier import THREADS, classify, get_index
from .reasons import explain, ids
from .spec import CERTIFICATIONS, Item, Spec, validate
from .weights import LINK, SAME2, SAME4, SAME4_OPEN, SAME6

W_HS, W_TEXT, W_QTY, W_CERT, W_RECIP = 0.45, 0.25, 0.10, 0.10, 0.10
SLOTS = 3  # HS codes kept per item
CHUNK_CELLS = 4_000_000  # need × offer cells scored at once
BIG_CHAPTER = 3000  # above this many offers a chapter block only serves chapter-only needs
MIN_SCORE = 0.12
TIMINGS: dict[str, float] = {}  # seconds per phase of the last call (benchmarks read it)

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
    subjects: dict[str, str] = {}
    for i, it in enumerate(items):
        if it.hs:
            out[i] = [(it.hs[:6], 1.0)]
        else:
            subject = subjects.get(it.text)
            if subject is None:
                subject = subjects[it.text] = _subject(it.text)
            todo[subject].append(i)
    found = _classified(list(todo))
    for t, idx in todo.items():
        for i in idx:
            out[i] = found[t]
    return out  # type: ignore[return-value]


_CODES: dict[str, list[tuple[str, float]]] = {}  # subject text → weighted codes
_CODES_INDEX: list = [None]  # the classifier index _CODES was computed with
CODES_CACHE_MAX = 500_000


def _classified(texts: list[str]) -> dict[str, list[tuple[str, float]]]:
    """Weighted codes of each text, classifying only texts not seen since the classifier's
    index was built (a mission recomputed after a profile edit classifies just that edit)."""
    index = get_index()
    if _CODES_INDEX[0] is not index or len(_CODES) > CODES_CACHE_MAX:
        _CODES.clear()
        _CODES_INDEX[0] = index
    new = [t for t in texts if t not in _CODES]
    for t, result in zip(new, classify(new, top_k=SLOTS) if new else [], strict=True):
        codes = []
        if result:
            top = result[0]["score"]
            for rank_, r in enumerate(result):
                if r["score"] < 0.75 * top:
                    break
                conf = min(1.0, r["score"] / 0.5) * (1.0 if rank_ == 0 else 0.6)
                codes.append((r["hs"], round(conf, 4)))
        _CODES[t] = codes
    return {t: _CODES[t] for t in texts}


class _Side:
    """Column arrays for one side (offers or needs)."""

    def __init__(self, items: list[Item], codes, cert_bits: dict[str, int], dims: dict[str, int]):
        n = len(items)
        self.items = items
        self.codes = codes
        self.code_id = ids([tuple(c) for c in codes])  # full code lists, for reasons
        self.sig = ids([tuple(c[:SLOTS]) for c in codes])  # what the HS score sees
        _, self.sig_rep = np.unique(self.sig, return_index=True)  # one item per signature
        self.text_id = ids([it.text for it in items])
        self.texts = list(dict.fromkeys(it.text for it in items))  # by text id
        self.cert_id = ids([it.certifications for it in items])
        self.text_row = np.zeros(n, dtype=np.int64)  # row in the distinct-text matrix
        # code columns, filled once per distinct code list (signature)
        k = len(self.sig_rep)
        c6, c4, c2 = (np.full((k, SLOTS), -1, dtype=np.int64) for _ in range(3))
        w = np.zeros((k, SLOTS), dtype=np.float32)
        for g, rep in enumerate(self.sig_rep.tolist()):
            for s, (code, weight) in enumerate(codes[rep][:SLOTS]):
                c2[g, s] = int(code[:2])
                if len(code) >= 4:
                    c4[g, s] = int(code[:4])
                if len(code) >= 6:
                    c6[g, s] = int(code[:6])
                w[g, s] = weight
        self.c6, self.c4, self.c2, self.w = c6[self.sig], c4[self.sig], c2[self.sig], w[self.sig]
        self.owner = np.array([it.owner for it in items], dtype=np.int64)
        # quantity in base units and its dimension (0 = unknown), once per distinct unit
        units: dict[str | None, tuple[float, int]] = {}
        for unit in dict.fromkeys(it.unit for it in items):
            u = _unit(unit)
            units[unit] = (u[1] if u else 1.0, dims.setdefault(u[0] if u else "?", len(dims) + 1))
        given = [it.quantity is not None for it in items]
        factor = np.array([units[it.unit][0] for it in items])
        self.qty = np.where(given, [it.quantity or 0.0 for it in items] * factor, np.nan)
        self.dim = np.where(given, [units[it.unit][1] for it in items], 0).astype(np.int64)
        # certification bit sets, once per distinct set
        cert_sets = list(dict.fromkeys(it.certifications for it in items))
        set_bits = []
        for held in cert_sets:
            bits = 0
            for c in held:
                if c not in cert_bits and len(cert_bits) < 63:
                    cert_bits[c] = len(cert_bits)
                if c in cert_bits:
                    bits |= 1 << cert_bits[c]
            set_bits.append(bits)
        self.certs = np.array(set_bits, dtype=np.uint64)[self.cert_id]


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

    # masks are computed once per distinct code list (signature), then spread over items
    def need_mask(side: _Side) -> np.ndarray:
        m = np.zeros((len(side.sig_rep), SLOTS, words), dtype=np.uint64)
        for i, rep in enumerate(side.sig_rep.tolist()):
            for s, (code, _w) in enumerate(side.codes[rep][:SLOTS]):
                for prefix in {code[:6], code[:4], code[:2]}:
                    for b in wanted.get(prefix, ()):
                        m[i, s, b // 64] |= np.uint64(1 << (b % 64))
        return m[side.sig]

    def offer_mask(side: _Side) -> np.ndarray:
        m = np.zeros((len(side.sig_rep), SLOTS, words), dtype=np.uint64)
        for i, rep in enumerate(side.sig_rep.tolist()):
            for s, (code, _w) in enumerate(side.codes[rep][:SLOTS]):
                for prefix in {code[:6], code[:4]}:
                    if prefix in bit:
                        b = bit[prefix]
                        m[i, s, b // 64] |= np.uint64(1 << (b % 64))
        return m[side.sig]

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
    """TF-IDF vectors of the distinct normalised texts, and each text's row among them."""
    normalised = [textmod.normalize(t) or "_" for t in texts]
    distinct = sorted(set(normalised))
    row = {n: i for i, n in enumerate(distinct)}
    word = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    w = word.fit_transform(distinct).astype(np.float32)
    c = char.fit_transform(distinct).astype(np.float32)
    vectors = sparse.hstack([w * np.sqrt(0.5), c * np.sqrt(0.5)]).tocsr()
    return vectors, np.array([row[n] for n in normalised], dtype=np.int64)


def _members(side: _Side) -> list[np.ndarray]:
    """Per code signature, its items in ascending order."""
    order = np.argsort(side.sig, kind="stable")
    return np.split(order, np.flatnonzero(np.diff(side.sig[order])) + 1)


def _blocks(need: _Side, offer: _Side, links, enough: int):
    """Block key → (need indices, offer indices), each ascending. Keys depend only on an
    item's codes, so they are worked out once per distinct code list."""
    grouped: dict[tuple, list[np.ndarray]] = defaultdict(list)
    for i, members in zip(offer.sig_rep.tolist(), _members(offer), strict=True):
        keys = set()
        for s in range(SLOTS):
            if offer.w[i, s] > 0:
                keys.add(("C", int(offer.c2[i, s])))
                if offer.c4[i, s] >= 0:
                    keys.add(("H", int(offer.c4[i, s])))
        for k in keys:
            grouped[k].append(members)
    offers_by = {k: np.sort(np.concatenate(v)) for k, v in grouped.items()}
    link_inputs = links[2] if links else []
    grouped = defaultdict(list)
    for i, members in zip(need.sig_rep.tolist(), _members(need), strict=True):
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
            grouped[k].append(members)
    for key, parts in grouped.items():
        oi = offers_by.get(key)
        if oi is not None and len(oi):
            yield np.sort(np.concatenate(parts)), oi


def _by_distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and, per position, the index of its key among them."""
    distinct, inverse = np.unique(keys, return_inverse=True)
    return distinct, inverse.ravel()


def _base_scores(spec: Spec, need: _Side, offer: _Side, ni, oi, links, vectors, province,
                 excluded) -> np.ndarray:  # fmt: skip
    # HS agreement and text relevance depend only on the codes and the texts: compute them
    # once per distinct code list / text in the block, then spread them over the items
    sn, sn_inv = _by_distinct(need.sig[ni])
    so, so_inv = _by_distinct(offer.sig[oi])
    hs, _ = _hs_scores(need, offer, need.sig_rep[sn], offer.sig_rep[so], links)
    hs = hs[sn_inv[:, None], so_inv[None, :]]
    tn, tn_inv = _by_distinct(need.text_row[ni])
    to, to_inv = _by_distinct(offer.text_row[oi])
    txt = (vectors[tn] @ vectors[to].T).toarray().astype(np.float32)
    np.clip(txt, 0.0, 1.0, out=txt)
    txt = txt[tn_inv[:, None], to_inv[None, :]]
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

    def pairs(side: _Side) -> tuple[np.ndarray, np.ndarray]:  # (participant, heading)
        ok = (side.w > 0) & (side.c4 >= 0)
        return np.broadcast_to(side.owner[:, None], ok.shape)[ok], side.c4[ok]

    nr, nh = pairs(need)
    orows, oh = pairs(offer)
    heads, col = np.unique(np.r_[nh, oh], return_inverse=True)
    nc, oc = col.ravel()[: len(nh)], col.ravel()[len(nh) :]
    shape = (len(spec.participants), max(len(heads), 1))
    needs_m = sparse.csr_matrix((np.ones(len(nr)), (nr, nc)), shape=shape)
    offers_m = sparse.csr_matrix((np.ones(len(orows)), (orows, oc)), shape=shape)
    needs_m.data[:] = 1
    offers_m.data[:] = 1
    both = needs_m[sellers].multiply(offers_m[buyers]).sum(axis=1)
    return (np.asarray(both).ravel() > 0).astype(np.float32)


def _by_need_score_offer(cn: np.ndarray, cs: np.ndarray, co: np.ndarray, n_offers: int):
    """The order of np.lexsort((co, -cs, cn)), by one integer key when it fits in int64
    (scores are rounded to 4 decimals, so score × 10,000 is an exact integer rank)."""
    k = np.rint(cs.astype(np.float64) * 10_000).astype(np.int64)
    span = int(k.max()) - int(k.min()) + 1
    if (int(cn.max()) + 1) * span * max(n_offers, 1) >= 2**62:
        return np.lexsort((co, -cs, cn))
    key = (cn * span + (int(k.max()) - k)) * n_offers + co
    return np.argsort(key, kind="stable")


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a big call creates millions of small, acyclic
    objects (items, candidates, reasons), and each collection would walk all of them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def recommend(doc: dict) -> dict:
    """Matching contract of DESIGN.md: participants' offers and needs in, ranked partners out."""
    with _no_gc():
        return _recommend(doc)


def _recommend(doc: dict) -> dict:
    lap = _Laps()
    spec = validate(doc)
    lap("validate")
    needs = [it for p in spec.participants for it in p.needs]
    offers = [it for p in spec.participants for it in p.offers]
    output: list[dict] = [
        {"buyer": spec.participants[it.owner].id, "need": it.index, "candidates": []}
        for it in needs
    ]
    if not needs or not offers:
        return {"recommendations": output}
    codes = _item_codes(needs + offers)
    lap("classify")
    cert_bits = {c: i for i, c in enumerate(CERTIFICATIONS)}
    dims: dict[str, int] = {}
    need = _Side(needs, codes[: len(needs)], cert_bits, dims)
    offer = _Side(offers, codes[len(needs) :], cert_bits, dims)
    links = _link_masks(need, offer)
    lap("sides")
    vectors, rows = _text_model([it.text for it in needs] + [it.text for it in offers])
    need.text_row, offer.text_row = rows[: len(needs)], rows[len(needs) :]
    provinces: dict[str, int] = {}
    province = np.array(
        [provinces.setdefault(p.province, len(provinces)) if p.province else -1
         for p in spec.participants]
    )  # fmt: skip
    excluded = _excluded(spec, need, offer)
    keep = spec.top_k + 10  # candidates kept before reciprocity re-ranks them
    lap("text_model")

    def score_chunk(task):
        ni, oi = task
        score = _base_scores(spec, need, offer, ni, oi, links, vectors, province, excluded)
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
    lap("score")
    parts_n = [d[0] for d in done]
    parts_o = [d[1] for d in done]
    parts_s = [d[2] for d in done]
    if not parts_n:
        return {"recommendations": output}
    cn, co, cs = np.concatenate(parts_n), np.concatenate(parts_o), np.concatenate(parts_s)
    if len(cn) == 0:  # every pair was excluded or scored too low
        return {"recommendations": output}
    # one row per (need, offer); the same pair may come from several blocks with equal scores
    order = np.argsort(cn * len(offer.items) + co, kind="stable")
    cn, co, cs = cn[order], co[order], cs[order]
    first = np.ones(len(cn), dtype=bool)
    first[1:] = (cn[1:] != cn[:-1]) | (co[1:] != co[:-1])
    cn, co, cs = cn[first], co[first], cs[first]
    recip = _reciprocity(spec, need, offer, need.owner[cn], offer.owner[co])
    cs = np.round(cs + W_RECIP * recip, 4)
    order = _by_need_score_offer(cn, cs, co, len(offer.items))
    cn, co, cs, recip = cn[order], co[order], cs[order], recip[order]
    starts = np.flatnonzero(np.r_[True, cn[1:] != cn[:-1]])
    # keep the best top_k of every need, and explain only those
    rank_in_need = np.arange(len(cn)) - np.repeat(starts, np.diff(np.r_[starts, len(cn)]))
    kept = rank_in_need < spec.top_k
    cn, co, cs, recip = cn[kept], co[kept], cs[kept], recip[kept]
    lap("rank")
    reasons = explain(need, offer, cn, co, recip)
    lap("reasons")
    seller_ids = [spec.participants[it.owner].id for it in offer.items]
    offer_index = [it.index for it in offer.items]
    scores = [round(v, 4) for v in np.minimum(cs, np.float32(1.0)).astype(np.float64).tolist()]
    starts = np.flatnonzero(np.r_[True, cn[1:] != cn[:-1]])
    ends = np.r_[starts[1:], len(cn)]
    co_list = co.tolist()
    for n, s, e in zip(cn[starts].tolist(), starts.tolist(), ends.tolist(), strict=True):
        output[n]["candidates"] = [
            {"seller": seller_ids[o], "offer": offer_index[o], "score": scores[j],
             "reasons": reasons[j]}
            for j, o in zip(range(s, e), co_list[s:e], strict=True)
        ]  # fmt: skip
    lap("output")
    return {"recommendations": output}


class _Laps:
    """Wall time of each phase of one call, into TIMINGS."""

    def __init__(self) -> None:
        TIMINGS.clear()
        self.t = time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        TIMINGS[phase] = round(now - self.t, 3)
        self.t = now
