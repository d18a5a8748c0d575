"""OCR residue: the share of word tokens in ``normalisedText`` that no German lexicon knows.

Names are set aside (the graph's own labels, abbreviations in capitals; words glued to digits
such as "CO2" and "U41" lose their digits). What remains unknown is mostly OCR damage that the
repair missed ("dafilr", "Kindigungssperrfrist"). The lexicon is wordfreq's German word list,
which ships with the package (no download).

>>> tokens("Bürger*innen fiir 2035")
['Bürger', 'innen', 'fiir']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

_WORD = re.compile(r"[A-Za-zÄÖÜäöüßéèáàôçñ]+")


def tokens(text: str) -> list[str]:
    """Alphabetic word tokens (compounds split at hyphens and gender stars)."""
    return [w for w in _WORD.findall(text) if len(w) >= 2]


# OCR confusions seen in German scans: umlauts read as their base letter or as "ii"/"il"/"é",
# "ß" read as "B". A token whose variant is far more frequent is damage, even when the damaged
# form itself occurs in wordfreq's web-derived list ("fiir" has Zipf 2.1, "für" 6.9).
_CONFUSIONS = (
    ("ii", "ü"),
    ("il", "ü"),
    ("i", "ü"),
    ("a", "ä"),
    ("o", "ö"),
    ("u", "ü"),
    ("B", "ß"),
    ("é", "ö"),
    ("é", "ä"),
    ("d", "ä"),
    ("e", "ö"),
)
_MARGIN = 1.5  # Zipf points (a factor of about 30 in frequency)
_FLOOR = 3.0  # a repair must be a common word


def _zipf(word: str) -> float:
    return max(zipf_frequency(word, "de"), zipf_frequency(word.lower(), "de"))


def _variants(word: str) -> set[str]:
    out: set[str] = set()
    for wrong, right in _CONFUSIONS:
        at = word.find(wrong)
        while at != -1:
            out.add(word[:at] + right + word[at + len(wrong) :])
            at = word.find(wrong, at + 1)
    return out


@lru_cache(maxsize=200_000)
def ocr_variant(word: str) -> str | None:
    """A far more frequent word one OCR confusion away, if there is one."""
    own = _zipf(word)
    best = max(_variants(word), key=_zipf, default=None)
    if best is not None and _zipf(best) >= _FLOOR and _zipf(best) - own >= _MARGIN:
        return best
    return None


def _compound(word: str) -> bool:
    lower = word.lower()
    for cut in range(4, len(lower) - 3):
        head, tail = lower[:cut], lower[cut:]
        for joint in ("", "s", "es", "n", "en"):
            if joint and not head.endswith(joint):
                continue
            stem = head[: len(head) - len(joint)] if joint else head
            if (
                len(stem) >= 4
                and _zipf(stem) >= 2.5
                and ocr_variant(stem) is None
                and (_zipf(tail) >= 2.5 and ocr_variant(tail) is None or _compound(tail))
            ):
                return True
    return False


@lru_cache(maxsize=200_000)
def known(word: str) -> bool:
    """Whether the word is German as far as the lexicon can tell: listed (and no likelier OCR
    repair of it is), or a compound of such words ("Haltestellenbeleuchtung")."""
    if ocr_variant(word) is not None:
        return False
    return _zipf(word) > 0 or _compound(word)


@dataclass(frozen=True)
class Residue:
    words: int
    unknown: int
    top: list[tuple[str, int]]

    @property
    def share(self) -> float:
        return self.unknown / self.words if self.words else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "words": self.words,
            "unknown": self.unknown,
            "share": round(self.share, 4),
            "top": self.top,
        }


def residue(texts: Iterable[str], names: set[str], *, top: int = 30) -> Residue:
    """Unknown word tokens over ``texts``, names (lower-cased words of labels) aside."""
    words = 0
    unknown: Counter[str] = Counter()
    for text in texts:
        for word in tokens(text):
            words += 1
            if not (word.isupper() or word.casefold() in names or known(word)):
                unknown[word] += 1
    return Residue(words, sum(unknown.values()), unknown.most_common(top))
