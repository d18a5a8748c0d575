"""Fixtures of the parser tests: the module's corpus document (its ``DOC_ID``), read and parsed
once per module by the parser the registry names for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.forms import parser_for
from mappings.records import ParsedDocument
from mappings.registry import DocumentInfo, load_registry
from mappings.text.source import SourceText

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def info(request: pytest.FixtureRequest) -> DocumentInfo:
    doc_id: str = request.module.DOC_ID
    (entry,) = [d for d in load_registry() if d.id == doc_id]
    return entry


@pytest.fixture(scope="module")
def source(info: DocumentInfo) -> SourceText:
    return SourceText.read(CORPUS / info.file)


@pytest.fixture(scope="module")
def doc(source: SourceText, info: DocumentInfo) -> ParsedDocument:
    return parser_for(info.form)(source, info)
