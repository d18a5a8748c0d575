"""Similarity: a shared specific issue outranks a shared broad topic or common words."""

from __future__ import annotations

from mappings.alignment.records import StatementView
from mappings.alignment.similarity import Index


def view(
    doc: str, n: int, text: str, entities: tuple[str, ...] = (), topic: str = "t"
) -> StatementView:
    return StatementView(
        iri=f"https://w3id.org/dortmund-kg/id/statement/{doc}/{n}",
        document=doc,
        year=2020,
        families=frozenset(),
        modality="commitment",
        is_pledge=True,
        text=text,
        line_start=n,
        line_end=n,
        targets=0,
        entities=frozenset(entities),
        topics=frozenset({topic}),
    )


FILLER = [view("z", i, f"Filler Aussage Nummer {i} über Verschiedenes Thema{i}") for i in range(60)]


def test_same_issue_ranks_above_same_topic() -> None:
    query = view(
        "a",
        1,
        "Die Ordnungspartnerschaft von Polizei und Ordnungsamt paritätisch besetzen.",
        ("ordnungsamt",),
    )
    same_issue = view(
        "b",
        1,
        "Paritätische Streifen der Ordnungspartnerschaft aus Polizei und Ordnungsamt.",
        ("ordnungsamt",),
    )
    same_topic = view("b", 2, "Die Feuerwehr besser ausstatten.")
    index = Index.build([query, same_issue, same_topic, *FILLER])
    best = index.nearest(0, k=10, min_score=0.0)
    assert [j for _, j in best][:1] == [1]
    assert 2 not in {j for _, j in best}  # a topic alone is no evidence


def test_statements_of_the_same_document_are_never_candidates() -> None:
    a = view("a", 1, "Radschnellweg Ruhr zügig bauen Radschnellweg")
    b = view("a", 2, "Radschnellweg Ruhr zügig bauen Radschnellweg")
    index = Index.build([a, b, *FILLER])
    assert index.nearest(0, k=10, min_score=0.0) == []


def test_evidence_names_the_rarest_shared_terms_first() -> None:
    a = view("a", 1, "Paritätische Ordnungspartnerschaft stärken und Polizei einbinden")
    b = view("b", 1, "Ordnungspartnerschaft mit Polizei ausbauen")
    index = Index.build([a, b, *FILLER])
    assert set(index.terms[0].shared(index.terms[1], limit=5)) == {
        "ordnungspartnerschaft",
        "polizei",
    }
