"""How much two statements of different documents are about the same specific issue.

Two signals, both weighted by rarity so that what few statements share counts most:

- **terms**: TF-IDF cosine over content lemmas (:mod:`mappings.alignment.lemmas`) and the
  parts of compounds that are lemmas of the corpus themselves ("Radwegesystem" also counts as
  "Radweg", "Ladeinfrastruktur" as "Infrastruktur"): German names one issue in many compounds;
- **entities**: IDF-weighted cosine over the companies, places, projects, lines and actors
  each statement mentions or concerns in the graph, plus its topics at a third of the weight
  (a shared broad topic alone is not a shared issue).

``score = TERM_WEIGHT · terms + (1 − TERM_WEIGHT) · entities``, in [0, 1]. Pairs are found
through inverted indexes, never by comparing every statement with every other, and terms in
more than ``MAX_DF`` of the statements are left out of the index (they cannot make a pair
stand out, and their postings would be most of the work).

A pair is only related with evidence a reader can check: a specific entity both name, two
shared terms, or one shared term rare enough to name an issue by itself ("Nordspange",
"Nachtleben": in at most ``RARE_SHARE`` of the statements).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from mappings.alignment.lemmas import lemmas
from mappings.alignment.records import StatementView

TERM_WEIGHT = 0.6
TOPIC_WEIGHT = 1 / 3
MAX_DF = 0.15
RARE_SHARE = 0.02
MIN_PART = 5  # letters of a compound part that counts as a term of its own
ENTITY_MAX_DF = 0.05  # entities this common (Dortmund itself, the city) are no evidence
MIN_SHARED_TERMS = 2


@dataclass(frozen=True)
class Vector:
    """A sparse vector, L2-normalised."""

    weights: dict[str, float]

    def shared(self, other: Vector, *, limit: int) -> tuple[str, ...]:
        """The shared dimensions that contribute most to the cosine, best first."""
        common = [
            (self.weights[k] * other.weights[k], k)
            for k in self.weights.keys() & other.weights.keys()
        ]
        return tuple(k for _, k in sorted(common, key=lambda c: (-c[0], c[1]))[:limit])


def _normalised(weights: dict[str, float]) -> Vector:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return Vector({k: w / norm for k, w in weights.items()} if norm else {})


def _idf(bags: Sequence[Iterable[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    n = len(bags)
    return {k: math.log((1 + n) / (1 + d)) + 1 for k, d in df.items()}


@dataclass(frozen=True)
class Index:
    """The statements' term and entity vectors and the postings to find candidate pairs."""

    statements: tuple[StatementView, ...]
    terms: tuple[Vector, ...]
    entities: tuple[Vector, ...]
    postings: dict[str, tuple[int, ...]]

    rare_terms: frozenset[str] = frozenset()

    @classmethod
    def build(cls, statements: Sequence[StatementView]) -> Index:
        bags = _with_compound_parts([lemmas(s.text) for s in statements])
        term_idf = _idf(bags)
        rare = _rare(bags, RARE_SHARE)
        ent_bags = [sorted(s.entities | s.topics) for s in statements]
        ent_idf = _idf(ent_bags)
        common = _common(ent_bags, ENTITY_MAX_DF)
        statements = [replace(s, entities=s.entities - common) for s in statements]
        terms = tuple(
            _normalised({t: (1 + math.log(c)) * term_idf[t] for t, c in Counter(bag).items()})
            for bag in bags
        )
        entities = tuple(
            _normalised(
                {e: ent_idf[e] for e in s.entities}
                | {t: ent_idf[t] * TOPIC_WEIGHT for t in s.topics}
            )
            for s in statements
        )
        limit = max(2, int(MAX_DF * len(statements)))
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for i, (tv, s) in enumerate(zip(terms, statements, strict=True)):
            for key in sorted(tv.weights.keys() | s.entities):
                postings[key].append(i)
        kept = {k: tuple(v) for k, v in postings.items() if len(v) <= limit}
        return cls(tuple(statements), terms, entities, kept, rare)

    def score(self, i: int, j: int) -> float:
        return TERM_WEIGHT * _dot(self.terms[i], self.terms[j]) + (1 - TERM_WEIGHT) * _dot(
            self.entities[i], self.entities[j]
        )

    def evidenced(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` share a specific entity, two terms or one rare term."""
        if self.statements[i].entities & self.statements[j].entities:
            return True
        shared = self.terms[i].weights.keys() & self.terms[j].weights.keys()
        return len(shared) >= MIN_SHARED_TERMS or bool(shared & self.rare_terms)

    def candidates(self, i: int) -> set[int]:
        """Statements of other documents that share a rare term or a specific entity with ``i``."""
        own = self.statements[i]
        found: set[int] = set()
        for key in self.terms[i].weights.keys() | own.entities:
            for j in self.postings.get(key, ()):
                if self.statements[j].document != own.document:
                    found.add(j)
        return found

    def nearest(
        self, i: int, *, k: int, min_score: float, among: set[int] | None = None
    ) -> list[tuple[float, int]]:
        """The ``k`` best-scoring candidates of ``i`` (optionally only those in ``among``)."""
        pool = self.candidates(i)
        if among is not None:
            pool &= among
        scored = ((round(self.score(i, j), 4), j) for j in pool if self.evidenced(i, j))
        best = heapq.nlargest(
            k, (c for c in scored if c[0] >= min_score), key=lambda c: (c[0], -c[1])
        )
        return best


def _with_compound_parts(bags: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Each bag with the corpus lemmas its compounds begin or end with, in order.

    >>> _with_compound_parts([("radwegesystem",), ("radweg", "system")])[0]
    ('radwegesystem', 'radweg', 'system')
    """
    vocabulary = {term for bag in bags for term in bag}
    parts: dict[str, tuple[str, ...]] = {}

    def split(term: str) -> tuple[str, ...]:
        found: list[str] = []
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            head, tail = term[:cut], term[cut:]
            if head in vocabulary:
                found.append(head)
            if tail in vocabulary:
                found.append(tail)
        return tuple(dict.fromkeys(found))

    out = []
    for bag in bags:
        extra = [part for term in bag for part in parts.setdefault(term, split(term))]
        out.append(bag + tuple(extra))
    return out


def _rare(bags: Sequence[Iterable[str]], share: float) -> frozenset[str]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    return frozenset(k for k, d in df.items() if d <= max(2, share * len(bags)))


def _common(bags: Sequence[Iterable[str]], share: float) -> frozenset[str]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    return frozenset(k for k, d in df.items() if d > share * len(bags))


def _dot(a: Vector, b: Vector) -> float:
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    return sum(w * large.weights.get(k, 0.0) for k, w in small.weights.items())
