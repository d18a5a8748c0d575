"""One parser module per text form: a module of this package that defines ``parse``.

Each module exposes ``parse(source: SourceText, info: DocumentInfo) -> ParsedDocument`` and
segments its whole document; turning a segment into a statement is
:class:`mappings.statements.StatementBuilder`'s job. Forms are discovered: a new module here
is a new form, named in the registry's ``form`` field, with no list to update.

>>> "general" in FORMS and "visions" in FORMS
True
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from mappings.records import ParsedDocument
from mappings.registry import DocumentInfo
from mappings.text.source import SourceText

Parser = Callable[[SourceText, DocumentInfo], ParsedDocument]


def _discover() -> tuple[str, ...]:
    """The public modules of this package, in name order."""
    names = (m.name for m in pkgutil.iter_modules(__path__) if not m.ispkg)
    return tuple(sorted(n for n in names if not n.startswith("_")))


FORMS = _discover()


def parser_for(form: str) -> Parser:
    """The ``parse`` function of the form's module; ``ValueError`` for an unknown form."""
    if form not in FORMS:
        raise ValueError(f"unknown text form {form!r}; known: {', '.join(FORMS)}")
    module = importlib.import_module(f"mappings.forms.{form}")
    parse: Parser = module.parse
    return parse
