"""Text out of a PDF with pypdf, so a document received as PDF can join the corpus.

Pages are separated by a blank line; the text forms treat page breaks like any other blank
line (a sentence cut by one is joined again).
"""

from __future__ import annotations

from pathlib import Path


class PdfError(ValueError):
    """The file is not a PDF pypdf can read."""


def extract_text(path: Path) -> str:
    """The text of every page of ``path``, in order, ending with a newline."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not path.read_bytes()[:5] == b"%PDF-":
        raise PdfError(f"{path}: not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(path)
        pages = [(page.extract_text() or "").strip("\n") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError) as exc:
        raise PdfError(f"{path}: cannot read the PDF: {exc}") from None
    text = "\n\n".join(p for p in pages if p.strip())
    return text + "\n" if text else ""
