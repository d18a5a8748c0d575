"""Competency question: what did an author pledge, by section and modality?"""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[..., list[dict[str, object]]]
DOC = "https://w3id.org/dortmund-kg/id/document/"


def test_spd_demands_include_the_rent_cap_addressed_to_the_bund(run_named: Run) -> None:
    rows = run_named("party-pledges", author="spd-dortmund", modality="demand")
    assert rows and all(r["modalityName"] == "demand" for r in rows)
    assert all(r["document"] == DOC + "2020-spd-kommunalwahlprogramm" for r in rows)
    rent_cap = [r for r in rows if "Kappungsgrenze" in str(r["quote"])]
    assert len(rent_cap) == 1
    assert rent_cap[0]["section"] == "WOHNEN IST DIE SOZIALE FRAGE UNSERER ZEIT"


def test_leitlinien_airport_goal_is_opposition_of_both_factions(run_named: Run) -> None:
    for author in ("gruene-fraktion-dortmund", "cdu-fraktion-dortmund"):
        rows = run_named("party-pledges", author=author, modality="opposition")
        airport = [r for r in rows if "Start- und Landebahn" in str(r["quote"])]
        assert len(airport) == 1, author
        assert airport[0]["section"] == "Mobilität und Infrastruktur › Ziel 3"
        assert (airport[0]["lineStart"], airport[0]["lineEnd"]) == (80, 80)


def test_rows_come_in_document_order(run_named: Run) -> None:
    rows = run_named("party-pledges", author="dos")
    ordinals = [int(str(r["ordinal"])) for r in rows]
    assert ordinals == sorted(ordinals) and len(rows) == len(set(ordinals))
    assert {r["modalityName"] for r in rows} == {"vision"}


def test_without_modality_all_pledges_of_the_author(run_named: Run) -> None:
    every = run_named("party-pledges", author="cdu-fraktion-dortmund")
    kinds = {r["modalityName"] for r in every}
    assert {"commitment", "opposition", "review"} <= kinds
    assert "statement" not in kinds  # context is not a pledge
