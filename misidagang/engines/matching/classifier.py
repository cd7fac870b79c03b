"""HS classifier: free text (Indonesian or English) → ranked HS-4/HS-6 codes.

One index of short documents, each labelled with an HS code: the catalogue's descriptions
(HS-4 with its chapter, HS-6 with its heading) and every term of our lexicon (weighted
strongly), optionally the BTKI 2022 book. Word (1–2-gram) and character (3–5-gram) TF-IDF;
a query's score for a code is the best cosine over the code's documents; a heading also
collects the evidence of its subheadings.
"""

from __future__ import annotations

import csv
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from . import text as textmod
from .catalogue import catalogue

WORD_WEIGHT = 0.6
CHAR_WEIGHT = 0.4
LEXICON_WEIGHT = 1.0
CATALOGUE_WEIGHT = 0.8
BTKI_WEIGHT = 0.85
CHUNK = 256
MIN_RELATIVE = 0.25  # drop codes scoring under this share of the best
THREADS = 2
HEAD_REPEAT = 1  # extra copies of the goods part of a longer description in its query


@dataclass
class Index:
    codes: np.ndarray  # per document: index into `labels`
    weights: np.ndarray  # per document
    labels: list[str]  # distinct HS codes (4 or 6 digits)
    word: TfidfVectorizer
    char: TfidfVectorizer
    word_docs: sparse.csr_matrix  # transposed: terms × docs
    char_docs: sparse.csr_matrix
    order: np.ndarray  # documents sorted by label
    starts: np.ndarray  # first position of each label in `order`
    parent: np.ndarray  # per label: index of its HS-4 label (itself for HS-4)
    heads: np.ndarray  # indices of the HS-4 labels; each is followed by its subheadings
    group_end: np.ndarray  # per label: end of its heading's group in `labels`

    def vectorise(self, normalised: list[str]):
        return self.word.transform(normalised), self.char.transform(normalised)


def _documents(btki_rows=None) -> list[tuple[str, str, float]]:
    cat = catalogue()
    d = cat.descriptions
    textmod.register_english_vocabulary(
        w for desc in d.values() for w in textmod.raw_tokens(desc) if w.isalpha()
    )
    docs: list[tuple[str, str, float]] = []
    for code, desc in d.items():
        if len(code) == 4:
            docs.append((f"{desc} {d.get(code[:2], '')}", code, CATALOGUE_WEIGHT))
        elif len(code) == 6:
            docs.append((f"{desc} {d.get(code[:4], '')}", code, CATALOGUE_WEIGHT))
    for e in cat.entries:
        if len(e.hs) not in (4, 6):
            continue
        for term in e.terms:
            docs.append((term, e.hs, LEXICON_WEIGHT))
    for text, code in btki_rows or ():
        docs.append((text, code, BTKI_WEIGHT))
    return docs


def build_index(btki_rows=None) -> Index:
    docs = _documents(btki_rows)
    normalised = [textmod.normalize(t) for t, _, _ in docs]
    keep = [i for i, n in enumerate(normalised) if n]
    normalised = [normalised[i] for i in keep]
    docs = [docs[i] for i in keep]
    labels = sorted({c for _, c, _ in docs} | {c[:4] for _, c, _ in docs})
    # documents sorted by label, so a label's documents are one contiguous run of columns
    by_label = sorted(range(len(docs)), key=lambda i: docs[i][1])
    docs = [docs[i] for i in by_label]
    normalised = [normalised[i] for i in by_label]
    pos = {c: i for i, c in enumerate(labels)}
    codes = np.array([pos[c] for _, c, _ in docs])
    weights = np.array([w for _, _, w in docs], dtype=np.float32)
    word = TfidfVectorizer(
        analyzer="word",
        token_pattern=r"\S+",
        ngram_range=(1, 2),
        sublinear_tf=True,
        dtype=np.float32,
    )
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=1, dtype=np.float32
    )
    wd = word.fit_transform(normalised).T.tocsr()
    cd = char.fit_transform(normalised).T.tocsr()
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(len(labels)))
    parent = np.array([pos[c[:4]] for c in labels])
    heads = np.array([i for i, c in enumerate(labels) if len(c) == 4])
    ends = np.r_[heads[1:], len(labels)]
    group_end = np.empty(len(labels), dtype=np.int64)
    for h, e in zip(heads, ends, strict=True):
        group_end[h:e] = e
    return Index(
        codes, weights, labels, word, char, wd, cd, order, starts, parent, heads, group_end
    )


_INDEX: Index | None = None
_BTKI_PATH: str | None = None


def get_index() -> Index:
    global _INDEX
    if _INDEX is None:
        rows = load_btki(_BTKI_PATH) if _BTKI_PATH else None
        _INDEX = build_index(rows)
    return _INDEX


def use_btki(path: str | Path | None) -> None:
    """Add (or, with None, remove) the BTKI 2022 book's descriptions to the index."""
    global _BTKI_PATH, _INDEX
    _BTKI_PATH = str(path) if path else None
    _INDEX = None


