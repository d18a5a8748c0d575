"""Extract quantities and deadlines from a statement's normalised text as :class:`Target`.

A *target* is what makes a pledge checkable (CPPP): an amount with a unit ("2.500 Wohnungen
jährlich"), optionally per period and bounded ("mindestens 25 km bis 2035"), or a bare deadline
("Klimaneutralität bis 2035"). Everything else that looks like a number is *not* a target, and
the rules below say why:

* **Names and codes.** A number glued to letters or hyphens is part of a name: "U41", "B1",
  "CO2", "5G", "24h-KiTas", "Tempo-30-Zonen", "365-Euro-Ticket" (a product name; the pledge to
  introduce it is testable by its action, not by a quantity). A number right after a
  capitalised word is a label ("Tempo 30", "RS 1", "L 663 n", "Klima-Luft 2030", "Nr. 1"),
  except after the period words "Jahr"/"Monat"/"Woche"/"Tag" ("jedes Jahr 2.000 Wohnungen").
* **Ordinals and dates.** "2. Stadtkonferenz", "22. März", "21. Jahrhundert" (one or two digits
  and a period).
* **Descriptions of what exists.** A number after a definite determiner ("den 12
  Stadtbezirken", "der über 500 Sportvereine", "alle sechs Sparten") or in a clause with
  "seit", "derzeit", "aktuell", "bisher" ("beträgt derzeit 51 Prozent", "welche seit 2007 bei
  ca. 30 % stagniert"), and the baseline of a change ("von 20
  Prozent … auf 15 Prozent": only 15 is the target).
* **Durations and ages.** Counts of years, months, weeks, days or hours ("seit 74 Jahren", "in
  den nächsten fünf Jahren", "Menschen über 60 Jahren"), unless the duration is what the
  pledge sets ("bei fünf Jahren bleiben", "an 24 Stunden geöffnet").
* **Years that are not deadlines.** Only "bis (zum Jahr|Ende|spätestens) YYYY", "spätestens
  YYYY", "schon YYYY", a sentence-initial "YYYY soll/wird/muss …" and a year dating a goal
  state ("2035 klimaneutral", "Klimaneutralität 2035") are deadlines. A range
  "2020 bis 2025" is a period ("Wahlperiode 2020 bis 2025"); "im September 2020",
  "Kommunalwahl 2020", "Museumsentwicklungsplan 2030", "ab 2021" are not deadlines.

A deadline next to a quantity in the same clause belongs to it ("5.000 Bäumen jährlich bis
2025" is one target with ``target_year=2025``), so it is not reported again on its own.

>>> [(t.quantity, t.unit, t.period, t.target_year) for t in extract_targets(
...     "Neubau von 2.500 Wohnungen jährlich")]
[(Decimal('2500'), 'Wohnungen', 'P1Y', None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from mappings.classify.targets_forms import describes, special_targets
from mappings.records import Target, TargetKind

_WORD_NUMBERS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "fünfzig": 50, "hundert": 100,
    "tausend": 1000,
}  # fmt: skip
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w\-/.,])(?P<num>{_NUM}|(?:{'|'.join(_WORD_NUMBERS)})(?=\s))(?:,-)?", re.I
)
_GLUED_UNIT = re.compile(r"(?:%|€|km/h|km|m²|qm|m)(?![\w\-])")
_SCALE = re.compile(r"\s*(Mio\.|Millionen|Million|Mrd\.|Milliarden|Milliarde|Tsd\.|Tausend)", re.I)
_SCALES = {"mio.": 10**6, "million": 10**6, "millionen": 10**6, "mrd.": 10**9,
           "milliarde": 10**9, "milliarden": 10**9, "tsd.": 10**3, "tausend": 10**3}  # fmt: skip
_NOT_A_UNIT = re.compile(
    r"^(?:Jahr|Jahre|Jahren|Jahres|Monat|Monate|Monaten|Woche|Wochen|Tag|Tage|Tagen|Stunde|"
    r"Stunden|Minute|Minuten|Uhr|Mal|Prozentpunkte|Drittel|Viertel|Hälfte|Prozent)$"
)
# Measure units written after the number; the value is the unit as the graph stores it.
_UNITS: tuple[tuple[str, str], ...] = (
    (r"%|Prozent|v\.\s?H\.", "percent"),
    (r"€|Euro|EUR|EURO", "EUR"),
    (r"km/h", "km/h"),
    (r"km|Kilometer[n]?", "km"),
    (r"m²|qm|Quadratmeter[n]?", "m2"),
    (r"ha|Hektar", "ha"),
    (r"m|Meter[n]?", "m"),
    (r"t|Tonnen", "t"),
    (r"MW|Megawatt", "MW"),
    (r"kWh|Kilowattstunden", "kWh"),
)
_UNIT = re.compile(r"\s*(?:" + "|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(_UNITS)) +
                   r")(?![\w])")  # fmt: skip
# A count noun after up to three lower-case attributes: "2.000 neue und bezahlbare Wohnungen".
_FUNCTION_WORD = (
    r"(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|auf|in|im|an|am|zu|zum|zur|von|"
    r"vom|mit|bei|für|über|unter|nach|aus|durch|um|bis|als|pro|je|ab|seit|und|oder|sowie|n)\b"
)
_ATTRIBUTE = rf"(?!{_FUNCTION_WORD})[a-zäöüß][\w\-]*"
_COUNT_NOUN = re.compile(
    rf"(?:\s+{_ATTRIBUTE}(?:\s+(?:und|oder)\s+{_ATTRIBUTE})?)?(?:\s+{_ATTRIBUTE})?\s+"
    rf"(?!(?i:{_FUNCTION_WORD}|wir\b|sie\b|es\b|ich\b|ihr\b|man\b|dies\w*))"
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*[a-zäöüß])\b"
)
_PERIODS: tuple[tuple[str, str], ...] = (
    (r"jährlich\w*|pro\s+Jahr|im\s+Jahr|jedes\s+Jahr|je\s+Jahr|/\s?Jahr|p\.\s?a\.", "P1Y"),
    (r"monatlich\w*|pro\s+Monat|im\s+Monat|jeden\s+Monat|/\s?Monat", "P1M"),
    (r"wöchentlich\w*|pro\s+Woche|jede\s+Woche|/\s?Woche", "P1W"),
    (r"täglich\w*|pro\s+Tag|am\s+Tag|jeden\s+Tag", "P1D"),
)
# Checked in this order, so that "nicht mehr als" is a bound from above.
_COMPARISONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bnicht\s+mehr\s+als\s+$", re.I), "atMost"),
    (re.compile(r"\bnicht\s+weniger\s+als\s+$", re.I), "atLeast"),
    (re.compile(r"\b(?:mindestens|wenigstens|mehr\s+als|über)\s+$|\bmind\.\s*$", re.I),
     "atLeast"),
    (re.compile(r"\b(?:höchstens|maximal|bis\s+zu|weniger\s+als|unter)\s+$|\bmax\.\s*$",
                re.I), "atMost"),
    (re.compile(r"\b(?:rund|etwa|circa|ungefähr|knapp)\s+$|\bca\.\s*$", re.I), "approx"),
)  # fmt: skip
_LABEL_BEFORE = re.compile(r"(?:^|[\s/(])(?P<word>[A-ZÄÖÜ][\w\-.]*)\s+$")
_PERIOD_WORDS = re.compile(r"^(?:Jahr|Jahre|Jahren|Monat|Monaten|Woche|Wochen|Tag|Tagen)$")
_GOAL_DURATION_BEFORE = re.compile(r"\b(?:an|bei|auf|um)\s+$")
_DURATION = re.compile(r"\s+(?P<unit>Jahren?|Jahre|Monaten?|Wochen?|Tagen?|Tage|Stunden?)\b")
_DURATION_UNITS = {"jah": "Jahre", "mon": "Monate", "woc": "Wochen", "tag": "Tage",
                   "stu": "Stunden"}  # fmt: skip
_YEAR = r"(?:19|20)\d\d"
_DEADLINE = re.compile(
    rf"(?<![\d\-–])(?<!{_YEAR} )"  # "2020 bis 2025" is a period, not a deadline
    rf"\b(?i:(?:bis|spätestens)\s+(?:zum\s+Jahr\s+|zum\s+Jahre\s+|Ende\s+|spätestens\s+|"
    rf"(?:im\s+)?Jahr\s+)?|schon\s+(?:im\s+Jahr\s+)?)(?P<year>{_YEAR})\b(?!\s*(?:bis|-|–)\s*\d)"
)
_LEADING_YEAR = re.compile(
    rf"(?:^|(?<=[.!?:]\s))(?P<year>{_YEAR})\s+(?:soll|sollen|wird|werden|muss|müssen|will)\b"
)
# A year that dates a goal state (guideline §5: "2035 klimaneutral" → 2035): right before the
# state's adjective or right after its noun ("Klimaneutralität 2035").
_GOAL_STATE = r"(?:klima|treibhausgas|CO2-?|co2-?)neutral|emissionsfrei|autofrei|barrierefrei"
_STATE_YEAR = re.compile(
    rf"\b(?P<year>{_YEAR})\s+(?i:{_GOAL_STATE})\w*"
    rf"|(?i:{_GOAL_STATE})(?:ität|heit)\s+(?P<year2>{_YEAR})\b(?!\s*(?:bis|-|–)\s*\d)"
)
_CLAUSE_BREAK = re.compile(r"[;()]|\.\s|,\s+(?:und\s+)?(?:um|damit|wobei|sodass|da|weil)\b")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    target: Target


def extract_targets(text: str) -> tuple[Target, ...]:
    """All targets in ``text``, in order of appearance.

    >>> [(t.kind.value, t.target_year) for t in extract_targets("Klimaneutralität bis 2035")]
    [('deadline', 2035)]
    >>> extract_targets("Programm zur Kommunalwahl 2020 seit 74 Jahren")
    ()
    """
    deadlines = _deadlines(text)
    quantities = _quantities(text)
    for start, end, target in special_targets(text):  # Tempo 30, halbieren, bis 1 Uhr, …
        if not any(start < q.end and q.start < end for q in quantities):
            quantities.append(_Hit(start, end, target))
    quantities.sort(key=lambda h: h.start)
    hits: list[_Hit] = []
    used: set[int] = set()
    for q in quantities:
        year = _nearest_deadline(text, q, deadlines, used)
        target = q.target
        if year is not None:
            d = deadlines[year]
            used.add(year)
            lo, hi = min(q.start, d[0]), max(q.end, d[1])
            target = Target(
                kind=TargetKind.QUANTITY,
                text=text[lo:hi],
                quantity=target.quantity,
                unit=target.unit,
                period=target.period,
                target_year=d[2],
                comparison=target.comparison,
            )
            q = _Hit(lo, hi, target)
        hits.append(q)
    for i, (a, b, year) in enumerate(deadlines):
        if i not in used:
            hits.append(_Hit(a, b, Target(kind=TargetKind.DEADLINE, text=text[a:b],
                                          target_year=year)))  # fmt: skip
    return tuple(h.target for h in sorted(hits, key=lambda h: h.start))


def _deadlines(text: str) -> list[tuple[int, int, int]]:
    found = [(m.start(), m.end(), int(m.group("year"))) for m in _DEADLINE.finditer(text)]
    for m in _LEADING_YEAR.finditer(text):
        found.append((m.start("year"), m.end("year"), int(m.group("year"))))
    for m in _STATE_YEAR.finditer(text):
        group = "year" if m.group("year") else "year2"
        if not any(a <= m.start(group) < b for a, b, _ in found):
            found.append((m.start(group), m.end(group), int(m.group(group))))
    return sorted(found)


def _nearest_deadline(
    text: str, q: _Hit, deadlines: list[tuple[int, int, int]], used: set[int]
) -> int | None:
    """Index of the unused deadline in the same clause as ``q`` (after it first, then before)."""
    chosen: int | None = None
    best: tuple[int, int] | None = None
    for i, (a, b, _) in enumerate(deadlines):
        if i in used:
            continue
        if a >= q.end:
            gap, rank = text[q.end : a], (0, a - q.end)
        elif b <= q.start:
            gap, rank = text[b : q.start], (1, q.start - b)
        else:
            continue
        if len(gap) > 60 or _CLAUSE_BREAK.search(gap) or _NUMBER.search(gap):
            continue
        if best is None or rank < best:
            best, chosen = rank, i
    return chosen


def _quantities(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _NUMBER.finditer(text):
        raw, start, end = m.group("num"), m.start(), m.end()
        before = text[:start]
        if re.fullmatch(_YEAR, raw) or describes(before):
            continue  # a four-digit year is a deadline or nothing, never a quantity
        nxt = text[end : end + 1]
        if nxt == "." and raw.isdigit() and len(raw) <= 2 and not _SCALE.match(text, end):
            continue  # an ordinal: "2. Stadtkonferenz", "22. März"
        if nxt == "-" or (nxt.isalpha() and not _GLUED_UNIT.match(text, end)):
            continue  # part of a name: "365-Euro-Ticket", "5G", "24h-KiTas"
        value = _number(raw)
        scale = _SCALE.match(text, end)
        if scale:
            value *= _SCALES[scale.group(1).lower()]
            end = scale.end()
        measured = bool(_UNIT.match(text, end))
        unit, end = _unit(text, end)
        if unit is None:
            unit, end = _goal_duration(text, start, end)
        if unit is None or _is_baseline(text, start, end):
            continue
        if not measured and _is_label(before):  # "Zentrum Nr. 1", "RS 1", "Linie 440"
            continue
        comparison = "exactly"
        for pattern, kind in _COMPARISONS:
            bound = pattern.search(before)
            if bound:
                comparison, start = kind, bound.start()
                break
        period, start, end = _period(text, start, end)
        target = Target(
            kind=TargetKind.QUANTITY, text=text[start:end], quantity=value, unit=unit,
            period=period, comparison=comparison,
        )  # fmt: skip
        hits.append(_Hit(start, end, target))
    return hits


def _is_label(before: str) -> bool:
    m = _LABEL_BEFORE.search(before)
    if not m:
        return False
    word = m.group("word")
    if _PERIOD_WORDS.match(word):
        return False
    head = before[: m.start("word")].rstrip()
    return bool(head) and head[-1] not in ".!?:–-"  # a capitalised sentence start is no label


def _unit(text: str, end: int) -> tuple[str | None, int]:
    m = _UNIT.match(text, end)
    if m:
        for i, (_, name) in enumerate(_UNITS):
            if m.group(f"u{i}"):
                return name, m.end()
    n = _COUNT_NOUN.match(text, end)
    if n:
        noun = n.group("noun")
        if _NOT_A_UNIT.match(noun):
            return None, end
        return _nominative_plural(noun), n.end()
    return None, end


def _goal_duration(text: str, start: int, end: int) -> tuple[str | None, int]:
    """A duration that is itself what the pledge sets: "bei fünf Jahren bleiben", "an 24
    Stunden und an 7 Tagen geöffnet" (not "in den nächsten fünf Jahren", "seit 74 Jahren")."""
    if not _GOAL_DURATION_BEFORE.search(text[max(0, start - 20) : start]):
        return None, end
    m = _DURATION.match(text, end)
    if not m:
        return None, end
    return _DURATION_UNITS[m.group("unit")[:3].lower()], m.end()


