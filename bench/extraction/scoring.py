"""Score the graph's statements against gold rows: per label precision, recall, F1.

Gold and system cut the text into statements independently, so each system statement is
assigned to the gold row it belongs to (the row whose quote it contains, else the row it
overlaps most). A gold row's prediction is then the union over its system statements; a system
statement that belongs to no gold row still counts against precision, so over-extraction is
visible. Targets, companies and places are scored as sets per row, micro-averaged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bench.extraction.align import quotes_agree, squash
from bench.extraction.annotations import COMPANIES, IMPLICIT_COMPANIES, GoldRow, GoldTarget
from bench.extraction.system import SystemStatement, SystemTarget

CITY = "https://w3id.org/dortmund-kg/id/place/dortmund"


@dataclass
class Counts:
    """True and false positives and negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Scores:
    """Everything measured on one set of gold rows."""

    statements: int = 0
    found: int = 0  # gold rows with at least one system statement
    pledge: Counts = field(default_factory=Counts)
    modality_total: int = 0
    modality_correct: int = 0
    modality_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    explicit: Counts = field(default_factory=Counts)
    implicit: Counts = field(default_factory=Counts)
    per_company: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {"explicit": defaultdict(Counts), "implicit": defaultdict(Counts)}
    )
    targets: Counts = field(default_factory=Counts)
    targets_exact: int = 0
    places: Counts = field(default_factory=Counts)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def modality_accuracy(self) -> float:
        return self.modality_correct / self.modality_total if self.modality_total else 1.0

    @property
    def targets_exact_share(self) -> float:
        return self.targets_exact / self.targets.tp if self.targets.tp else 1.0

    def error(self, kind: str, where: str) -> None:
        self.errors[kind] += 1
        if len(self.examples[kind]) < 5:
            self.examples[kind].append(where)


def assign(
    gold: Sequence[GoldRow], system: Iterable[SystemStatement]
) -> tuple[dict[int, list[SystemStatement]], list[SystemStatement]]:
    """Each system statement to the index of its gold row; the ones that belong to none."""
    by_row: dict[int, list[SystemStatement]] = defaultdict(list)
    orphans: list[SystemStatement] = []
    for statement in system:
        best: tuple[int, int] | None = None
        best_index = -1
        for index, row in enumerate(gold):
            if row.doc != statement.doc:
                continue
            overlap = (
                min(row.line_end, statement.line_end)
                - max(row.line_start, statement.line_start)
                + 1
            )
            if overlap <= 0:
                continue
            contains = int(quotes_agree(row.quote, statement.verbatim))
            key = (contains, overlap)
            if best is None or key > best:
                best, best_index = key, index
        if best is None:
            orphans.append(statement)
        else:
            by_row[best_index].append(statement)
    return by_row, orphans


def _primary(row: GoldRow, statements: list[SystemStatement]) -> SystemStatement | None:
    for statement in statements:
        if quotes_agree(row.quote, statement.verbatim):
            return statement
    return statements[0] if statements else None


def _unit_key(unit: str) -> str:
    key = squash(unit.replace("%", "prozent").replace("€", "euro"))
    return {"percent": "prozent", "eur": "euro"}.get(key, key)


def units_agree(a: str, b: str) -> bool:
    """Units agree up to inflection ("Wohnung"/"Wohnungen") and spelling ("%"/"Prozent")."""
    ka, kb = _unit_key(a), _unit_key(b)
    if ka == kb:
        return True
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 3 and long_.startswith(short[: max(3, len(short) - 1)])


def _target_matches(g: GoldTarget, s: SystemTarget) -> bool:
    if g.value is not None:
        return s.value is not None and s.value == g.value
    return s.value is None and g.year is not None and s.year == g.year


def _target_exact(g: GoldTarget, s: SystemTarget) -> bool:
    return (
        s.value == g.value and s.year == g.year and (g.value is None or units_agree(g.unit, s.unit))
    )


_CITY_WORDS = {"dortmund", "dortmunder", "dortmunds"}


def _place_word(word: str) -> str:
    """A word of a place name without its genitive "-s" ("des Flughafens")."""
    return word[:-1] if len(word) >= 6 and word.endswith("s") else word


def place_key(name: str) -> str:
    """A place name without generic prefixes, the city's name, inflection, spacing and spelling
    variants: every place here is in Dortmund, so "Dortmunder Flughafens" and the gold set's
    "Flughafen" are one name."""
    words = name.replace("ß", "ss").casefold().replace("-", " ").split()
    kept = [_place_word(w) for w in words if squash(w) not in _CITY_WORDS] or words
    key = squash(" ".join(kept))
    for prefix in ("stadtbezirk", "stadtteil", "quartier"):
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            key = key[len(prefix) :]
    return key.replace("strasse", "str")


