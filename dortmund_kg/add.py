"""``dortmund-kg add``: register a new source document in the corpus.

Copies a UTF-8 ``.txt`` (or the text extracted from a ``.pdf`` with pypdf, the PDF kept beside
it) into the corpus directory, appends its ``SHA256SUMS`` line(s) and its ``[[document]]``
table to the registry. Everything is checked before anything is written: an unknown author
slug or type, a duplicate id, a file that is empty, binary, not UTF-8, or that the chosen text
form cannot read is refused with a message naming what is wrong. The next ``build`` includes
the document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from mappings.forms import FORMS, parser_for
from mappings.rdf.iri import ID
from mappings.reference.load import REFERENCE_DIR, parse_reference_file
from mappings.registry import DOCUMENT_TYPES, DocumentInfo, RegistryError, load_registry
from mappings.text.source import SourceError, SourceText

DEFAULT_FORM = "general"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}(?:-\d{2}-\d{2})?")
_ACTOR_PREFIX = ID + "actor/"


class AddError(ValueError):
    """The document cannot be added; the message says why and what to change."""


@dataclass(frozen=True)
class NewDocument:
    """What the command line says about the document to add."""

    path: Path
    id: str
    title: str
    authors: tuple[str, ...]
    date: str
    type: str
    form: str = DEFAULT_FORM


@dataclass(frozen=True)
class Added:
    """What was written: the text file, and the PDF beside it when the source was one."""

    info: DocumentInfo
    statements: int


def known_authors(reference_dir: Path = REFERENCE_DIR) -> frozenset[str]:
    """Slugs of the actors in the reference data (``actors.ttl``): who may author a document."""
    graph = parse_reference_file(reference_dir / "actors.ttl")
    return frozenset(
        str(s)[len(_ACTOR_PREFIX) :] for s in graph.subjects() if str(s).startswith(_ACTOR_PREFIX)
    )


def add_document(new: NewDocument, *, corpus: Path, registry: Path) -> Added:
    """Check ``new``, then copy it into ``corpus`` and register it in ``registry``."""
    _check_metadata(new, registry)
    text_name = f"{new.id}.txt"
    pdf_name = f"{new.id}.pdf" if new.path.suffix.lower() == ".pdf" else None
    for name in filter(None, (text_name, pdf_name)):
        if (corpus / name).exists():
            raise AddError(f"{corpus / name} already exists; choose another --id")
    raw = _text_bytes(new.path)
    source = _readable(new, raw)
    info = DocumentInfo(
        id=new.id,
        file=text_name,
        title=new.title,
        authors=new.authors,
        date=new.date,
        type=new.type,
        form=new.form,
        sha256=hashlib.sha256(raw).hexdigest(),
        source_pdf=pdf_name,
        source_pdf_sha256=_sha256(new.path) if pdf_name else None,
    )
    statements = _statements(new, source, info)
    (corpus / text_name).write_bytes(raw)
    lines = [f"{info.sha256}  {text_name}"]
    if pdf_name and info.source_pdf_sha256:
        (corpus / pdf_name).write_bytes(new.path.read_bytes())
        lines.append(f"{info.source_pdf_sha256}  {pdf_name}")
    _append(corpus / "SHA256SUMS", "".join(f"{line}\n" for line in lines))
    _append(registry, registry_entry(info))
    return Added(info=info, statements=statements)


def registry_entry(info: DocumentInfo) -> str:
    """The ``[[document]]`` table of ``info`` (TOML basic strings are JSON strings).

    >>> print(registry_entry(DocumentInfo("x", "x.txt", "„T“", ("a",), "2026", "T", "general",
    ...     "00")), end="")
    <BLANKLINE>
    [[document]]
    id = "x"
    file = "x.txt"
    title = "„T“"
    authors = ["a"]
    date = "2026"
    type = "T"
    form = "general"
    sha256 = "00"
    """

    def s(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    rows = [
        ("id", s(info.id)),
        ("file", s(info.file)),
        ("title", s(info.title)),
        ("authors", "[" + ", ".join(s(a) for a in info.authors) + "]"),
        ("date", s(info.date)),
        ("type", s(info.type)),
        ("form", s(info.form)),
        ("sha256", s(info.sha256)),
    ]
    if info.source_pdf and info.source_pdf_sha256:
        rows += [
            ("source_pdf", s(info.source_pdf)),
            ("source_pdf_sha256", s(info.source_pdf_sha256)),
        ]
    return "\n[[document]]\n" + "".join(f"{k} = {v}\n" for k, v in rows)


def _check_metadata(new: NewDocument, registry: Path) -> None:
    if not _ID.fullmatch(new.id):
        raise AddError(f"--id {new.id!r}: use lower-case letters, digits and single hyphens")
    try:
        existing = load_registry(registry)
    except RegistryError as exc:
        raise AddError(str(exc)) from None
    if any(d.id == new.id for d in existing):
        raise AddError(f"--id {new.id!r}: a document with this id is already in {registry}")
    if not new.title.strip():
        raise AddError("--title is empty")
    unknown = sorted(set(new.authors) - known_authors())
    if unknown or not new.authors:
        raise AddError(
            f"--author: unknown actor slug {', '.join(unknown) or '(none given)'}; "
            f"authors must be actors of mappings/reference/actors.ttl"
        )
    if new.type not in DOCUMENT_TYPES:
        raise AddError(f"--type {new.type!r}: unknown; known: {', '.join(DOCUMENT_TYPES)}")
    if new.form not in FORMS:
        raise AddError(f"--form {new.form!r}: unknown; known: {', '.join(FORMS)}")
    if not _DATE.fullmatch(new.date) or not _valid_date(new.date):
        raise AddError(f"--date {new.date!r}: use YYYY or YYYY-MM-DD")


def _valid_date(value: str) -> bool:
    if len(value) == 4:
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text_bytes(path: Path) -> bytes:
    """The UTF-8 text to store: the file itself, or the text pypdf extracts from a PDF."""
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".pdf"):
        raise AddError(f"{path}: only .txt (UTF-8) and .pdf files can be added")
    if not path.is_file():
        raise AddError(f"{path}: no such file")
    if suffix == ".txt":
        return path.read_bytes()
    from dortmund_kg.pdf import PdfError, extract_text

    try:
        return extract_text(path).encode("utf-8")
    except PdfError as exc:
        raise AddError(str(exc)) from None


def _readable(new: NewDocument, raw: bytes) -> SourceText:
    """The text as the build will read it; empty, binary and non-UTF-8 files are refused."""
    probe = new.path if new.path.suffix.lower() == ".txt" else None
    try:
        if probe is not None:
            return SourceText.read(probe)
        if not raw.strip():
            raise SourceError(f"{new.path}: the PDF holds no text (a scan? OCR it first)")
        return SourceText.from_string(raw.decode("utf-8"), name=new.path.name)
    except SourceError as exc:
        raise AddError(str(exc)) from None


def _statements(new: NewDocument, source: SourceText, info: DocumentInfo) -> int:
    """How many statements the form reads; a form that refuses the text refuses the add."""
    try:
        parsed = parser_for(new.form)(source, info)
    except ValueError as exc:
        raise AddError(f"form {new.form!r} cannot read {new.path}: {exc}") from None
    if not parsed.statements:
        raise AddError(f"form {new.form!r} finds no statement in {new.path}")
    return len(parsed.statements)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _append(path: Path, text: str) -> None:
    """Append ``text``, starting on a new line if the file does not end with one."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    prefix = "" if not current or current.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(prefix + text)
