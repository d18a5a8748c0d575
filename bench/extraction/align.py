"""Pair the rows of two annotations of the same text (two passes, or gold and a pass).

Two annotators may start a statement's quote a word apart or draw a boundary one line apart;
rows pair when their line ranges overlap and their quotes begin alike, else when they start on
the same line. Each row pairs at most once, so a split or a merge shows as unpaired rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class Spanned(Protocol):
    """Anything with a document, a line range and a quote."""

    @property
    def doc(self) -> str: ...
    @property
    def line_start(self) -> int: ...
    @property
    def line_end(self) -> int: ...
    @property
    def quote(self) -> str: ...


def squash(text: str) -> str:
    """Lower-case letters and digits only: quotes compared without spacing or punctuation."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def quotes_agree(a: str, b: str, *, chars: int = 20) -> bool:
    """Whether one quote begins with the other's first ``chars`` letters, or contains them."""
    sa, sb = squash(a), squash(b)
    head_a, head_b = sa[:chars], sb[:chars]
    return bool(head_a and head_b) and (head_a in sb or head_b in sa)


A = TypeVar("A", bound=Spanned)
B = TypeVar("B", bound=Spanned)


@dataclass(frozen=True)
class Pairing(Generic[A, B]):
    pairs: list[tuple[A, B]]
    only_left: list[A]
    only_right: list[B]


def _overlap(a: Spanned, b: Spanned) -> bool:
    return a.doc == b.doc and a.line_start <= b.line_end and b.line_start <= a.line_end


def pair_rows(left: Sequence[A], right: Sequence[B]) -> Pairing[A, B]:
    """Greedy pairing, best evidence first: quote agreement, then the same first line."""
    candidates: list[tuple[int, int, int]] = []
    by_doc: dict[str, list[int]] = {}
    for j, b in enumerate(right):
        by_doc.setdefault(b.doc, []).append(j)
    for i, a in enumerate(left):
        for j in by_doc.get(a.doc, []):
            b = right[j]
            if not _overlap(a, b):
                continue
            if quotes_agree(a.quote, b.quote):
                candidates.append((0, i, j))
            elif a.line_start == b.line_start:
                candidates.append((1, i, j))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[A, B]] = []
    for _, i, j in sorted(candidates):
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((left[i], right[j]))
    return Pairing(
        pairs,
        [a for i, a in enumerate(left) if i not in used_left],
        [b for j, b in enumerate(right) if j not in used_right],
    )
