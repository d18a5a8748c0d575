"""Competency question: full-text search, case- and umlaut-insensitive, over repaired text."""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[..., list[dict[str, object]]]


def test_oepnv_finds_the_ocr_damaged_spd_text_through_its_repair(run_named: Run) -> None:
    """The SPD OCR prints "OPNV"; only the normalised text says "ÖPNV", which "Oepnv" must hit."""
    rows = run_named("search", q="Oepnv", author="spd-dortmund")
    assert rows
    assert all("ÖPNV" in str(r["quote"]) for r in rows)


def test_search_is_case_insensitive_and_reads_sharp_s(run_named: Run) -> None:
    upper = run_named("search", q="STRASSENBAHN")
    lower = run_named("search", q="straßenbahn")
    assert upper == lower
