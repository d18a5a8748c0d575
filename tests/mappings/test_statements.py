"""The statement builder: one path from a slice of text to a numbered, classified statement."""

from __future__ import annotations

from mappings.records import Modality
from mappings.records import Testability as Checkable
from mappings.statements import Normaliser, StatementBuilder, blank_lines
from mappings.text.source import SourceText

TEXT = "Wir fordern vom Land 2 Mio. € jährlich.\n12\nDafür werden wir\n  - Radwege,\n"


def _builder(**kwargs: object) -> tuple[SourceText, StatementBuilder]:
    source = SourceText.from_string(TEXT)
    return source, StatementBuilder(source, **kwargs)  # type: ignore[arg-type]


def test_statements_are_numbered_in_the_order_they_are_added() -> None:
    source, builder = _builder()
    first = builder.add(source.span(0, 3), kind="sentence", section_key=None, path=())
    second = builder.add(source.span(4, 11), kind="sentence", section_key="a", path=("A",))
    assert [first.ordinal, second.ordinal] == [1, 2]
    assert builder.statements == [first, second]
    assert second.section_path == ("A",) and second.section_key == "a"


def test_verbatim_is_the_source_slice_and_furniture_is_left_out_of_normalised() -> None:
    source, builder = _builder(furniture=[2])
    end = TEXT.index("wir") + 3
    stmt = builder.add(source.span(0, end), kind="sentence", section_key=None, path=())
    assert stmt.verbatim == TEXT[:end]
    assert "12" in stmt.verbatim and " 12 " not in stmt.normalised
    assert stmt.normalised.endswith("jährlich. Dafür werden wir")


def test_cue_rules_decide_unless_the_form_fixes_the_modality() -> None:
    source, builder = _builder()
    span = source.span(0, TEXT.index("\n"))
    demand = builder.add(span, kind="sentence", section_key=None, path=())
    fixed = builder.add(span, kind="vision", section_key=None, path=(), modality=Modality.VISION)
    assert demand.modality is Modality.DEMAND and demand.addressees
    assert demand.testability is Checkable.TESTABLE and demand.targets
    assert fixed.modality is Modality.VISION


def test_a_list_item_loses_its_list_punctuation_and_keeps_its_lead_in() -> None:
    source, builder = _builder()
    start = TEXT.index("Radwege")
    span = source.span(start, start + len("Radwege,"))
    item = builder.add(
        span,
        kind="sub-item",
        section_key=None,
        path=(),
        lead_in="Dafür werden wir",
        default=Modality.STATEMENT,
        list_item=True,
    )
    assert item.verbatim == "Radwege," and item.normalised == "Radwege"
    assert item.lead_in == "Dafür werden wir"
    assert item.modality is Modality.COMMITMENT


def test_the_normaliser_strips_then_joins_then_repairs() -> None:
    calls: list[str] = []

    def strip(text: str) -> str:
        calls.append(f"strip:{text!r}")
        return text.replace("*", "")

    def repair(text: str) -> str:
        calls.append(f"repair:{text!r}")
        return text.upper()

    assert Normaliser(strip=strip, repair=repair)("*Woh-\nnung*") == "WOHNUNG"
    assert calls == ["strip:'*Woh-\\nnung*'", "repair:'Wohnung'"]


def test_blank_lines_keeps_length_and_line_breaks() -> None:
    source = SourceText.from_string(TEXT)
    clean = blank_lines(source, [2, 3])
    assert len(clean) == len(TEXT)
    assert clean.count("\n") == TEXT.count("\n")
    assert source.line(2) not in clean and "Dafür" not in clean
