"""One parser module per text form of the corpus.

Each module exposes ``parse(source: SourceText, info: DocumentInfo) -> ParsedDocument`` and
handles its whole document. :func:`parser_for` picks the module named by the registry's
``form`` field.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from mappings.records import ParsedDocument
from mappings.registry import DocumentInfo
from mappings.source import SourceText

Parser = Callable[[SourceText, DocumentInfo], ParsedDocument]

FORMS = ("numbered_goals", "bullets", "ocr_prose", "visions", "zielbilder")


def parser_for(form: str) -> Parser:
    """The ``parse`` function of the form's module; ``ValueError`` for an unknown form."""
    if form not in FORMS:
        raise ValueError(f"unknown text form {form!r}; known: {', '.join(FORMS)}")
    module = importlib.import_module(f"mappings.forms.{form}")
    parse: Parser = module.parse
    return parse
