"""Competency questions on the built graph: pledges for an actor, by place, by topic, by party.

These read the session build (``run_named`` in tests/conftest.py), so they check the whole
chain: parser → mapper → linker → reasoner → named query.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

Run = Callable[..., list[dict[str, str]]]
COLUMNS = {
    "pledge",
    "author",
    "authorLabel",
    "document",
    "lineStart",
    "lineEnd",
    "modality",
    "quote",
    "mention",
    "path",
}
GRUENE_2025 = "2025-gruene-kommunalwahlprogramm"
LEITLINIEN = "2021-gruene-cdu-leitlinien"


def _covering(rows: list[dict[str, str]], doc: str, line: int) -> list[dict[str, str]]:
    return [
        r
        for r in rows
        if r["document"].endswith("/" + doc) and int(r["lineStart"]) <= line <= int(r["lineEnd"])
    ]


@pytest.fixture(scope="module")
def dsw21_rows(run_named: Run) -> list[dict[str, str]]:
    return run_named("pledges-for-actor", actor="dsw21")


def test_pledges_for_dsw21_carry_the_promised_columns(dsw21_rows: list[dict[str, str]]) -> None:
    assert dsw21_rows
    assert set(dsw21_rows[0]) >= COLUMNS
    assert {r["mention"] for r in dsw21_rows} == {"explicit", "inferred"}


def test_a_pledge_about_the_u41_concerns_dsw21_by_inference(
    dsw21_rows: list[dict[str, str]],
) -> None:
    rows = _covering(dsw21_rows, GRUENE_2025, 2286)  # "… 5-Minuten-Takt der U41 nach Hörde"
    assert rows and all(r["mention"] == "inferred" for r in rows)
    assert any("U41 → operated by DSW21" in r["path"] for r in rows)
    assert {r["author"].rsplit("/", 1)[-1] for r in rows} == {"gruene-dortmund"}


def test_a_pledge_naming_dsw21_is_explicit_for_both_leitlinien_authors(
    dsw21_rows: list[dict[str, str]],
) -> None:
    rows = _covering(dsw21_rows, LEITLINIEN, 453)  # "Umwandlung von DSW21 in eine GmbH"
    assert {r["mention"] for r in rows} == {"explicit"}
    assert {r["author"].rsplit("/", 1)[-1] for r in rows} == {
        "gruene-fraktion-dortmund",
        "cdu-fraktion-dortmund",
    }


def test_the_airport_is_not_dsw21s_own_operations(dsw21_rows: list[dict[str, str]]) -> None:
    assert _covering(dsw21_rows, LEITLINIEN, 80) == []  # Start- und Landebahn des Flughafens


def test_the_group_scope_adds_the_airport_with_its_chain(run_named: Run) -> None:
    rows = _covering(run_named("pledges-for-actor", actor="dsw21", scope="group"), LEITLINIEN, 80)
    assert rows and {r["mention"] for r in rows} == {"group"}
    assert all("→ subsidiary of DSW21" in r["path"] for r in rows)


def test_a_subsidiarys_named_pledge_counts_for_the_parent_only_in_group_scope(
    run_named: Run, dsw21_rows: list[dict[str, str]]
) -> None:
    assert _covering(dsw21_rows, GRUENE_2025, 401) == []  # DEW21's district heating
    group = _covering(
        run_named("pledges-for-actor", actor="dsw21", scope="group"), GRUENE_2025, 401
    )
    assert any(r["path"].startswith("names “DEW21”") for r in group)


def test_parties_for_actor_counts_the_group_only_when_asked(run_named: Run) -> None:
    own = {r["author"]: r for r in run_named("parties-for-actor", actor="dsw21")}
    group = {r["author"]: r for r in run_named("parties-for-actor", actor="dsw21", scope="group")}
    for author, row in group.items():
        mine = own.get(author, {"pledges": "0", "group": "0"})
        assert int(mine["group"]) == 0
        assert int(row["pledges"]) == int(mine["pledges"]) + int(row["group"])
    assert any(int(r["group"]) > 0 for r in group.values())


def test_compare_parties_scope_group_counts_at_least_as_many(run_named: Run) -> None:
    def total(rows: list[dict[str, str]]) -> int:
        return sum(int(r["pledges"]) for r in rows)

    own = run_named("compare-parties", actor="dsw21")
    assert total(run_named("compare-parties", actor="dsw21", scope="group")) > total(own)


def test_s_bahn_pledges_alone_are_not_dsw21s(dsw21_rows: list[dict[str, str]]) -> None:
    assert _covering(dsw21_rows, GRUENE_2025, 2340) == []  # Regional-/S-Bahn-Takt


def test_ticket_products_reach_dsw21_through_the_concept_layer(
    dsw21_rows: list[dict[str, str]],
) -> None:
    for line in (2355, 3149):  # Deutschlandticket Sozial (twice)
        rows = _covering(dsw21_rows, GRUENE_2025, line)
        assert rows and {r["mention"] for r in rows} == {"inferred"}, line
        assert any("Deutschlandticket Sozial → operated by" in r["path"] for r in rows), line


def test_a_bullet_under_an_airport_heading_concerns_the_airport(run_named: Run) -> None:
    rows = [
        r
        for r in run_named("pledges-for-actor", actor="flughafen-dortmund")
        if r["mention"] == "inferred"
    ]
    assert any("names Flughafen Dortmund" in r["path"] for r in rows)


@pytest.mark.parametrize(
    ("actor", "doc", "line"),
    [
        ("dogewo21", LEITLINIEN, 58),
        ("dsg", GRUENE_2025, 1133),
        ("dew21", GRUENE_2025, 401),
        ("edg", LEITLINIEN, 290),
        ("flughafen-dortmund", GRUENE_2025, 3055),
    ],
)
def test_named_companies_have_explicit_pledges(
    run_named: Run, actor: str, doc: str, line: int
) -> None:
    rows = _covering(run_named("pledges-for-actor", actor=actor), doc, line)
    assert rows and {r["mention"] for r in rows} == {"explicit"}


def test_counts_per_author_add_up(run_named: Run, dsw21_rows: list[dict[str, str]]) -> None:
    counts = run_named("actor-pledge-counts", actor="dsw21")
    gruene = [c for c in counts if c["author"].endswith("/gruene-dortmund")]
    assert gruene
    pledges = {r["pledge"] for r in dsw21_rows if r["author"].endswith("/gruene-dortmund")}
    assert sum(int(c["pledges"]) for c in gruene) == len(pledges)
    for c in counts:
        assert int(c["explicit"]) + int(c["inferred"]) == int(c["pledges"])
        assert int(c["group"]) == 0
    for c in run_named("actor-pledge-counts", actor="dsw21", scope="group"):
        assert int(c["explicit"]) + int(c["inferred"]) + int(c["group"]) == int(c["pledges"])


def test_parties_for_dsw21_lists_the_greens_first_with_both_kinds(run_named: Run) -> None:
    rows = run_named("parties-for-actor", actor="dsw21")
    top = rows[0]
    assert top["author"].endswith("/gruene-dortmund")
    assert int(top["explicit"]) > 0 and int(top["inferred"]) > 0


def test_a_pledge_about_hoerde_counts_for_its_district_and_the_city(run_named: Run) -> None:
    for place in ("hoerde", "stadtbezirk-hoerde", "dortmund"):
        rows = _covering(run_named("pledges-by-place", place=place), GRUENE_2025, 2286)
        assert rows, place
        assert any(r["mentioned"].endswith("/place/hoerde") for r in rows)
        expected = "explicit" if place == "hoerde" else "inferred"
        assert {r["mention"] for r in rows if r["mentioned"].endswith("/hoerde")} == {expected}


def test_pledges_by_place_can_be_narrowed_to_one_author(run_named: Run) -> None:
    rows = run_named(
        "pledges-by-place", place="stadtbezirk-innenstadt-nord", author="gruene-dortmund"
    )
    assert rows and all(r["author"].endswith("/gruene-dortmund") for r in rows)


def test_pledges_by_topic_finds_transit_pledges_of_every_party(run_named: Run) -> None:
    rows = run_named("pledges-by-topic", topic="public-transport")
    assert _covering(rows, GRUENE_2025, 2216)  # "den Takt von Bussen und Bahnen … verdichten"
    authors = {r["author"].rsplit("/", 1)[-1] for r in rows}
    assert {"gruene-dortmund", "spd-dortmund", "gruene-fraktion-dortmund"} <= authors
    spd = run_named("pledges-by-topic", topic="public-transport", author="spd-dortmund")
    assert spd and {r["author"].rsplit("/", 1)[-1] for r in spd} == {"spd-dortmund"}
