"""Property tests of the text-form parsers: any text is read or refused, never crashes.

For each parser, two kinds of input: arbitrary Unicode text, and excerpts of its real corpus
document (for the general form, of all of them, one after the other) mangled line by line
(lines dropped, doubled, garbled, foreign lines inserted), which reach far deeper into the
parser than random text does. Every outcome must be either a
:class:`~mappings.records.ParsedDocument` whose every span names exactly the text it claims,
or a ``ValueError`` with a message (the documented refusal: "file:line: what is wrong").
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from mappings.forms import FORMS, parser_for
from mappings.records import ParsedDocument, Span
from mappings.registry import DocumentInfo, load_registry
from mappings.text.source import SourceText
from tests.fuzz.conftest import fuzz_settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GENERAL = "general"
DEDICATED: dict[str, DocumentInfo] = {info.form: info for info in load_registry()}
INFOS = {GENERAL: replace(load_registry()[0], form=GENERAL)} | DEDICATED
LINES: dict[str, list[str]] = {
    form: (CORPUS / info.file).read_text(encoding="utf-8").split("\n")
    for form, info in DEDICATED.items()
}
if GENERAL not in DEDICATED:  # the general form reads every document
    LINES[GENERAL] = [line for form in sorted(LINES) for line in LINES[form]]
# Characters the corpus is made of, and some it is not (controls, RTL, astral, combining).
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
FUZZ = fuzz_settings()


def test_every_dedicated_form_has_a_corpus_document() -> None:
    assert sorted(set(DEDICATED) | {GENERAL}) == sorted(FORMS)
    assert all(len(lines) > 50 for lines in LINES.values())


@st.composite
def mangled(draw: st.DrawFn, form: str, *, whole: bool = False) -> str:
    """A window of the form's real document (or all of it), with line-level mutations."""
    lines = LINES[form]
    if whole:
        window = list(lines)
    else:
        start = draw(st.integers(0, len(lines) - 1))
        window = list(lines[start : start + draw(st.integers(1, 120))])
        if draw(st.booleans()):  # keep the document's head: title blocks, first heading
            window = lines[: draw(st.integers(1, 40))] + window
        if draw(st.booleans()):  # and its tail: signatures, footnotes
            window = window + lines[-draw(st.integers(1, 80)) :]
    for _ in range(draw(st.integers(1 if whole else 0, 3 if whole else 8))):
        at = draw(st.integers(0, max(len(window) - 1, 0)))
        action = draw(st.sampled_from(["drop", "double", "garble", "insert", "foreign"]))
        if action == "drop" and window:
            del window[at]
        elif action == "double" and window:
            window.insert(at, window[at])
        elif action == "garble" and window:
            line = window[at]
            cut = draw(st.integers(0, len(line)))
            window[at] = line[:cut] + draw(st.text(ALPHABET, max_size=12)) + line[cut + 1 :]
        elif action == "insert":
            window.insert(at, draw(st.text(ALPHABET, max_size=60)))
        else:  # a line of another document: headings and markers of the wrong form
            other = LINES[draw(st.sampled_from(sorted(LINES)))]
            window.insert(at, other[draw(st.integers(0, len(other) - 1))])
    ending = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join(window) + ending


def check_spans(source: SourceText, doc: ParsedDocument) -> None:
    """Every span is inside the text, its lines are those of its offsets, its text is its slice."""

    def valid(span: Span) -> None:
        assert 0 <= span.char_start < span.char_end <= len(source.text), span
        assert span.line_start == source.line_of(span.char_start), span
        assert span.line_end == source.line_of(span.char_end - 1), span

    for statement in doc.statements:
        valid(statement.span)
        assert statement.verbatim == source.slice(statement.span)
    for section in doc.sections:
        valid(section.span)
    for footnote in doc.footnotes:
        valid(footnote.span)
    for signatory in doc.signatories:
        valid(signatory.span)
    ordinals = [s.ordinal for s in doc.statements]
    assert len(set(ordinals)) == len(ordinals), "statement ordinals repeat"


def _event(what: str) -> None:
    if currently_in_test_context():  # statistics for --hypothesis-show-statistics
        event(what)


def parse_or_refuse(form: str, text: str) -> ParsedDocument | None:
    source = SourceText.from_string(text, name=f"fuzz-{form}.txt")
    try:
        doc = parser_for(form)(source, INFOS[form])
    except ValueError as error:  # the documented refusal, and only that
        assert str(error), "a refusal must say what is wrong"
        _event("refused")
        return None
    check_spans(source, doc)
    _event("read, with statements" if doc.statements else "read, empty")
    return doc


@pytest.mark.fuzz
@pytest.mark.parametrize("form", FORMS)
@FUZZ
@given(data=st.data())
def test_mangled_documents_are_read_or_refused(form: str, data: st.DataObject) -> None:
    parse_or_refuse(form, data.draw(mangled(form)))


@pytest.mark.fuzz
@pytest.mark.parametrize("form", FORMS)
@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 10))  # a whole document parses slowly
@given(data=st.data())
def test_whole_documents_with_a_few_changes_are_read_or_refused(
    form: str, data: st.DataObject
) -> None:
    """The strict forms refuse most excerpts; a changed whole document reaches their ends."""
    parse_or_refuse(form, data.draw(mangled(form, whole=True)))


@pytest.mark.fuzz
@pytest.mark.parametrize("form", FORMS)
@FUZZ
@given(text=st.text(ALPHABET, max_size=400))
def test_arbitrary_text_is_read_or_refused(form: str, text: str) -> None:
    parse_or_refuse(form, text)


@pytest.mark.parametrize("form", FORMS)
def test_the_real_document_passes_the_same_checks(form: str) -> None:
    """The property holds on the untouched document (and so the checks can pass at all)."""
    doc = parse_or_refuse(form, "\n".join(LINES[form]))
    assert doc is not None and doc.statements
