"""What a build reports about itself, typed: per document, the validation, the graph sizes.

The same record is returned by :func:`graph_build.pipeline.build`, printed by the command line,
read by the benches and written as ``summary.json`` (:meth:`BuildSummary.to_json`, keys in a
fixed order), so no reader looks values up by string keys.

>>> doc = DocumentSummary(3, 2, {"commitment": 2, "statement": 1}, 1, 1, 0, 0)
>>> s = BuildSummary("0.1.0", {"d": doc}, {"g": 10}, ValidationSummary(True, 0, 1), {"total": 1.0})
>>> s.triples_total, s.pledges
(10, 2)
>>> BuildSummary.from_json(s.to_json()) == s
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from mappings.records import ParsedDocument


@dataclass(frozen=True)
class DocumentSummary:
    """One document: how many statements and pledges (by modality), targets and parts."""

    statements: int
    pledges: int
    by_modality: dict[str, int]
    targets: int
    sections: int
    footnotes: int
    signatories: int

    @classmethod
    def of(cls, parsed: ParsedDocument) -> DocumentSummary:
        by_modality = Counter(s.modality.value for s in parsed.statements)
        return cls(
            statements=len(parsed.statements),
            pledges=len(parsed.pledges),
            by_modality=dict(sorted(by_modality.items())),
            targets=sum(len(s.targets) for s in parsed.pledges),
            sections=len(parsed.sections),
            footnotes=len(parsed.footnotes),
            signatories=len(parsed.signatories),
        )


@dataclass(frozen=True)
class ValidationSummary:
    """SHACL's verdict on the build (a build with violations is never written)."""

    conforms: bool
    violations: int
    warnings: int


@dataclass(frozen=True)
class BuildSummary:
    """The whole build: version, documents in registry order, quads per graph, validation,
    seconds per stage (summed over workers) and ``total`` (wall)."""

    version: str
    documents: dict[str, DocumentSummary]
    triples: dict[str, int]
    validation: ValidationSummary
    seconds: dict[str, float]

    @property
    def triples_total(self) -> int:
        """All quads: the graphs' parts are disjoint lines of the dump."""
        return sum(self.triples.values())

    @property
    def pledges(self) -> int:
        return sum(d.pledges for d in self.documents.values())

    def to_json(self) -> dict[str, Any]:
        """The ``summary.json`` form (its keys and their order are what readers rely on)."""
        return {
            "version": self.version,
            "documents": {k: asdict(d) for k, d in self.documents.items()},
            "triples": dict(self.triples),
            "triples_total": self.triples_total,
            "validation": asdict(self.validation),
            "seconds": dict(self.seconds),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BuildSummary:
        return cls(
            version=data["version"],
            documents={k: DocumentSummary(**d) for k, d in data["documents"].items()},
            triples=dict(data["triples"]),
            validation=ValidationSummary(**data["validation"]),
            seconds=dict(data["seconds"]),
        )
