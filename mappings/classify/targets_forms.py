"""Targets written without a plain number-and-unit (annotation guideline §5).

The main reader (:mod:`mappings.classify.targets`) takes "2.500 Wohnungen" and "55 Prozent";
these forms carry their number in a word or a name: "Tempo 30" (a speed limit), "bis 1 Uhr"
(a time of day), "5-Minuten-Takt" (an interval), "365-Euro-Ticket" (a price), "verdoppeln" /
"halbieren" (a factor), "die Hälfte" / "ein Drittel" (a share), "einen zweiten" (a count).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from mappings.records import Target, TargetKind

_DESCRIPTIVE = re.compile(
    r"(?:\b(?:der|die|das|den|dem|des|alle|allen|aller|diese[nmr]?|derzeit|aktuell|"
    r"zurzeit|momentan|bisher|bislang|lediglich)\s+(?:\w+\s+)?)$",
    re.I,
)
# A clause that describes what is: "welche seit 2007 bei ca. 30 % stagniert".
_STATE_CLAUSE = re.compile(r"\b(?:seit|derzeit|aktuell|zurzeit|momentan|bisher|bislang)\b", re.I)


def describes(before: str) -> bool:
    """Whether a number after ``before`` describes what exists: a definite determiner right
    before it ("der sechs Recyclinghöfe", "allen sechs Sparten") or a clause about the present
    or the past ("welche seit 2007 bei ca. 30 % stagniert").

    >>> describes("die Öffnungszeiten der "), describes("welche seit 2007 bei ca. ")
    (True, True)
    >>> describes("Wir bauen bis 2030 ")
    False
    """
    clause = re.split(r"[;:()]|[.!?]\s+(?=[A-ZÄÖÜ])|,\s", before)[-1]
    return bool(_DESCRIPTIVE.search(before) or _STATE_CLAUSE.search(clause))


_NUMBER_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "hundert": 100,
}  # fmt: skip
_ORDINAL_WORDS = {"zweite": 2, "dritte": 3, "vierte": 4, "fünfte": 5}
_FORMS: tuple[tuple[re.Pattern[str], str | None, str, str], ...] = (
    # (pattern with group n, fixed value or None, unit, comparison)
    (re.compile(r"\bTempo[- ]?(?P<n>\d{2,3})\b"), None, "km/h", "atMost"),
    (
        re.compile(r"\b(?:bis|auf)\s+(?:ca\.\s+)?(?P<n>\d{1,2})(?:[.:]\d\d)?\s+Uhr\b"),
        None,
        "Uhr",
        "until",
    ),
    # an interval or a reach in minutes: "5-Minuten-Takt", "15-Minuten-Stadt"
    (re.compile(r"\b(?P<n>\d{1,2})[- ]?Minuten[- ]?(?:Takt|Stadt)\w*"), None, "Minuten", "atMost"),
    # a price in a ticket's name, "Euro" also in its OCR form "Furo"
    (re.compile(r"\b(?P<n>\d{1,4})[- ]?(?:Euro|Furo|€)[- ]?Ticket\w*"), None, "EUR", "exactly"),
    # "auf Null senken": the quantity to reach is none
    (re.compile(r"\bauf\s+(?:Null|null)\b"), "0", "Anzahl", "exactly"),
    (re.compile(r"\bverdoppel\w*|\bVerdopplung\w*", re.I), "2", "Faktor", "exactly"),
    (re.compile(r"\bhalbier\w*|\bHalbierung\w*", re.I), "0.5", "Faktor", "exactly"),
    (re.compile(r"\b(?:[Mm]indestens\s+)?(?:die|der)\s+Hälfte\b"), "50", "percent", "exactly"),
    (re.compile(r"\b(?:ein|einem)\s+Drittel\b"), "0.333", "Anteil", "exactly"),
)
# What "auf Null" counts: "die Zahl der Verkehrstoten auf Null senken" → Verkehrstote.
_COUNTED = re.compile(r"\b(?:Zahl|Anzahl)\s+(?:der|an)\s+(?P<noun>[A-ZÄÖÜ]\w+?)(?:n)?\s+$")
_COUNT_WORD = re.compile(
    r"\b(?P<w>"
    + "|".join(w for w in _NUMBER_WORDS if not w.startswith("ein"))
    + r"|(?:einen|eine|ein)\s+(?P<o>"
    + "|".join(_ORDINAL_WORDS)
    + r")[nrs]?)"
    r"\s+(?:(?:neue|weitere|zusätzliche)[nr]?\s+)?(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)"
)
_NOT_COUNTED = re.compile(r"^(?:Jahre\w*|Monate\w*|Wochen|Tage\w*|Mal|Stunden|Minuten)$")


def special_targets(text: str) -> Iterator[tuple[int, int, Target]]:
    """``(start, end, target)`` for each target of the forms above, in text order.

    >>> [(t.quantity, t.unit) for _, _, t in special_targets("Tempo 30 in Wohngebieten")]
    [(Decimal('30'), 'km/h')]
    >>> [(t.quantity, t.unit) for _, _, t in special_targets("den Fleischkonsum halbieren")]
    [(Decimal('0.5'), 'Faktor')]
    >>> [(t.quantity, t.unit) for _, _, t in special_targets("drei neue Gesamtschulen")]
    [(Decimal('3'), 'Gesamtschulen')]
    """
    for pattern, fixed, unit, comparison in _FORMS:
        for m in pattern.finditer(text):
            value = Decimal(fixed if fixed is not None else m.group("n"))
            counted = _COUNTED.search(text[max(0, m.start() - 60) : m.start()])
            what = counted.group("noun") if unit == "Anzahl" and counted else unit
            at_least = m.group().lower().startswith("mindestens")
            yield m.start(), m.end(), Target(
                kind=TargetKind.QUANTITY, text=m.group(), quantity=value,
                unit=what, comparison="atLeast" if at_least else comparison,
            )  # fmt: skip
    for m in _COUNT_WORD.finditer(text):
        if _NOT_COUNTED.match(m.group("noun")) or describes(text[: m.start()]):
            continue  # "der sechs Recyclinghöfe" describes what exists
        word = (m.group("o") or m.group("w")).lower()
        count = _ORDINAL_WORDS.get(word) or _NUMBER_WORDS[word]
        yield m.start(), m.end(), Target(
            kind=TargetKind.QUANTITY, text=m.group(), quantity=Decimal(count),
            unit=m.group("noun"), comparison="exactly",
        )  # fmt: skip
