"""Relation typing: opposite stances oppose, a later same-family document continues, a clearly
more specific pledge refines, anything else agrees."""

from __future__ import annotations

from mappings.alignment.records import RelationType, Stance, StatementView
from mappings.alignment.relations import relate, stance_of


def view(
    key: str,
    *,
    year: int,
    family: str,
    text: str,
    modality: str = "commitment",
    targets: int = 0,
    entities: tuple[str, ...] = (),
) -> StatementView:
    return StatementView(
        iri=f"https://w3id.org/dortmund-kg/id/statement/{key}/x",
        document=f"https://w3id.org/dortmund-kg/id/document/{key}",
        year=year,
        families=frozenset({family}),
        modality=modality,
        is_pledge=True,
        text=text,
        line_start=1,
        line_end=1,
        targets=targets,
        entities=frozenset(entities),
        topics=frozenset(),
    )


def test_ending_a_subsidy_rejects_although_it_is_a_commitment() -> None:
    assert stance_of("commitment", "Wir wollen die Subventionen beenden.") is Stance.REJECTS
    assert stance_of("opposition", "Wir lehnen den Ausbau ab.") is Stance.REJECTS
    assert stance_of("review", "Wir prüfen den Ausbau.") is None


def test_support_against_rejection_opposes_from_the_earlier() -> None:
    airport = ("flughafen-dortmund",)
    a = view("spd", year=2020, family="spd", text="Den Flughafen ausbauen.", entities=airport)
    b = view("gruene", year=2025, family="gruene", text="Den Ausbau stoppen.", entities=airport)
    kind, source, target = relate(b, a)
    assert (kind, source, target) == (RelationType.OPPOSES, a, b)


def test_opposite_wordings_of_one_family_are_not_opposition() -> None:
    airport = ("flughafen-dortmund",)
    a = view("leitlinien", year=2021, family="gruene", text="Kein Ausbau.", entities=airport)
    b = view("gruene", year=2025, family="gruene", text="Den Flughafen erhalten.", entities=airport)
    kind, _, _ = relate(a, b)
    assert kind is RelationType.CONTINUES


def test_opposite_stances_without_a_shared_entity_are_not_opposition() -> None:
    a = view("dos", year=2020, family="dos", text="Wohnungsverluste werden verhindert.")
    b = view("gruene", year=2025, family="gruene", text="Housing First ausweiten.")
    kind, _, _ = relate(a, b)
    assert kind is not RelationType.OPPOSES


def test_later_document_of_the_same_family_continues_the_earlier() -> None:
    a = view("leitlinien", year=2021, family="gruene", text="Mehr Radwege bauen.")
    b = view("gruene", year=2025, family="gruene", text="Radwege ausbauen.", targets=3)
    kind, source, target = relate(a, b)
    assert (kind, source, target) == (RelationType.CONTINUES, b, a)


def test_quantified_pledge_of_another_author_refines_the_general_one() -> None:
    a = view("spd", year=2020, family="spd", text="Mehr Wohnungen bauen.")
    b = view("cdu", year=2021, family="cdu", text="2.000 Wohnungen jährlich bauen.", targets=1)
    kind, source, target = relate(a, b)
    assert (kind, source, target) == (RelationType.REFINES, b, a)


def test_same_aim_of_other_authors_agrees() -> None:
    a = view("spd", year=2020, family="spd", text="Mehr Wohnungen bauen.")
    b = view("dos", year=2020, family="dos", text="Wohnungen bauen.", modality="vision")
    kind, _, _ = relate(a, b)
    assert kind is RelationType.AGREES
