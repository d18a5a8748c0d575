"""The alignment method end to end: statements in, relations, progress claims and stances out.

Every pledge keeps its ``NEIGHBOURS`` best-scoring pledges of other documents with a score of
at least ``MIN_SCORE`` (enough for a "similar pledges" list and its recall); the union of those
lists, each pair once, becomes the relations. Pages show the ones at or above
``SHOWN_SCORE`` (the default of the ``similar-pledges`` query), chosen for precision. A progress
claim reports on the best-matching pledge of an earlier document, if one scores at least
``REPORT_SCORE``. The output is sorted: the same statements give the same records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mappings.alignment.progress import claimed_period, is_progress_claim
from mappings.alignment.records import ProgressClaim, Relation, Stance, StatementView
from mappings.alignment.relations import relate, stance_of
from mappings.alignment.similarity import Index

NEIGHBOURS = 10
MIN_SCORE = 0.15
SHOWN_SCORE = 0.35
REPORT_SCORE = 0.25
EVIDENCE = 6


@dataclass(frozen=True)
class Alignment:
    relations: tuple[Relation, ...]
    claims: tuple[ProgressClaim, ...]
    stances: dict[str, Stance]


def align(statements: Sequence[StatementView]) -> Alignment:
    """Relations between pledges of different documents, progress claims and pledge stances."""
    ordered = sorted(statements, key=lambda s: s.iri)
    index = Index.build(ordered)
    pledges = {i for i, s in enumerate(ordered) if s.is_pledge}
    pairs: dict[tuple[int, int], float] = {}
    for i in sorted(pledges):
        for score, j in index.nearest(i, k=NEIGHBOURS, min_score=MIN_SCORE, among=pledges):
            pairs[(min(i, j), max(i, j))] = score
    relations = []
    for (i, j), score in sorted(pairs.items()):
        kind, source, target = relate(ordered[i], ordered[j])
        relations.append(
            Relation(
                source=source.iri,
                target=target.iri,
                type=kind,
                score=score,
                shared_entities=index.entities[i].shared(index.entities[j], limit=EVIDENCE),
                shared_terms=index.terms[i].shared(index.terms[j], limit=EVIDENCE),
            )
        )
    claims = []
    for i, s in enumerate(ordered):
        # a vision describes a wished-for future as if it were done: no claim
        if s.modality == "vision" or not is_progress_claim(s.text):
            continue
        earlier = {j for j in pledges if ordered[j].year < s.year}
        best = index.nearest(i, k=1, min_score=REPORT_SCORE, among=earlier)
        start, end = claimed_period(s.text, document_year=s.year)
        claims.append(ProgressClaim(s.iri, start, end, tuple(ordered[j].iri for _, j in best)))
    stances = {
        s.iri: stance
        for s in ordered
        if s.is_pledge and (stance := stance_of(s.modality, s.text)) is not None
    }
    return Alignment(tuple(relations), tuple(claims), stances)
