"""The registry of corpus documents (``mappings/documents.toml``) as typed records.

Data, not code: adding a document means adding a table to the TOML file and, if its text form
is new, a parser module in :mod:`mappings.forms`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

REGISTRY_FILE = Path(__file__).with_name("documents.toml")
HEADING_LAYOUTS = ("nested", "flat")  # "flat": a deeper heading is no subsection
DOCUMENT_TYPES = ("ElectionProgramme", "CooperationAgreement", "StrategyPaper", "VisionPaper")


class RegistryError(ValueError):
    """The registry file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class DocumentInfo:
    """What the registry says about one source document."""

    id: str
    file: str
    title: str
    authors: tuple[str, ...]
    date: str  # ISO date or year, as precise as the source states it
    type: str
    form: str
    sha256: str
    election: str | None = None
    source_pdf: str | None = None  # the PDF the text was extracted from, kept in the corpus
    source_pdf_sha256: str | None = None
    flat_headings: bool = False  # all headings are peers, whatever their level ("##", "###")


def load_registry(path: Path = REGISTRY_FILE) -> list[DocumentInfo]:
    """Read and check the registry; raise :class:`RegistryError` naming the bad entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{path}: {exc}") from None
    docs: list[DocumentInfo] = []
    for n, entry in enumerate(data.get("document", []), start=1):
        where = f"{path}: [[document]] #{n}"
        try:
            info = DocumentInfo(
                id=entry["id"],
                file=entry["file"],
                title=entry["title"],
                authors=tuple(entry["authors"]),
                date=str(entry["date"]),
                type=entry["type"],
                form=entry["form"],
                sha256=entry["sha256"].lower(),
                election=entry.get("election"),
                source_pdf=entry.get("source_pdf"),
                source_pdf_sha256=entry.get("source_pdf_sha256"),
                flat_headings=entry.get("headings", "nested") == "flat",
            )
        except KeyError as exc:
            raise RegistryError(f"{where}: missing key {exc}") from None
        if entry.get("headings", "nested") not in HEADING_LAYOUTS:
            raise RegistryError(
                f"{where}: headings {entry['headings']!r}: one of {', '.join(HEADING_LAYOUTS)}"
            )
        if info.type not in DOCUMENT_TYPES:
            raise RegistryError(f"{where}: unknown type {info.type!r}")
        if not info.authors:
            raise RegistryError(f"{where}: no authors")
        docs.append(info)
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise RegistryError(f"{path}: duplicate document id")
    return docs
