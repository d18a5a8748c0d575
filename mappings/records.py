"""Typed records that every parser returns and the RDF mapper consumes.

Parsers differ per text form, but they all describe a document as sections, statements
(with spans into the source), footnotes and signatories. Keeping one record model means the
graph mapping, the counts in ``summary.json`` and the tests speak about the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Modality(StrEnum):
    """What a statement does, after the Comparative Party Pledges Project's notion of a pledge.

    ``STATEMENT`` is context (facts, diagnoses, rhetoric) and is *not* a pledge; every other
    value is.
    """

    COMMITMENT = "commitment"  # "wir werden", "wir wollen", a numbered goal of the author
    DEMAND = "demand"  # addressed to another body: Land, Bund, VRR, a company
    OPPOSITION = "opposition"  # "kein weiterer Ausbau", "nicht weiter akzeptieren"
    REVIEW = "review"  # "Prüfung", "prüfen", "gutachterliche Betrachtung"
    VISION = "vision"  # a goal state described as reached (DOS, Zielbilder)
    STATEMENT = "statement"  # context only, not a pledge

    @property
    def is_pledge(self) -> bool:
        return self is not Modality.STATEMENT


class Testability(StrEnum):
    """Whether fulfilment can be checked objectively (CPPP) or the pledge is aspirational."""

    TESTABLE = "testable"
    ASPIRATIONAL = "aspirational"


class TargetKind(StrEnum):
    QUANTITY = "quantity"  # "2.500 Wohnungen jährlich", "1 Mio. €"
    DEADLINE = "deadline"  # "Klimaneutralität bis 2035" (no number but a year)


@dataclass(frozen=True)
class Span:
    """Where a piece of text stands in its source file.

    Lines are 1-based and inclusive. Character offsets are 0-based, end-exclusive indices into
    the file decoded as UTF-8 (Unicode code points), as Web Annotation's
    ``TextPositionSelector`` counts them; ``source_text[char_start:char_end]`` is the verbatim
    text.
    """

    line_start: int
    line_end: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Target:
    """A structured quantity or deadline inside a statement.

    ``text`` is the surface form as it stands in the normalised text. ``period`` is
    ``"P1Y"`` for "jährlich"/"pro Jahr"/"jedes Jahr", else ``None`` (a total).
    ``comparison`` is ``"atLeast"``, ``"atMost"``, ``"exactly"``, ``"approx"`` (rund, etwa,
    ca.) or ``"until"`` (a time of day: "bis 1 Uhr"), as in guideline §5.
    """

    kind: TargetKind
    text: str
    quantity: Decimal | None = None
    unit: str | None = None
    period: str | None = None
    target_year: int | None = None
    comparison: str = "exactly"


@dataclass(frozen=True)
class Section:
    """A heading of the document; ``key`` is stable (slug of the title path)."""

    key: str
    title: str
    level: int
    span: Span
    parent_key: str | None = None
    ordinal: int = 0
    number: str | None = None  # as printed or repaired: "3" for the OCR's "J."


@dataclass(frozen=True)
class Statement:
    """One extracted unit: a list item, bullet, sentence, vision or Zielbild statement.

    ``verbatim`` is exactly ``source[span.char_start:span.char_end]``. ``normalised`` has OCR
    repaired, line breaks and hyphenation joined, page headers removed. ``section_path`` is the
    human-readable path of headings down to the statement (e.g. ``("Mobilität und
    Infrastruktur", "Ziel 18")``). ``ordinal`` is the 1-based position in the document.
    ``kind`` names the text form (``item``: numbered, lettered or dashed; ``bullet``,
    ``sentence``, ``vision``, ``zielbild``, ``intro-sentence``). ``lead_in`` is the text that
    governs the statement ("Dafür werden wir", "Unsere Ziele sind:"). ``parent`` is the
    ``ordinal`` of the parent statement (a list item for its sub-items, a Zielbild for its
    explanatory sentences).
    ``addressees`` names who a demand is addressed to, as free text ("Land", "Bund").
    ``number`` is the printed number of a numbered item.
    """

    ordinal: int
    kind: str
    section_key: str | None
    section_path: tuple[str, ...]
    verbatim: str
    normalised: str
    span: Span
    modality: Modality
    testability: Testability
    targets: tuple[Target, ...] = ()
    lead_in: str | None = None
    parent: int | None = None
    addressees: tuple[str, ...] = ()
    number: str | None = None

    @property
    def is_pledge(self) -> bool:
        return self.modality.is_pledge


@dataclass(frozen=True)
class Footnote:
    """A numbered footnote (Zielbilder): how a passage changed in the participation process."""

    number: int
    text: str
    normalised: str
    span: Span
    refers_to: tuple[int, ...] = ()  # ordinals of the statements whose text carries the mark


@dataclass(frozen=True)
class Signatory:
    """A person who signed a document, with the role printed under the name."""

    name: str
    role: str
    organisation: str  # as printed, e.g. "Fraktion B90/DIE GRÜNEN", "CDU-Ratsfraktion"
    span: Span


@dataclass
class ParsedDocument:
    """Everything one parser read from one document."""

    doc_id: str
    sections: list[Section] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)

    @property
    def pledges(self) -> list[Statement]:
        return [s for s in self.statements if s.is_pledge]
