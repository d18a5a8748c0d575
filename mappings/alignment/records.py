"""Typed records at the boundary of the alignment method: what it reads, what it finds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Stance(Enum):
    SUPPORTS = "supports"
    REJECTS = "rejects"


class RelationType(Enum):
    AGREES = "agrees"
    OPPOSES = "opposes"
    CONTINUES = "continues"
    REFINES = "refines"


@dataclass(frozen=True)
class StatementView:
    """One statement as the alignment reads it from the built graph.

    ``entities`` are the specific things it mentions or concerns (companies, places, projects,
    lines, actors); ``topics`` its concepts, kept apart because a shared broad topic is weak
    evidence of a shared issue.
    """

    iri: str
    document: str
    year: int
    families: frozenset[str]  # the top organisations of its authors (faction → party)
    modality: str  # local name: commitment, demand, opposition, review, vision, contextStatement
    is_pledge: bool
    text: str
    line_start: int
    line_end: int
    targets: int
    entities: frozenset[str]
    topics: frozenset[str]


@dataclass(frozen=True)
class Relation:
    """A relation between two statements of different documents, with its evidence."""

    source: str  # dokg:fromStatement
    target: str  # dokg:toStatement
    type: RelationType
    score: float
    shared_entities: tuple[str, ...]
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class ProgressClaim:
    """A statement that reports something as achieved, started or decided."""

    statement: str
    claimed_from: int | None
    claimed_until: int | None
    reports_on: tuple[str, ...]