def _nominative_plural(noun: str) -> str:
    """Undo the dative plural ``-n`` of nouns whose plural ends in ``-e``/``-er``.

    "mit 5.000 Bäumen" → "Bäume", "von Kindern" → "Kinder"; plurals in ``-en`` ("Wohnungen",
    "Stunden") have no extra ``-n`` and stay. The umlaut marks a plural stem ("Bäum-e").
    """
    if noun.endswith("ern"):
        return noun[:-1]
    if noun.endswith("en") and re.search(r"[äöü][^äöü]*en$", noun) and not noun.endswith("ungen"):
        return noun[:-1]
    return noun


def _is_baseline(text: str, start: int, end: int) -> bool:
    """``von N`` followed by ``auf M`` in the same clause: N is where a change starts."""
    if not re.search(r"\bvon\s+$", text[:start]):
        return False
    rest = text[end : end + 60]
    return bool(re.match(r"[^.;]*?\bauf\s+(?:" + _NUM + r")", rest))


def _period(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """The period named right after (up to 25 chars) or right before (up to 30 chars)."""
    after = text[end : end + 30]
    for pattern, value in _PERIODS:
        m = re.match(rf"(?:\s+[\w\-]+){{0,2}}?\s*(?:{pattern})\b", after)
        if m and not _NUMBER.search(after[: m.start(0) + len(m.group(0))]):
            return value, start, end + m.end()
    before = text[max(0, start - 40) : start]
    for pattern, value in _PERIODS:
        m = re.search(rf"(?:{pattern})(?:\s+[\w\-]+){{0,2}}?\s+$", before)
        if m and not _NUMBER.search(m.group(0)):
            return value, start - (len(before) - m.start()), end
    return None, start, end


def _number(s: str) -> Decimal:
    """A German-formatted number: "2.500" → 2500, "1,5" → 1.5, "fünf" → 5."""
    word = _WORD_NUMBERS.get(s.lower())
    if word is not None:
        return Decimal(word)
    return Decimal(s.replace(".", "").replace(",", "."))
