"""Helpers for linker tests: a statement over real corpus lines, as a parser would report it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mappings.records import Modality, Statement, Testability
from mappings.text.markup import join_lines
from mappings.text.source import SourceText

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_statement() -> Callable[..., tuple[SourceText, Statement]]:
    def make(
        doc_id: str,
        first: int,
        last: int,
        *,
        modality: Modality = Modality.COMMITMENT,
        section_path: tuple[str, ...] = (),
    ) -> tuple[SourceText, Statement]:
        source = SourceText.read(CORPUS / f"{doc_id}.txt")
        span = source.trimmed_span(source.line_start(first), source.line_end(last))
        verbatim = source.slice(span)
        statement = Statement(
            ordinal=1,
            kind="bullet",
            section_key=None,
            section_path=section_path,
            verbatim=verbatim,
            normalised=join_lines(verbatim),
            span=span,
            modality=modality,
            testability=Testability.ASPIRATIONAL,
        )
        return source, statement

    return make
