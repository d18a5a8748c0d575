"""German morphology for the linker: lemmas and compound constituents from HanTa.

HanTa (Hanover Tagger) ships its German morphology model inside the package, so it runs offline
with no download; it splits a compound into its stems, linking elements and suffixes
("Bushaltestellen" → bus | halt | e | stelle | n), which lets a rule see the head of a compound
("Haltestellenbeleuchtung" is about a Haltestelle) and tell a modifier from a name
("Innenstadtparkplatzflächen" is no mention of the Innenstadt). Results are cached per word: the
analysis costs about 3 ms and the linker asks only for words that may hold a known term.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

_UMLAUT = str.maketrans("äöü", "aou")  # a stem's plural variant: Höfe → höf ~ hof


@cache
def _tagger() -> Any:
    from HanTa import HanoverTagger  # loads numpy and the 15 MB model: only when needed

    return HanoverTagger.HanoverTagger("morphmodel_ger.pgz")


@lru_cache(maxsize=1 << 16)
def _analysis(word: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    lemma, parts, _tag = _tagger().analyze(word, taglevel=3)
    return str(lemma), tuple((str(p), str(t)) for p, t in parts)


def lemma(word: str) -> str:
    """The lower-case lemma of a word.

    >>> lemma("Recyclinghöfe")
    'recyclinghof'
    """
    return _analysis(word)[0]


def stems(word: str) -> tuple[str, ...]:
    """The stems of a (compound) word in order, lower case; linking elements and suffixes dropped.

    >>> stems("Bushaltestellen")
    ('bus', 'halt', 'stelle')
    >>> stems("Stadtbahnnetz")
    ('stadt', 'bahn', 'netz')
    """
    lemma_, parts = _analysis(word)
    found = tuple(p for p, t in parts if t != "FUGE" and not t.startswith("SUF"))
    return found or (lemma_,)


def contains_stems(word: str, term: tuple[str, ...]) -> int | None:
    """Index after the last stem of ``term`` where it occurs as whole stems in ``word``, else None.

    The highest index wins, so the caller can prefer the term nearest the compound's head.

    >>> contains_stems("Haltestellenbeleuchtung", ("halt", "stelle"))
    2
    >>> contains_stems("Busch", ("bus",)) is None
    True
    >>> contains_stems("Wertstoffhöfe", stems("Wertstoffhof"))
    3
    """
    have = tuple(s.translate(_UMLAUT) for s in stems(word))
    term = tuple(s.translate(_UMLAUT) for s in term)
    best: int | None = None
    for i in range(len(have) - len(term) + 1):
        if have[i : i + len(term)] == term:
            best = i + len(term)
    return best


def is_modifier(word: str, name: str) -> bool:
    """Whether ``name`` stands in ``word`` only as the modifier of a longer compound.

    >>> is_modifier("Innenstadtparkplatzflächen", "Innenstadt")
    True
    >>> is_modifier("Westfalenparks", "Westfalenpark")
    False
    """
    if word.casefold() == name.casefold():
        return False
    return lemma(word).casefold() != lemma(name).casefold()
