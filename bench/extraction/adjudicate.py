"""The third reading: list where two passes disagree, and merge its decisions into gold.

``python -m bench.extraction.adjudicate list A.tsv B.tsv DOC OUT.tsv`` writes one item per
disagreement (a paired row whose labels differ, or a row only one pass has); an adjudicator
answers each item with the final row and a reason. ``merge A.tsv B.tsv DOC DECISIONS.tsv
GOLD.tsv`` writes the gold file: rows both passes agree on as they are, and the adjudicated
rows in their place. The decisions file is kept in the repository: every settled
disagreement carries its reason.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from bench.extraction.align import pair_rows
from bench.extraction.annotations import (
    COLUMNS,
    AnnotationError,
    GoldRow,
    parse_row,
    read_rows,
    row_cells,
    write_rows,
)

LABELS = ("kind", "modality", "explicit", "implicit", "targets", "places")
DECISION_COLUMNS = ("item", "action", *COLUMNS[:9], "reason")


def _cells(row: GoldRow | None) -> str:
    return "(none)" if row is None else "\t".join(row_cells(row)[:9])


def differs(a: GoldRow, b: GoldRow) -> list[str]:
    """The labels on which two paired rows disagree (boundaries aside)."""
    out = [
        label
        for label in ("kind", "modality", "explicit", "implicit")
        if getattr(a, label) != getattr(b, label)
    ]
    if {(t.value, t.year) for t in a.targets} != {(t.value, t.year) for t in b.targets}:
        out.append("targets")
    if {p.casefold() for p in a.places} != {p.casefold() for p in b.places}:
        out.append("places")
    return out


def items(
    a_rows: list[GoldRow], b_rows: list[GoldRow]
) -> list[tuple[str, GoldRow | None, GoldRow | None, str]]:
    """Disagreements as (item id, row A, row B, what differs), in text order."""
    pairing = pair_rows(a_rows, b_rows)
    found: list[tuple[int, int, GoldRow | None, GoldRow | None, str]] = []
    for a, b in pairing.pairs:
        labels = differs(a, b)
        if labels:
            found.append((a.line_start, 0, a, b, ",".join(labels)))
    found += [(a.line_start, 1, a, None, "only A") for a in pairing.only_left]
    found += [(b.line_start, 2, None, b, "only B") for b in pairing.only_right]
    found.sort(key=lambda x: (x[0], x[1]))
    return [(f"d{n:04d}", a, b, what) for n, (_, _, a, b, what) in enumerate(found, start=1)]


def write_items(path: Path, found: list[tuple[str, GoldRow | None, GoldRow | None, str]]) -> None:
    lines = ["item\twhat\tpass\t" + "\t".join(COLUMNS[:9])]
    for item, a, b, what in found:
        lines.append(f"{item}\t{what}\tA\t{_cells(a)}")
        lines.append(f"{item}\t{what}\tB\t{_cells(b)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_decisions(path: Path, doc: str) -> dict[str, tuple[str, GoldRow | None, str]]:
    """Item id → (action, final row or None for drop, reason)."""
    decisions: dict[str, tuple[str, GoldRow | None, str]] = {}
    text = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(text[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        item, action = cells[0].strip(), cells[1].strip()
        reason = cells[11].strip() if len(cells) > 11 else ""
        where = f"{path.name}:{number}"
        if action == "drop":
            decisions[item] = ("drop", None, reason)
        elif action == "keep":
            row = parse_row(doc, [*cells[2:11], f"adjudicated {item}: {reason}"], where)
            decisions[item] = ("keep", row, reason)
        else:
            raise AnnotationError(f"{where}: action {action!r} is not keep/drop")
    return decisions


def merge(
    a_rows: list[GoldRow],
    b_rows: list[GoldRow],
    decisions: dict[str, tuple[str, GoldRow | None, str]],
) -> list[GoldRow]:
    """Agreed rows as pass A has them, each disagreement replaced by its decision."""
    found = items(a_rows, b_rows)
    disputed = {id(row) for _, a, b, _ in found for row in (a, b) if row is not None}
    missing = [item for item, *_ in found if item not in decisions]
    if missing:
        raise AnnotationError(f"{len(missing)} disagreements without a decision: {missing[:5]}")
    gold = [row for row in a_rows if id(row) not in disputed]
    gold += [row for _, row, _ in decisions.values() if row is not None]
    return sorted(
        (replace(row, source=f"gold:{row.line_start}") for row in gold),
        key=lambda r: (r.line_start, r.line_end),
    )


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["list"] and len(argv) == 5:
            a, b = read_rows(Path(argv[1]), argv[3]), read_rows(Path(argv[2]), argv[3])
            found = items(a, b)
            write_items(Path(argv[4]), found)
            print(f"{len(found)} disagreements → {argv[4]}")
            return 0
        if argv[:1] == ["merge"] and len(argv) == 6:
            a, b = read_rows(Path(argv[1]), argv[3]), read_rows(Path(argv[2]), argv[3])
            gold = merge(a, b, read_decisions(Path(argv[4]), argv[3]))
            write_rows(Path(argv[5]), gold)
            print(f"{len(gold)} gold rows → {argv[5]}")
            return 0
    except (AnnotationError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
