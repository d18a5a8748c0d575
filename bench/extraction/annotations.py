"""Read annotation files (``docs/annotation.md`` section 0) into typed rows.

One TSV per document part, a header line and one row per statement. Reading is strict: a
malformed row is an error naming the file and line, because a silently dropped gold row would
make recall look better than it is.

>>> parse_targets("2500|Wohnungen|exactly||P1Y ; |||2035|")[0].value
Decimal('2500')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

COLUMNS = (
    "line_start",
    "line_end",
    "quote",
    "kind",
    "modality",
    "explicit",
    "implicit",
    "targets",
    "places",
    "note",
)
KINDS = frozenset({"pledge", "context"})
MODALITIES = frozenset({"commitment", "demand", "opposition", "review", "vision"})
COMPANIES = frozenset(
    {
        "dsw21",
        "dew21",
        "dogewo21",
        "dsg",
        "edg",
        "flughafen-dortmund",
        "h-bahn21",
        "dortmunder-hafen",
        "dokom21",
        "donetz",
        "dopark",
        "klinikum-dortmund",
    }
)
IMPLICIT_COMPANIES = frozenset({"dsw21", "dew21", "dogewo21", "dsg", "edg", "flughafen-dortmund"})
COMPARISONS = {
    "": "exactly",
    "exactly": "exactly",
    "at-least": "atLeast",
    "at-most": "atMost",
    "approx": "approx",
    "until": "until",
}


class AnnotationError(ValueError):
    """A row that does not follow the guideline's file format."""


@dataclass(frozen=True)
class GoldTarget:
    """One annotated target: ``value|unit|comparison|year|period``."""

    value: Decimal | None
    unit: str
    comparison: str
    year: int | None
    period: str


@dataclass(frozen=True)
class GoldRow:
    """One annotated statement."""

    doc: str
    line_start: int
    line_end: int
    quote: str
    kind: str
    modality: str
    explicit: frozenset[str]
    implicit: frozenset[str]
    targets: tuple[GoldTarget, ...]
    places: tuple[str, ...]
    note: str
    source: str  # "file:line" of the row, for error messages and reports

    @property
    def is_pledge(self) -> bool:
        return self.kind == "pledge"


def _number(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise AnnotationError(f"not a number: {text!r}") from error


def parse_targets(cell: str) -> tuple[GoldTarget, ...]:
    """``value|unit|comparison|year|period`` items separated by ``;``."""
    targets = []
    for item in (part.strip() for part in cell.split(";")):
        if not item:
            continue
        fields = [f.strip() for f in item.split("|")]
        if len(fields) != 5:
            raise AnnotationError(f"target {item!r} has {len(fields)} fields, not 5")
        value, unit, comparison, year, period = fields
        if comparison not in COMPARISONS:
            raise AnnotationError(f"target {item!r}: unknown comparison {comparison!r}")
        if year and not (year.isdigit() and len(year) == 4):
            raise AnnotationError(f"target {item!r}: year {year!r} is not YYYY")
        targets.append(
            GoldTarget(
                _number(value), unit, COMPARISONS[comparison], int(year) if year else None, period
            )
        )
    return tuple(targets)


def _slugs(cell: str, allowed: frozenset[str], what: str) -> frozenset[str]:
    slugs = frozenset(s.strip() for s in cell.split(",") if s.strip())
    unknown = slugs - allowed
    if unknown:
        raise AnnotationError(f"unknown {what} {sorted(unknown)}")
    return slugs


def parse_row(doc: str, cells: list[str], source: str) -> GoldRow:
    """One TSV row as a :class:`GoldRow`; raises :class:`AnnotationError` naming ``source``."""
    try:
        if len(cells) < 9:
            raise AnnotationError(f"{len(cells)} columns, expected {len(COLUMNS)}")
        cells = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
        start, end, quote, kind, modality, explicit, implicit, targets, places, note = cells
        if kind not in KINDS:
            raise AnnotationError(f"kind {kind!r} is not pledge/context")
        if kind == "pledge" and modality not in MODALITIES:
            raise AnnotationError(f"pledge with modality {modality!r}")
        if kind == "context" and modality:
            raise AnnotationError("context row with a modality")
        row = GoldRow(
            doc=doc,
            line_start=int(start),
            line_end=int(end),
            quote=quote.strip(),
            kind=kind,
            modality=modality if kind == "pledge" else "",
            explicit=_slugs(explicit, COMPANIES, "company"),
            implicit=_slugs(implicit, IMPLICIT_COMPANIES, "implicit company"),
            targets=parse_targets(targets),
            places=tuple(p.strip() for p in places.split(";") if p.strip()),
            note=note.strip(),
            source=source,
        )
    except (AnnotationError, ValueError) as error:
        raise AnnotationError(f"{source}: {error}") from error
    if row.line_end < row.line_start or not row.quote:
        raise AnnotationError(f"{source}: empty quote or line_end before line_start")
    return row


def read_rows(path: Path, doc: str) -> list[GoldRow]:
    """All rows of one annotation file, header checked."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t")[:3] != list(COLUMNS[:3]):
        raise AnnotationError(f"{path}:1: header must start with {COLUMNS[:3]}")
    return [
        parse_row(doc, line.split("\t"), f"{path.parent.name}/{path.name}:{number}")
        for number, line in enumerate(lines[1:], start=2)
        if line.strip()
    ]


def row_cells(row: GoldRow) -> list[str]:
    """The row's cells in the guideline's column order (the inverse of :func:`parse_row`)."""
    spelled = {v: k for k, v in COMPARISONS.items() if k}
    targets = " ; ".join(
        "|".join(
            [
                "" if t.value is None else format(t.value.normalize(), "f"),
                t.unit,
                spelled.get(t.comparison, ""),
                "" if t.year is None else str(t.year),
                t.period,
            ]
        )
        for t in row.targets
    )
    return [
        str(row.line_start),
        str(row.line_end),
        row.quote,
        row.kind,
        row.modality,
        ",".join(sorted(row.explicit)),
        ",".join(sorted(row.implicit)),
        targets,
        " ; ".join(row.places),
        row.note,
    ]


def write_rows(path: Path, rows: Iterable[GoldRow]) -> None:
    """Write rows in the guideline's format, so adjudicated gold reads like a pass."""
    out = ["\t".join(COLUMNS)] + ["\t".join(row_cells(row)) for row in rows]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def quote_at_line(row: GoldRow, lines: list[str]) -> bool:
    """Whether the row's quote occurs on its ``line_start`` (whitespace-tolerant)."""
    if not 1 <= row.line_start <= len(lines):
        return False
    wanted = " ".join(row.quote.split())
    here = " ".join(lines[row.line_start - 1].split())
    return wanted in here