def load_btki(path: str | Path, languages=("id", "en")) -> list[tuple[str, str]]:
    """Rows of a BTKI 2022 CSV (hs_code, description_id, description_en, hs_level) as
    (text, HS-4/HS-6 code). Dash-indented rows ("- - Lain-lain") get their ancestors' text."""
    out: list[tuple[str, str]] = []
    stack: dict[str, list[str]] = {lang: [] for lang in languages}
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = re.sub(r"\D", "", row.get("hs_code", ""))
            if len(code) < 4:
                continue
            label = code[:6] if len(code) >= 6 else code[:4]
            for lang in languages:
                raw = (row.get(f"description_{lang}") or "").strip()
                lead = re.match(r"^[\s\-–]*", raw)
                depth = len(lead.group(0).replace(" ", "")) if lead else 0
                clean = raw.lstrip("-– ").rstrip(": ").strip()
                st = stack[lang]
                if len(code) == 4:
                    st[:] = [clean]
                else:
                    del st[depth + 1 :]
                    while len(st) <= depth:
                        st.append("")
                    st[depth] = clean
                context = " ".join(s for s in st if s)
                if context:
                    out.append((context, label))
    return out


def _score_codes(index: Index, normalised: list[str], heads_of: list[str] | None = None):
    """queries × labels: best weighted cosine per label, HS-4 labels raised by their children.

    `heads_of` (normalised goods parts, "" when the same as the text): the goods part is
    repeated in the query, so in "machines for moulding earthenware pipes" the machines count
    more than the pipes (one pass: no second scoring)."""
    if heads_of is not None and HEAD_REPEAT > 0:
        normalised = [
            n + f" | {h}" * int(HEAD_REPEAT) if h and h != n else n
            for n, h in zip(normalised, heads_of, strict=True)
        ]
    return _score_plain(index, normalised)


def _score_plain(index: Index, normalised: list[str]):
    qw, qc = index.vectorise(normalised)
    sims = (WORD_WEIGHT * (qw @ index.word_docs) + CHAR_WEIGHT * (qc @ index.char_docs)).toarray()
    sims *= index.weights[None, :]
    per_label = np.maximum.reduceat(sims, index.starts, axis=1)
    # a heading collects the evidence of its subheadings
    heads = np.zeros_like(per_label)
    heads[:, index.heads] = np.maximum.reduceat(per_label, index.heads, axis=1)
    return per_label, heads


def _goods(text: str) -> str:
    return textmod.normalize(textmod.goods_head(text))


def rank(texts: list[str], level: int = 4, top_k: int = 5) -> list[list[tuple[str, float]]]:
    """Ranked codes of exactly `level` (4 or 6) digits, for benchmarks and blocking."""
    index = get_index()
    labels = np.array(index.labels)
    is_level = np.array([len(c) == level for c in index.labels])
    out = []
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        normalised = [textmod.normalize(t) for t in chunk]
        own, heads = _score_codes(index, normalised, [_goods(t) for t in chunk])
        scores = heads if level == 4 else np.maximum(own, 0.5 * (own + heads[:, index.parent]))
        scores = np.where(is_level[None, :], scores, -1.0)
        for row in scores:
            top = np.argsort(-row, kind="stable")[:top_k]
            out.append([(labels[i], float(row[i])) for i in top if row[i] > 0])
    return out


def classify(texts, top_k: int = 5) -> list[list[dict]]:
    """Per text, the best HS codes: HS-6 where the evidence points at a subheading, else HS-4."""
    if isinstance(texts, str):
        texts = [texts]
    index = get_index()
    cat = catalogue()
    keys = [(textmod.normalize(t), _goods(t)) for t in texts]
    distinct = sorted(set(keys))
    chunks = [distinct[start : start + CHUNK] for start in range(0, len(distinct), CHUNK)]

    def run(chunk: list[tuple[str, str]]) -> list[list[dict]]:
        own, heads = _score_codes(index, [n for n, _ in chunk], [g for _, g in chunk])
        return [
            _pick(index, cat, own[r], heads[r], top_k) if norm else []
            for r, (norm, _) in enumerate(chunk)
        ]

    if len(chunks) > 2:  # sparse products and reductions release the GIL: use both cores
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            picked = list(pool.map(run, chunks))
    else:
        picked = [run(chunk) for chunk in chunks]
    found = {
        k: p
        for chunk, ps in zip(chunks, picked, strict=True)
        for k, p in zip(chunk, ps, strict=True)
    }
    return [[dict(c) for c in found[k]] for k in keys]


def _pick(index: Index, cat, own: np.ndarray, heads: np.ndarray, top_k: int) -> list[dict]:
    labels = index.labels
    result: list[dict] = []
    m = min(len(heads) - 1, top_k * 3)
    shortlist = np.argpartition(-heads, m)[: m + 1]
    head_order = shortlist[np.lexsort((shortlist, -heads[shortlist]))]
    for h in head_order:
        score = float(heads[h])
        if score <= 0 or len(result) >= top_k:
            break
        if result and score < MIN_RELATIVE * result[0]["score"]:
            break  # the tail is noise
        if index.parent[h] != h:
            continue
        code = labels[h]
        # the best subheading of this heading, if it carries (almost) all the evidence
        best_child, best = None, 0.0
        end = index.group_end[h]
        if end > h + 1:
            j = h + 1 + int(np.argmax(own[h + 1 : end]))
            best_child, best = labels[j], float(own[j])
        if best_child and best >= 0.97 * score:
            code = best_child
        result.append({"hs": code, "score": round(min(score, 1.0), 4), "name": cat.name(code)})
    return result
