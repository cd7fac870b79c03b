"""Short Indonesian reasons for recommended pairs, built only for the candidates returned.

A candidate's reasons depend on a handful of small keys — the two items' HS codes, their two
texts, the quantity fit, the certifications asked and held, reciprocity — so each distinct
key is explained once in Python and the candidates get their lists by numpy look-ups.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from . import text as textmod
from .catalogue import catalogue
from .weights import LINK, SAME2, SAME4_OPEN, SAME6

MAX_WORDS = 62  # need words coded as bits; the rest of a longer need is checked in Python


def ids(values: list) -> np.ndarray:
    """Dense ids of equal values, in order of first appearance."""
    seen: dict = {}
    return np.array([seen.setdefault(v, len(seen)) for v in values], dtype=np.int64)


def _pair_ids(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs: index of each pair's first row, and each row's pair id."""
    key = a.astype(np.int64) * (int(b.max(initial=0)) + 1) + b
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return first, inverse.ravel()


def _hs_reason(links, need_codes, offer_codes) -> str | None:
    best, reason = 0.0, None
    cand: tuple[float, str | None]
    for cn, wn in need_codes:
        for co, wo in offer_codes:
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
                for out, label in links.get(prefix, ()):
                    if cn.startswith(out) and LINK * w > cand[0]:
                        cand = (LINK * w, label)
            if cand[0] > best:
                best, reason = cand
    return reason


@lru_cache(maxsize=300_000)
def _need_words(text: str) -> list[tuple[str, str]]:
    """The need's distinct content words with their stems, in order."""
    seen, words = set(), []
    for w in textmod.raw_tokens(text):
        if w in textmod.STOPWORDS or len(w) < 3 or w.isdigit() or w in seen:
            continue
        seen.add(w)
        words.append((w, textmod.stem(w)))
    return words


def _cert_reasons(required: frozenset[str], held: frozenset[str]) -> list[str]:
    out = []
    for c in sorted(required):
        label = c if c in ("halal", "organik") else c.upper()
        out.append(f"bersertifikat {label}" if c in held else f"belum bersertifikat {label}")
    return out


def _word_reasons(need, offer, cn: np.ndarray, co: np.ndarray) -> tuple[np.ndarray, list]:
    """Per pair, up to three of the need's words whose stems the offer's text shares.

    Each distinct need text's words are coded as stem ids; a pair's shared words are then a
    bit pattern found with one sorted look-up of (offer text, stem) keys per word, and the
    phrase is built once per distinct (need text, pattern)."""
    vocab: dict[str, int] = {}
    nt, nt_inv = np.unique(need.text_id[cn], return_inverse=True)
    nt_inv = nt_inv.ravel()
    words = [_need_words(need.texts[t]) for t in nt.tolist()]
    width = max(1, min(MAX_WORDS, max(len(w) for w in words)))
    coded = np.full((len(nt), width), -1, dtype=np.int64)
    for r, ws in enumerate(words):
        for c, (_w, st) in enumerate(ws[:width]):
            coded[r, c] = vocab.setdefault(st, len(vocab))
    ot, ot_inv = np.unique(offer.text_id[co], return_inverse=True)
    ot_inv = ot_inv.ravel()
    keys = []
    for r, t in enumerate(ot.tolist()):
        # normalize() is the cached, space-joined tokens() of the text
        for st in set(textmod.normalize(offer.texts[t]).split()):
            if st in vocab:
                keys.append(r * len(vocab) + vocab[st])
    held = np.unique(np.array(keys, dtype=np.int64))
    bits = np.zeros(len(cn), dtype=np.int64)
    for start in range(0, len(cn), 200_000):
        sl = slice(start, start + 200_000)
        stems = coded[nt_inv[sl]]
        look = ot_inv[sl, None] * len(vocab) + stems
        pos = np.minimum(np.searchsorted(held, look), max(len(held) - 1, 0))
        hit = (stems >= 0) & (held[pos] == look) if len(held) else np.zeros_like(stems, bool)
        bits[sl] = (hit.astype(np.int64) << np.arange(width, dtype=np.int64)).sum(axis=1)
    patterns, pat_inv = np.unique(bits, return_inverse=True)
    first, inv = _pair_ids(nt_inv, pat_inv.ravel())
    phrase_id: dict[str, int] = {}
    ids_of_pair = []
    for f in first.tolist():
        ws, b = words[nt_inv[f]], int(bits[f])
        chosen = [w for c, (w, _st) in enumerate(ws[:width]) if b >> c & 1]
        if len(chosen) < 3 and len(ws) > width:  # a very long need: check the rest directly
            held_stems = set(textmod.tokens(offer.texts[offer.text_id[co[f]]]))
            chosen += [w for w, st in ws[width:] if st in held_stems]
        ids_of_pair.append(phrase_id.setdefault(" ".join(chosen[:3]), len(phrase_id)))
    phrases = [[p] if p else [] for p in phrase_id]
    return np.array(ids_of_pair, dtype=np.int64)[inv], phrases


def explain(need, offer, cn: np.ndarray, co: np.ndarray, recip: np.ndarray) -> list[list[str]]:
    """Reasons for each candidate pair (need item cn[j], offer item co[j])."""
    m = len(cn)
    if m == 0:
        return []
    links = catalogue().links
    nitems, oitems = need.items, offer.items
    parts: list[tuple[np.ndarray, list[list[str]]]] = []  # (per-row id, lists per id)

    first, inv = _pair_ids(need.code_id[cn], offer.code_id[co])
    hs = [_hs_reason(links, need.codes[cn[f]], offer.codes[co[f]]) for f in first]
    parts.append((inv, [[r] if r else [] for r in hs]))

    parts.append(_word_reasons(need, offer, cn, co))

    qn, qo = need.qty[cn], offer.qty[co]
    known = ~np.isnan(qn) & ~np.isnan(qo) & (need.dim[cn] == offer.dim[co])
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(known & (qn > 0), np.round(100 * qo / qn), 0.0)
    # -1: nothing to say, -2: enough capacity, else the percentage of the need
    qkey = np.where(known & (qo >= qn), -2, np.where(known & (qn > 0), pct, -1)).astype(np.int64)
    values, inv = np.unique(qkey, return_inverse=True)
    qlists = [
        [] if v == -1 else ["kapasitas cukup"] if v == -2 else [f"kapasitas {v}% dari kebutuhan"]
        for v in values.tolist()
    ]
    parts.append((inv.ravel(), qlists))

    first, inv = _pair_ids(need.cert_id[cn], offer.cert_id[co])
    certs = [
        _cert_reasons(nitems[cn[f]].certifications, oitems[co[f]].certifications) for f in first
    ]
    parts.append((inv, certs))
    parts.append((recip.astype(np.int64), [[], ["saling membutuhkan"]]))

    # combine the keys into one id per distinct reason list
    combo = np.zeros(m, dtype=np.int64)
    for inv, _ in parts:
        combo = combo * (int(inv.max()) + 1) + inv
        _, combo = np.unique(combo, return_inverse=True)
        combo = combo.ravel()
    _, first = np.unique(combo, return_index=True)
    lists: list[list[str]] = [[] for _ in first]
    for inv, texts in parts:
        for r, k in enumerate(inv[first].tolist()):
            lists[r] += texts[k]
    return [list(lists[c]) for c in combo.tolist()]
