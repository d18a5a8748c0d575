"""Competency questions of the alignment on the session build: similar pledges, stance over
time, progress claims, continuity between two documents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., list[dict[str, str]]]
LEITLINIEN = "2021-gruene-cdu-leitlinien"
GRUENE_2025 = "2025-gruene-kommunalwahlprogramm"
ID = "https://w3id.org/dortmund-kg/id/"


@pytest.fixture(scope="module")
def continuity(run_named: Run) -> list[dict[str, str]]:
    return run_named("continuity", earlier=LEITLINIEN, later=GRUENE_2025)


def _pledge_at(rows: list[dict[str, str]], line: int) -> str:
    found = {r["pledge"] for r in rows if int(r["lineStart"]) == line}
    assert len(found) == 1, found
    return found.pop()


def test_ordnungspartnerschaft_is_continued_by_the_2025_programme(
    run_named: Run, continuity: list[dict[str, str]]
) -> None:
    """Leitlinien 284 ("Paritätische Besetzung der Ordnungspartnerschaften von Ordnungsamt und
    Polizei") → Grüne 2025 5485 ("paritätisch besetzte Streifen aus Polizei und Ordnungsamt")."""
    pledge = _pledge_at(continuity, 284)
    rows = run_named("similar-pledges", pledge=pledge)
    assert rows, "no similar pledges shown"
    best = rows[0]
    assert best["document"] == ID + "document/" + GRUENE_2025
    assert (int(best["lineStart"]), best["relation"], best["role"]) == (5485, "continues", "to")
    assert float(best["score"]) >= 0.5
    assert "Ordnungsamt" in best["sharedEntities"]
    assert "ordnungspartnerschaft" in best["sharedTerms"]
    scores = [float(r["score"]) for r in rows]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 0.35
    assert all(not r["document"].endswith(LEITLINIEN) for r in rows)


def test_min_score_zero_lists_more_candidates(
    run_named: Run, continuity: list[dict[str, str]]
) -> None:
    pledge = _pledge_at(continuity, 284)
    shown = run_named("similar-pledges", pledge=pledge)
    everything = run_named("similar-pledges", pledge=pledge, minScore="0")
    assert len(everything) > len(shown)


def test_airport_stance_timeline_shows_the_leitlinien_opposing(run_named: Run) -> None:
    rows = run_named("stance-timeline", subject=ID + "actor/flughafen-dortmund")
    years = [r["year"] for r in rows]
    assert years == sorted(years) and len(set(years)) >= 3
    leitlinien = [r for r in rows if r["document"].endswith(LEITLINIEN)]
    assert {r["author"].rsplit("/", 1)[-1] for r in leitlinien} == {
        "gruene-fraktion-dortmund",
        "cdu-fraktion-dortmund",
    }
    assert all(r["stance"] == "oppose" for r in leitlinien)
    assert all(
        "80: Kein weiterer baulicher Ausbau der Start- und Landebahn" in r["quotes"]
        for r in leitlinien
    )
    assert {r["stance"] for r in rows} <= {"support", "oppose", "mixed", "review"}


def test_kita_claim_of_2025_has_its_period(run_named: Run) -> None:
    rows = run_named("progress-claims", document=GRUENE_2025)
    kita = [r for r in rows if int(r["lineStart"]) <= 3925 <= int(r["lineEnd"])]
    assert len(kita) == 1
    assert kita[0]["period"] == "2020/2025"
    assert kita[0]["claimAuthor"] == ID + "actor/gruene-dortmund"
    assert "18 neue Kindertageseinrichtungen" in kita[0]["quote"]
    # the council decision on climate neutrality, reported by the Greens
    assert any(int(r["lineStart"]) <= 112 <= int(r["lineEnd"]) for r in rows)
    assert {r["claimDocument"] for r in rows} == {ID + "document/" + GRUENE_2025}


def test_progress_claims_filter_by_author(run_named: Run) -> None:
    rows = run_named("progress-claims", author="spd-dortmund")
    assert rows and {r["claimAuthor"] for r in rows} == {ID + "actor/spd-dortmund"}
    every = run_named("progress-claims")
    assert len(every) > len(rows)
    # a claim that reports on a pledge names a pledge of an earlier document
    reported = [r for r in every if r.get("reportsOn")]
    assert reported and all(r["reportsOnDocument"] != r["claimDocument"] for r in reported)


def test_continuity_accounts_for_every_pledge_of_both_documents(
    continuity: list[dict[str, str]], built_dir: Path
) -> None:
    statuses = {r["status"] for r in continuity}
    assert (
        {"continued", "dropped", "new"}
        <= statuses
        <= {"continued", "refined", "opposed", "dropped", "new"}
    )
    earlier = {r["pledge"] for r in continuity if r["status"] != "new"}
    later = {r["pledge"] for r in continuity if r["status"] == "new"}
    counterparts = {r["counterpart"] for r in continuity if r.get("counterpart")}
    assert all(p.startswith(ID + "statement/" + LEITLINIEN) for p in earlier)
    assert all(p.startswith(ID + "statement/" + GRUENE_2025) for p in later | counterparts)
    assert not later & counterparts
    summary = json.loads((built_dir / "summary.json").read_text(encoding="utf-8"))
    assert len(earlier) == summary["documents"][LEITLINIEN]["pledges"]
    assert len(earlier | later | counterparts) <= (
        summary["documents"][LEITLINIEN]["pledges"] + summary["documents"][GRUENE_2025]["pledges"]
    )
