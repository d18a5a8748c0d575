"""Cohen's κ and the pairing of two passes: the figures the annotation is trusted by."""

from __future__ import annotations

import pytest

from bench.extraction.agreement import agreement, cohen_kappa
from bench.extraction.annotations import parse_row


def row(line: int, quote: str, kind: str = "pledge", implicit: str = ""):  # type: ignore[no-untyped-def]
    modality = "commitment" if kind == "pledge" else ""
    return parse_row(
        "d", [str(line), str(line), quote, kind, modality, "", implicit, "", "", ""], "t"
    )


def test_kappa_of_identical_labels_is_one_and_of_chance_labels_is_zero() -> None:
    assert cohen_kappa(["a", "b", "a", "b"], ["a", "b", "a", "b"]) == 1.0
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == pytest.approx(0.0)


def test_kappa_rejects_sequences_of_different_length() -> None:
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])


def test_passes_pair_by_quote_even_when_one_starts_a_word_later() -> None:
    a = [
        row(1, "Dafür werden wir die Busse elektrifizieren"),
        row(2, "Der Himmel ist blau", "context"),
    ]
    b = [row(1, "die Busse elektrifizieren und mehr"), row(2, "Der Himmel ist blau", "context")]
    result = agreement(a, b)
    assert result.paired == 2 and result.boundaries == 1.0


def test_disagreeing_kind_lowers_kappa() -> None:
    a = [
        row(n, f"Satz Nummer {n} lautet so", "pledge" if n % 2 else "context") for n in range(1, 9)
    ]
    b = [row(n, f"Satz Nummer {n} lautet so", "pledge") for n in range(1, 9)]
    kind = next(x for x in agreement(a, b).labels if x.label == "kind")
    assert kind.kappa < 0.5


def test_a_statement_split_in_two_leaves_an_unpaired_row() -> None:
    a = [row(1, "Erster Satz hier. Zweiter Satz dort.")]
    b = [row(1, "Erster Satz hier."), row(1, "Zweiter Satz dort.")]
    result = agreement(a, b)
    assert result.paired == 1 and result.boundaries < 1.0
