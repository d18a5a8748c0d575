"""The document page's text: proportional paragraphs, each statement's characters marked.

The source file is cut at the statements' ``oa:TextPositionSelector`` offsets (code points,
as the mapping counts them), so a pledge's own characters are highlighted, never whole lines
and never blank lines. Every line keeps an anchor (``#L13``) and every statement one by its
slug (``#<slug>``), which the pledge pages link to. The HTML of one build's document is made
once and kept: the largest document (313 kB of text) is then a cached string.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from api.web.deps import Served
from api.web.routers.common import local_path, run_rows
from api.web.routers.views import MODALITIES, modality_key

_CACHE: dict[tuple[str, str], DocumentText] = {}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    slug: str
    path: str
    modality: str
    pledge: bool


@dataclass(frozen=True)
class DocumentText:
    html: Markup
    sections: list[tuple[str, int]]  # chapter, first line
    marked: int


def document_text(served: Served, resource: str, source: Path) -> DocumentText | None:
    key = (str(served.settings.build_dir.resolve()), resource)
    if key not in _CACHE:
        if not source.exists():
            return None
        _CACHE[key] = _render(served, resource, source.read_text(encoding="utf-8"))
    return _CACHE[key]


def _marks(served: Served, resource: str) -> tuple[list[Mark], list[tuple[str, int]]]:
    marks: list[Mark] = []
    sections: dict[str, int] = {}
    for row in run_rows(served, "document-spans", document=resource):
        statement = str(row["statement"])
        marks.append(
            Mark(
                int(str(row["start"])),
                int(str(row["end"])),
                statement.rsplit("/", 1)[-1],
                local_path(statement),
                modality_key(row.get("modality", "contextStatement")),
                "pledge" in row,
            )
        )
        chapter = str(row.get("sectionPath", "")).split(" › ", 1)[0]
        if chapter and "lineStart" in row:
            sections.setdefault(chapter, int(str(row["lineStart"])))
    marks.sort(key=lambda m: (m.start, -m.end))
    return marks, sorted(sections.items(), key=lambda s: s[1])


def _relative(path: str) -> str:
    """``/id/statement/doc/key`` as seen from ``/id/document/doc``: ``../statement/doc/key``
    (the page carries thousands of these links; the short form saves a tenth of its bytes)."""
    return "../" + path[len("/id/") :] if path.startswith("/id/") else path


def _render(served: Served, resource: str, text: str) -> DocumentText:
    marks, sections = _marks(served, resource)
    out: list[str] = ['<p class="para">']
    line = 1
    out.append("<a class=ln id=L1 href=#L1>1</a>")
    pos = 0
    cursor = 0  # no mark starts before the end of the previous one: overlaps are clipped
    spans: list[tuple[int, int, Mark | None]] = []
    for mark in marks:
        start = max(mark.start, cursor)
        if start >= mark.end:
            continue
        if start > pos:
            spans.append((pos, start, None))
        spans.append((start, mark.end, mark))
        pos = cursor = mark.end
    spans.append((pos, len(text), None))
    for start, end, span_mark in spans:
        first = True
        pieces = text[start:end].split("\n")
        for i, piece in enumerate(pieces):
            if i > 0:
                line += 1
                if piece.strip() == "" and out[-1] != '</p><p class="para">':
                    out.append('</p><p class="para">')
                else:
                    out.append("<br>")
                out.append(f"<a class=ln id=L{line} href=#L{line}>{line}</a>")
            if not piece:
                continue
            if span_mark is None:
                out.append(str(escape(piece)))
                continue
            mark = span_mark
            kind = mark.modality if mark.pledge else "context"
            if first:  # the statement's anchor, link and kind; its later lines only the colour
                title = MODALITIES.get(mark.modality, "Aussage")
                out.append(
                    f'<a class="m {kind}" id="{mark.slug}" data-s="{mark.slug}" '
                    f'href="{_relative(mark.path)}" title="{title}">{escape(piece)}</a>'
                )
                first = False
            else:
                out.append(f'<a class="m {kind}" data-s="{mark.slug}">{escape(piece)}</a>')
    out.append("</p>")
    marked = sum(1 for m in marks if m.pledge)
    return DocumentText(Markup("".join(out)), sections, marked)