def _score_sets(counts: Counts, gold: set[str], got: set[str]) -> tuple[set[str], set[str]]:
    counts.tp += len(gold & got)
    counts.fp += len(got - gold)
    counts.fn += len(gold - got)
    return gold - got, got - gold


def score(gold: Sequence[GoldRow], system: Sequence[SystemStatement]) -> Scores:
    """Scores of ``system`` (already restricted to the gold rows' part of the text)."""
    scores = Scores(statements=len(gold))
    by_row, orphans = assign(gold, system)
    for index, row in enumerate(gold):
        statements = by_row.get(index, [])
        where = f"{row.doc}:{row.line_start}"
        if statements:
            scores.found += 1
        else:
            scores.error("statement not found", where)
        primary = _primary(row, statements)
        system_pledge = primary is not None and primary.pledge
        if row.is_pledge and system_pledge:
            scores.pledge.tp += 1
        elif row.is_pledge:
            scores.pledge.fn += 1
            scores.error("pledge typed context" if primary else "pledge not found", where)
        elif system_pledge:
            scores.pledge.fp += 1
            scores.error("context typed pledge", where)
        if row.is_pledge and system_pledge and primary is not None:
            scores.modality_total += 1
            scores.modality_confusion[(row.modality, primary.modality)] += 1
            if primary.modality == row.modality:
                scores.modality_correct += 1
            else:
                scores.error(f"modality {row.modality} typed {primary.modality}", where)
        _score_row_links(scores, row, statements, where)
    for statement in orphans:
        _score_orphan(scores, statement)
    return scores


def _score_row_links(
    scores: Scores, row: GoldRow, statements: list[SystemStatement], where: str
) -> None:
    explicit = set().union(*(s.explicit for s in statements)) & COMPANIES
    implicit = set().union(*(s.implicit for s in statements)) & IMPLICIT_COMPANIES
    implicit -= explicit
    for label, gold_set, got in (
        ("explicit", set(row.explicit), explicit),
        ("implicit", set(row.implicit), implicit),
    ):
        counts = scores.explicit if label == "explicit" else scores.implicit
        for slug in gold_set | got:
            _score_sets(scores.per_company[label][slug], {slug} & gold_set, {slug} & got)
        missed, extra = _score_sets(counts, gold_set, got)
        for slug in missed:
            scores.error(f"{label} {slug} missed", where)
        for slug in extra:
            scores.error(f"{label} {slug} spurious", where)
    system_targets = [t for s in statements for t in s.targets]
    unmatched = list(system_targets)
    for target in row.targets:
        match = next((s for s in unmatched if _target_matches(target, s)), None)
        if match is None:
            scores.targets.fn += 1
            scores.error("target missed", f"{where} {target.value} {target.unit} {target.year}")
            continue
        unmatched.remove(match)
        scores.targets.tp += 1
        if _target_exact(target, match):
            scores.targets_exact += 1
        else:
            scores.error("target inexact", f"{where} {target} vs {match}")
    scores.targets.fp += len(unmatched)
    for extra_target in unmatched:
        scores.error("target spurious", f"{where} {extra_target.value} {extra_target.unit}")
    places = {iri: names for s in statements for iri, names in s.places.items() if iri != CITY}
    free = dict(places)
    for name in row.places:
        key = place_key(name)
        hit = next(
            (iri for iri, names in free.items() if any(place_key(n) == key for n in names)), None
        )
        if hit is None:
            scores.places.fn += 1
            scores.error("place missed", f"{where} {name}")
        else:
            del free[hit]
            scores.places.tp += 1
    scores.places.fp += len(free)
    for iri in free:
        scores.error("place spurious", f"{where} {iri.rsplit('/', 1)[-1]}")


def _score_orphan(scores: Scores, statement: SystemStatement) -> None:
    where = f"{statement.doc}:{statement.line_start} (no gold statement)"
    if statement.pledge:
        scores.pledge.fp += 1
        scores.error("pledge where gold has no statement", where)
    explicit = statement.explicit & COMPANIES
    implicit = (statement.implicit & IMPLICIT_COMPANIES) - explicit
    scores.explicit.fp += len(explicit)
    scores.implicit.fp += len(implicit)
    for slug in explicit:
        scores.per_company["explicit"][slug].fp += 1
    for slug in implicit:
        scores.per_company["implicit"][slug].fp += 1
    scores.targets.fp += len(statement.targets)
    scores.places.fp += len([iri for iri in statement.places if iri != CITY])
