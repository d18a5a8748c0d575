"""What every parsed corpus document keeps, whatever its form: each statement's span is the exact
slice of the file with the right line numbers, statements are numbered in document order
without overlapping, and each belongs to a section of its document."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from mappings.forms import parser_for
from mappings.records import ParsedDocument
from mappings.registry import DocumentInfo, load_registry
from mappings.text.source import SourceText

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCUMENTS = [pytest.param(info, id=info.id) for info in load_registry()]


@cache
def _parsed(info: DocumentInfo) -> tuple[SourceText, ParsedDocument]:
    source = SourceText.read(CORPUS / info.file)
    return source, parser_for(info.form)(source, info)


@pytest.mark.parametrize("info", DOCUMENTS)
def test_every_span_is_the_exact_file_slice(info: DocumentInfo) -> None:
    source, doc = _parsed(info)
    assert doc.statements
    for s in doc.statements:
        assert source.slice(s.span) == s.verbatim, s.ordinal
        assert s.verbatim == s.verbatim.strip(), s.ordinal
        assert source.line_of(s.span.char_start) == s.span.line_start, s.ordinal
        assert source.line_of(s.span.char_end - 1) == s.span.line_end, s.ordinal
    for f in doc.footnotes:
        assert source.slice(f.span) == f.text, f.number


@pytest.mark.parametrize("info", DOCUMENTS)
def test_statements_are_numbered_in_document_order_without_overlap(info: DocumentInfo) -> None:
    _source, doc = _parsed(info)
    assert [s.ordinal for s in doc.statements] == list(range(1, len(doc.statements) + 1))
    for before, after in zip(doc.statements, doc.statements[1:], strict=False):
        assert before.span.char_end <= after.span.char_start, (before.ordinal, after.ordinal)


@pytest.mark.parametrize("info", DOCUMENTS)
def test_every_statement_belongs_to_a_section_of_its_document(info: DocumentInfo) -> None:
    _source, doc = _parsed(info)
    keys = {s.key for s in doc.sections}
    assert {s.section_key for s in doc.statements} <= keys
