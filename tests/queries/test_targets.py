"""Competency question: all quantified targets with their years (by year, unit, author)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

Run = Callable[..., list[dict[str, object]]]


def _by_text(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["targetText"]): r for r in rows}


def test_leitlinien_housing_and_tree_targets(run_named: Run) -> None:
    rows = _by_text(run_named("targets", author="gruene-fraktion-dortmund"))
    housing = rows["2.500 Wohnungen jährlich"]
    assert Decimal(str(housing["quantity"])) == 2500
    assert housing["unitName"] == "Wohnungen" and housing["period"] == "P1Y"
    assert housing["lineStart"] == 58
    trees = rows["5.000 Bäumen jährlich bis 2025"]
    assert Decimal(str(trees["quantity"])) == 5000
    assert trees["unitName"] == "Bäume" and trees["targetYear"] == 2025
    assert trees["period"] == "P1Y"


def test_year_filter_keeps_only_that_year(run_named: Run) -> None:
    rows = run_named("targets", year="2035")
    assert rows and all(r["targetYear"] == 2035 for r in rows)


def test_unit_filter_is_case_insensitive(run_named: Run) -> None:
    rows = run_named("targets", unit="wohnungen")
    assert rows and all(str(r["unitName"]).lower() == "wohnungen" for r in rows)
    assert any(r["targetText"] == "5.000 neuen Wohnungen bis 2025" for r in rows)


def test_every_author_with_targets_appears_unfiltered(run_named: Run) -> None:
    authors = {str(r["pledgeAuthor"]).rsplit("/", 1)[-1] for r in run_named("targets")}
    assert {"spd-dortmund", "gruene-dortmund", "gruene-fraktion-dortmund"} <= authors
