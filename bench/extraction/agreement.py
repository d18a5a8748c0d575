"""Inter-annotator agreement (Cohen's κ) per label between two independent passes.

κ corrects raw agreement for the agreement two annotators reach by chance given how often
each uses each category; the issue asks for κ ≥ 0.7 per label before the gold set is trusted.
Set-valued labels (companies, places) are compared as one yes/no decision per row and
candidate, targets as "has a target" per row plus agreement on the values.

>>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "a", "b", "a"]), 2)
0.5
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from bench.extraction.align import pair_rows, squash
from bench.extraction.annotations import COMPANIES, IMPLICIT_COMPANIES, GoldRow


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float:
    """κ of two equally long label sequences; 1.0 when both are constant and equal."""
    if len(first) != len(second):
        raise ValueError("label sequences differ in length")
    n = len(first)
    if n == 0:
        return 1.0
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    ca, cb = Counter(first), Counter(second)
    expected = sum(ca[k] * cb[k] for k in ca.keys() | cb.keys()) / (n * n)
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


@dataclass(frozen=True)
class LabelAgreement:
    label: str
    kappa: float
    observed: float
    items: int

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "label": self.label,
            "kappa": round(self.kappa, 3),
            "observed": round(self.observed, 3),
            "items": self.items,
        }


def _agreement(label: str, first: list[Hashable], second: list[Hashable]) -> LabelAgreement:
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n if n else 1.0
    return LabelAgreement(label, cohen_kappa(first, second), observed, n)


@dataclass(frozen=True)
class Agreement:
    """Agreement of two passes over the same text."""

    rows_a: int
    rows_b: int
    paired: int
    labels: list[LabelAgreement]
    place_names: float  # specific agreement on place names in paired rows
    target_values: float  # share of paired rows with targets in both whose values agree

    @property
    def boundaries(self) -> float:
        total = self.rows_a + self.rows_b
        return 2 * self.paired / total if total else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "rows_a": self.rows_a,
            "rows_b": self.rows_b,
            "paired": self.paired,
            "boundary_agreement": round(self.boundaries, 3),
            "labels": [x.as_dict() for x in self.labels],
            "place_names_specific_agreement": round(self.place_names, 3),
            "target_values_equal_where_both_have_targets": round(self.target_values, 3),
        }


def _binary(
    label: str, pairs: list[tuple[GoldRow, GoldRow]], attr: str, slugs: frozenset[str]
) -> LabelAgreement:
    first: list[Hashable] = []
    second: list[Hashable] = []
    for a, b in pairs:
        for slug in sorted(slugs):
            first.append(slug in getattr(a, attr))
            second.append(slug in getattr(b, attr))
    return _agreement(label, first, second)


def agreement(a_rows: Sequence[GoldRow], b_rows: Sequence[GoldRow]) -> Agreement:
    """κ per label over the paired rows, and how many rows paired at all (boundaries)."""
    pairs = pair_rows(a_rows, b_rows).pairs
    both_pledges = [(a, b) for a, b in pairs if a.is_pledge and b.is_pledge]
    labels = [
        _agreement("kind", [a.kind for a, _ in pairs], [b.kind for _, b in pairs]),
        _agreement(
            "modality", [a.modality for a, _ in both_pledges], [b.modality for _, b in both_pledges]
        ),
        _binary("explicit", pairs, "explicit", COMPANIES),
        _binary("implicit", pairs, "implicit", IMPLICIT_COMPANIES),
        _agreement(
            "targets", [bool(a.targets) for a, _ in pairs], [bool(b.targets) for _, b in pairs]
        ),
        _agreement(
            "places", [bool(a.places) for a, _ in pairs], [bool(b.places) for _, b in pairs]
        ),
    ]
    shared = named = 0
    for a, b in pairs:
        names_a = {squash(p) for p in a.places}
        names_b = {squash(p) for p in b.places}
        shared += len(names_a & names_b)
        named += len(names_a) + len(names_b)
    value_pairs = [(a, b) for a, b in pairs if a.targets and b.targets]
    values_equal = sum(
        {t.value for t in a.targets} == {t.value for t in b.targets} for a, b in value_pairs
    )
    return Agreement(
        rows_a=len(a_rows),
        rows_b=len(b_rows),
        paired=len(pairs),
        labels=labels,
        place_names=2 * shared / named if named else 1.0,
        target_values=values_equal / len(value_pairs) if value_pairs else 1.0,
    )
