"""Text normalisation for Indonesian and English product descriptions.

lowercase → accents folded → trade abbreviations expanded (GKP, CPO, SIR 20, DOC …) →
punctuation removed → stopwords dropped → Indonesian words stemmed with Sastrawi, English
words with a light plural stripper. The same function is applied to catalogue texts, lexicon
terms and queries, so everything meets in one token space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations traders write; expanded in place (the abbreviation itself is kept too).
ABBREVIATIONS: dict[str, str] = {
    "gkp": "gula kristal putih",
    "gkr": "gula kristal rafinasi",
    "gkm": "gula kristal mentah",
    "cpo": "crude palm oil minyak sawit mentah",
    "pko": "palm kernel oil minyak inti sawit",
    "cpko": "crude palm kernel oil minyak inti sawit mentah",
    "rbd": "refined bleached deodorized",
    "tbs": "tandan buah segar kelapa sawit",
    "sir": "standard indonesian rubber karet alam",
    "tsnr": "technically specified natural rubber karet alam",
    "rss": "ribbed smoked sheet karet alam",
    "doc": "day old chick anak ayam",
    "dod": "day old duck anak itik",
    "amdk": "air minum dalam kemasan",
    "mbg": "makan bergizi gratis",
    "ikb": "ikan beku",
    "sbm": "soybean meal bungkil kedelai",
    "ddgs": "distillers dried grains pakan",
    "npk": "pupuk npk",
    "za": "pupuk amonium sulfat",
    "tsp": "pupuk fosfat",
    "sp36": "pupuk fosfat",
    "kcl": "pupuk kalium klorida",
    "led": "led lampu light emitting diode",
    "ac": "conditioner pendingin udara",
    "pvc": "polyvinyl chloride plastik pvc",
    "hdpe": "polyethylene plastik",
    "ldpe": "polyethylene plastik",
    "pp": "polypropylene plastik",
    "mdf": "medium density fibreboard papan serat",
    "ukm": "usaha kecil",
    "umkm": "usaha kecil",
}

# Words that carry no commodity meaning (Indonesian and English).
_STOPWORD_TEXT = """
    yang dan atau untuk dengan dari di ke pada per dalam oleh sebagai serta juga ini itu
    ada adalah akan bisa dapat tidak belum sudah telah lain lainnya kami kita saya kamu anda
    mencari cari butuh membutuhkan kebutuhan dibutuhkan perlu memerlukan jual menjual dijual
    beli membeli dibeli tawar menawarkan supplier suplier pemasok penyedia pembeli produsen
    distributor agen siap kirim pengiriman tersedia stok rutin setiap tiap bulan tahun minggu
    hari kg kilo kilogram ton liter unit pcs lembar pak pack kuintal
    ribu juta rp harga murah terbaik kualitas premium super grade kelas mutu bagus baru asli
    cv pt ud tbk koperasi kud usaha dagang toko
    the a an of and or for with from to in on by at as is are be this that other others
    whether not nor its their than such any all used use kind kinds type types made
    including include includes excluding nes n e s having
    new sale retail
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_SPLIT_NUM_RE = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def fold(text: str) -> str:
    """Lowercase and strip accents; unknown characters become spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower()


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def english_stem(word: str) -> str:
    """A deliberately light plural stripper (no aggressive suffix removal)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


_ENGLISH: set[str] = set()


def register_english_vocabulary(words) -> None:
    """Words seen in English catalogue texts are stemmed as English, not with Sastrawi."""
    _ENGLISH.update(words)
    stem.cache_clear()
    normalize.cache_clear()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word in _ENGLISH or not word.isalpha():
        return english_stem(word)
    stemmed = _stemmer().stem(word)
    if not stemmed or len(stemmed) < 3:
        return word
    return english_stem(stemmed) if stemmed == word else stemmed


def raw_tokens(text: str) -> list[str]:
    """Folded, abbreviation-expanded tokens before stemming and stopword removal."""
    text = fold(text)
    text = text.replace("3 in 1", "3in1").replace("2 in 1", "2in1")
    words = _TOKEN_RE.findall(text)
    out: list[str] = []
    for w in words:
        parts = _SPLIT_NUM_RE.split(w) if not w.endswith("in1") else [w]
        for p in parts:
            expansion = ABBREVIATIONS.get(p)
            out.append(p)
            if expansion:
                out.extend(expansion.split())
    return out


def tokens(text: str) -> list[str]:
    """Stemmed content tokens (stopwords and bare numbers removed, except short grades)."""
    out = []
    for w in raw_tokens(text):
        if w in STOPWORDS:
            continue
        if w.isdigit() and len(w) > 2:
            continue
        out.append(stem(w))
    return out


@lru_cache(maxsize=300_000)
def normalize(text: str) -> str:
    """Token string used by the word and character vectorisers."""
    return " ".join(tokens(text))


# Where the goods end and their purpose, material or features begin: "machines for moulding
# earthenware pipes" are machines, "a shoulder bag made of jute" is a bag, "cengkeh untuk
# pabrik rokok" is cloves.
_GOODS_END = re.compile(
    r"\s(?:for|used|made|featuring|with|containing|consisting|comprising|intended|designed|"
    r"packaged|which|that|suitable|untuk|utk|buat|bagi|dengan|bahan\s+baku)\b|[;(:]",
    re.IGNORECASE,
)


def goods_head(text: str) -> str:
    """The part of a description naming the goods (before "for", "made of", "untuk" …)."""
    return _GOODS_END.split(str(text), maxsplit=1)[0]
