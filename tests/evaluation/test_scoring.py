"""The evaluation's scoring: each error kind the report counts is counted when it happens."""

from __future__ import annotations

from decimal import Decimal

from bench.extraction.annotations import GoldRow, GoldTarget, parse_row
from bench.extraction.scoring import place_key, score, units_agree
from bench.extraction.system import SystemStatement, SystemTarget

DOC = "doc"


def gold(
    line: int,
    quote: str,
    kind: str = "pledge",
    modality: str = "commitment",
    *,
    explicit: str = "",
    implicit: str = "",
    targets: str = "",
    places: str = "",
) -> GoldRow:
    cells = [
        str(line),
        str(line),
        quote,
        kind,
        modality if kind == "pledge" else "",
        explicit,
        implicit,
        targets,
        places,
        "",
    ]
    return parse_row(DOC, cells, "test")


def system(
    line: int,
    text: str,
    *,
    pledge: bool = True,
    modality: str = "commitment",
    explicit: set[str] | None = None,
    implicit: set[str] | None = None,
    targets: list[SystemTarget] | None = None,
    places: dict[str, set[str]] | None = None,
) -> SystemStatement:
    return SystemStatement(
        iri=f"s{line}",
        doc=DOC,
        line_start=line,
        line_end=line,
        verbatim=text,
        normalised=text,
        pledge=pledge,
        modality=modality if pledge else "contextStatement",
        explicit=explicit or set(),
        implicit=implicit or set(),
        targets=targets or [],
        places=places or {},
    )


def test_perfect_agreement_scores_one() -> None:
    rows = [gold(1, "Wir wollen mehr Busse", implicit="dsw21")]
    got = score(rows, [system(1, "Wir wollen mehr Busse für alle", implicit={"dsw21"})])
    assert (got.pledge.f1, got.implicit.recall, got.implicit.precision) == (1.0, 1.0, 1.0)
    assert got.modality_accuracy == 1.0


def test_pledge_typed_context_is_a_false_negative() -> None:
    got = score(
        [gold(1, "Wir brauchen einen besseren Takt")],
        [system(1, "Wir brauchen einen besseren Takt", pledge=False)],
    )
    assert (got.pledge.tp, got.pledge.fn) == (0, 1)
    assert got.errors["pledge typed context"] == 1


def test_wrong_modality_lowers_accuracy_and_fills_the_confusion_table() -> None:
    got = score(
        [gold(1, "gegen den Ausbau des Flughafens", modality="opposition")],
        [system(1, "gegen den Ausbau des Flughafens einsetzen")],
    )
    assert got.modality_accuracy == 0.0
    assert got.modality_confusion[("opposition", "commitment")] == 1


def test_subsidiary_rolled_up_to_parent_is_a_false_positive() -> None:
    rows = [gold(1, "Fernwärme ausbauen", implicit="dew21")]
    got = score(rows, [system(1, "Fernwärme ausbauen", implicit={"dew21", "dsw21"})])
    assert (got.implicit.tp, got.implicit.fp) == (1, 1)
    assert got.per_company["implicit"]["dsw21"].fp == 1


def test_system_statement_without_gold_row_counts_against_precision() -> None:
    rows = [gold(1, "Wir wollen mehr Busse")]
    got = score(
        rows,
        [system(1, "Wir wollen mehr Busse"), system(9, "Überschrift DSW21", explicit={"dsw21"})],
    )
    assert got.pledge.fp == 1 and got.explicit.fp == 1


def test_targets_match_by_value_and_exactness_checks_unit_and_year() -> None:
    rows = [gold(1, "Neubau von 2.500 Wohnungen", targets="2500|Wohnungen|exactly|2025|P1Y")]
    found = SystemTarget(Decimal("2500"), "Wohnung", "exactly", 2025, "P1Y")
    assert (
        score(rows, [system(1, "Neubau von 2.500 Wohnungen", targets=[found])]).targets_exact == 1
    )
    wrong_year = SystemTarget(Decimal("2500"), "Wohnungen", "exactly", None, "P1Y")
    got = score(rows, [system(1, "Neubau von 2.500 Wohnungen", targets=[wrong_year])])
    assert got.targets.tp == 1 and got.targets_exact == 0
    missed = score(rows, [system(1, "Neubau von 2.500 Wohnungen")])
    assert missed.targets.fn == 1


def test_bare_deadline_matches_on_year() -> None:
    rows = [gold(1, "klimaneutral bis 2035", targets="|||2035|")]
    got = score(
        rows,
        [system(1, "klimaneutral bis 2035", targets=[SystemTarget(None, "", "exactly", 2035, "")])],
    )
    assert got.targets.tp == 1


def test_places_match_any_name_of_the_place_and_the_city_is_not_scored() -> None:
    rows = [gold(1, "Umbau der KielstraBe in Hérde", places="Kielstraße ; Hörde")]
    places = {
        "https://w3id.org/dortmund-kg/id/place/kielstrasse": {"Kielstraße"},
        "https://w3id.org/dortmund-kg/id/place/stadtbezirk-hoerde": {"Stadtbezirk Hörde"},
        "https://w3id.org/dortmund-kg/id/place/dortmund": {"Dortmund"},
    }
    got = score(rows, [system(1, "Umbau der KielstraBe in Hérde", places=places)])
    assert (got.places.tp, got.places.fp, got.places.fn) == (2, 0, 0)


def test_compound_false_place_is_spurious() -> None:
    rows = [gold(1, "Innenstadtparkplatzflächen umwidmen")]
    places = {"https://w3id.org/dortmund-kg/id/place/innenstadt": {"Innenstadt"}}
    got = score(rows, [system(1, "Innenstadtparkplatzflächen umwidmen", places=places)])
    assert got.places.fp == 1 and got.errors["place spurious"] == 1


def test_missing_statement_is_reported() -> None:
    got = score([gold(1, "Wir wollen mehr Busse")], [])
    assert got.found == 0 and got.errors["statement not found"] == 1 and got.pledge.fn == 1


def test_unit_and_place_keys() -> None:
    assert units_agree("%", "Prozent") and units_agree("Wohnung", "Wohnungen")
    assert units_agree("%", "percent")
    assert not units_agree("Euro", "Bäume")
    assert place_key("Stadtbezirk Hörde") == place_key("Hörde")
    assert place_key("Hansastraße") == place_key("Hansastrasse")
    assert place_key("Dortmunder Flughafens") == place_key("Flughafen")
    assert place_key("Technologiezentrum Dortmund") == place_key("Technologiezentrum")
    assert place_key("Dortmund") == "dortmund"  # the city's own name stays a name
    assert place_key("Barop S") != place_key("Barop")


def test_gold_target_parsing() -> None:
    row = gold(1, "x y", targets="0.5|Faktor|exactly|| ; |||2030|")
    assert row.targets == (
        GoldTarget(Decimal("0.5"), "Faktor", "exactly", None, ""),
        GoldTarget(None, "", "exactly", 2030, ""),
    )


def test_ocr_residue_counts_damage_not_names_nor_compounds() -> None:
    from bench.extraction.residue import residue

    found = residue(
        ["Wir setzen uns dafilr ein, fiir die Haltestellenbeleuchtung in Hörde."], {"hörde"}
    )
    assert dict(found.top) == {"dafilr": 1, "fiir": 1}
    assert found.words == 10
