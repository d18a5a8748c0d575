"""Score the alignment of a build against the alignment annotation (issue 14).

Reads two kinds of tab-separated files (header line first) from the annotation directory:

- pairs (``pairs*.tsv``): ``doc_a line_a quote_a doc_b line_b quote_b relation`` with relation
  one of agrees, opposes, continues, refines or none (a hard negative);
- progress claims (``progress*.tsv``): ``doc line_start line_end quote period reports_on_doc
  reports_on_line`` (the last three may be empty).

A (doc, line) is resolved to the build's statement covering that line (a pledge if several
do). The system's answers are the named queries pages use, so the scores are those of what a
reader sees: ``similar-pledges`` with ``minScore=0`` for the ranking (same-issue recall@10 from
pledge a's list) and with its default for the relations shown (precision over the shown
relations between annotated pairs; unannotated ones cannot be judged and are not counted);
relation type accuracy over the annotated same-issue pairs the system relates at all (the
direction is not scored); ``progress-claims`` for claim recall and precision (a system claim
matches a gold claim in the same document whose lines overlap; precision counts the system's
claims in the documents the annotation covers, and with ``--half`` only in that half's
sections) and for reportsOn accuracy; periods compare as years in either notation.

Usage: ``.venv/bin/python -m bench.alignment_eval [--annotations DIR] [--build DIR]``
→ ``bench/results/alignment-eval.{md,json}``. Exit 2 (naming file and line) on bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from api.engine.backends import Dataset, OxigraphBackend
from api.engine.named_queries import NamedQuery, load_catalog, run
from api.engine.results import SelectResult
from bench.extraction.split import Split
from mappings.build_files import BuildDir
from mappings.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "evaluation" / "alignment"
RESULTS = ROOT / "bench" / "results"
SPLIT = ROOT / "tests" / "evaluation" / "split.toml"  # the sections of each half
STATEMENTS = ROOT / "bench" / "extraction" / "sparql" / "statements.rq"
RELATIONS = ("agrees", "opposes", "continues", "refines", "none")
PAIR_COLUMNS = ("doc_a", "line_a", "quote_a", "doc_b", "line_b", "quote_b", "relation")
CLAIM_COLUMNS = (
    "doc",
    "line_start",
    "line_end",
    "quote",
    "period",
    "reports_on_doc",
    "reports_on_line",
)
TARGETS = {
    "recall_at_10": 0.85,
    "shown_precision": 0.90,
    "type_accuracy": 0.80,
    "claim_recall": 0.90,
    "claim_precision": 0.90,
}


class AnnotationError(ValueError):
    """A malformed annotation file (the message names file and line)."""


@dataclass(frozen=True)
class Pair:
    doc_a: str
    line_a: int
    doc_b: str
    line_b: int
    relation: str
    where: str


@dataclass(frozen=True)
class Claim:
    doc: str
    line_start: int
    line_end: int
    period: str
    reports_on: tuple[str, int] | None
    where: str


def _doc(value: str) -> str:
    return value.strip().removesuffix(".txt")


def _int(value: str, where: str, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise AnnotationError(f"{where}: column {column}: not a line number: {value!r}") from None


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as source:
        reader = csv.DictReader(source, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise AnnotationError(f"{path}:1: missing column(s) {', '.join(missing)}")
        return [(f"{path}:{n}", row) for n, row in enumerate(reader, start=2)]


def load_pairs(path: Path) -> list[Pair]:
    pairs = []
    for where, row in _rows(path, PAIR_COLUMNS):
        relation = row["relation"].strip()
        if relation not in RELATIONS:
            raise AnnotationError(f"{where}: relation {relation!r} is not one of {RELATIONS}")
        pairs.append(
            Pair(
                _doc(row["doc_a"]),
                _int(row["line_a"], where, "line_a"),
                _doc(row["doc_b"]),
                _int(row["line_b"], where, "line_b"),
                relation,
                where,
            )
        )
    return pairs


def load_claims(path: Path) -> list[Claim]:
    claims = []
    for where, row in _rows(path, CLAIM_COLUMNS):
        on_doc, on_line = (
            (row.get("reports_on_doc") or "").strip(),
            (row.get("reports_on_line") or "").strip(),
        )
        claims.append(
            Claim(
                _doc(row["doc"]),
                _int(row["line_start"], where, "line_start"),
                _int(row["line_end"], where, "line_end"),
                (row.get("period") or "").strip(),
                (_doc(on_doc), _int(on_line, where, "reports_on_line"))
                if on_doc and on_line
                else None,
                where,
            )
        )
    return claims


@dataclass(frozen=True)
class Located:
    iri: str
    doc: str
    start: int
    end: int
    pledge: bool


class System:
    """The build, asked through the named queries pages use."""

    def __init__(self, build: Path) -> None:
        self.backend = OxigraphBackend.from_file(BuildDir(build).dataset)
        self.catalog: dict[str, NamedQuery] = load_catalog()
        result = self.backend.query(STATEMENTS.read_text(encoding="utf-8"), dataset=Dataset())
        assert isinstance(result, SelectResult)
        self.by_doc: defaultdict[str, list[Located]] = defaultdict(list)
        for row in result.rows:
            doc = _value(row["document"]).rsplit("/", 1)[-1]
            self.by_doc[doc].append(
                Located(
                    _value(row["statement"]),
                    doc,
                    int(_value(row["lineStart"])),
                    int(_value(row["lineEnd"])),
                    _value(row["pledge"]) == "true",
                )
            )

    def statement_at(self, doc: str, line: int) -> Located | None:
        covering = [s for s in self.by_doc.get(doc, []) if s.start <= line <= s.end]
        covering.sort(key=lambda s: (not s.pledge, s.end - s.start, s.iri))
        return covering[0] if covering else None

    def query(self, name: str, **params: str) -> list[dict[str, str]]:
        rows: list[dict[str, str]] = run(self.catalog[name], self.backend, params).to_json()["rows"]
        return rows


def _ratio(hit: int, total: int) -> float | None:
    return round(hit / total, 3) if total else None


def score_pairs(system: System, pairs: list[Pair]) -> dict[str, object]:
    unresolved: list[str] = []
    ranked: dict[str, list[dict[str, str]]] = {}
    shown: dict[str, set[str]] = {}
    hits = positives = shown_true = shown_total = typed = typed_right = 0
    confusion: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pair in pairs:
        a = system.statement_at(pair.doc_a, pair.line_a)
        b = system.statement_at(pair.doc_b, pair.line_b)
        if a is None or b is None:
            unresolved.append(pair.where)
            continue
        for s in (a.iri,):
            if s not in ranked:
                ranked[s] = system.query("similar-pledges", pledge=s, minScore="0")
                shown[s] = {r["related"] for r in system.query("similar-pledges", pledge=s)}
        if b.iri not in ranked:
            ranked[b.iri] = system.query("similar-pledges", pledge=b.iri, minScore="0")
            shown[b.iri] = {r["related"] for r in system.query("similar-pledges", pledge=b.iri)}
        top = [r["related"] for r in ranked[a.iri][:10]]
        is_shown = b.iri in shown[a.iri] or a.iri in shown[b.iri]
        if is_shown:
            shown_total += 1
            shown_true += pair.relation != "none"
        if pair.relation == "none":
            continue
        positives += 1
        hits += b.iri in top
        found = [r["relation"] for r in ranked[a.iri] if r["related"] == b.iri]
        predicted = found[0] if found else "none"
        confusion[pair.relation][predicted] += 1
        if found:
            typed += 1
            typed_right += predicted == pair.relation
    return {
        "pairs": len(pairs),
        "unresolved": unresolved,
        "same_issue_pairs": positives,
        "recall_at_10": _ratio(hits, positives),
        "shown_judged": shown_total,
        "shown_precision": _ratio(shown_true, shown_total),
        "typed_pairs": typed,
        "type_accuracy": _ratio(typed_right, typed),
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
    }


def period_years(text: str, doc: str) -> tuple[int, int] | None:
    """A claimed period as (from, until), in either notation: the graph's "2020/2025" and
    "2024", or the annotation's "2020-" (since 2020: until the document's year), "2019-2021".

    >>> period_years("2020-", "2025-gruene-kommunalwahlprogramm"), period_years("2024", "x")
    ((2020, 2025), (2024, 2024))
    >>> period_years("2020/2025", "d") == period_years("2020-2025", "d"), period_years("", "d")
    (True, None)
    """
    text = text.strip()
    if not text:
        return None
    first, sep, last = text.replace("/", "-").partition("-")
    start = int(first)
    if not sep:
        return start, start
    return start, int(last) if last else _document_year(doc)


def _document_year(doc: str) -> int:
    years = {info.id: int(info.date[:4]) for info in load_registry()}
    return years.get(doc) or int(doc[:4])


def score_claims(
    system: System, claims: list[Claim], split: Split | None = None, half: str | None = None
) -> dict[str, object]:
    """Recall over the gold claims; precision over the system's claims in the lines the
    annotation covers (with ``half``: only that half's sections of the split, because the
    other half's claims are annotated in the other file)."""
    docs = sorted({c.doc for c in claims})
    found = [r for d in docs for r in system.query("progress-claims", document=d)]
    if split is not None and half is not None:
        found = [
            r
            for r in found
            if split.half_of(r["claimDocument"].rsplit("/", 1)[-1], int(r["lineStart"])) == half
        ]

    def overlaps(c: Claim, r: dict[str, str]) -> bool:
        return (
            r["claimDocument"].rsplit("/", 1)[-1] == c.doc
            and int(r["lineStart"]) <= c.line_end
            and c.line_start <= int(r["lineEnd"])
        )

    recalled = sum(any(overlaps(c, r) for r in found) for c in claims)
    system_claims = {r["claim"]: r for r in found}
    correct = sum(any(overlaps(c, r) for c in claims) for r in system_claims.values())
    with_target = [c for c in claims if c.reports_on]
    target_right = 0
    for c in with_target:
        assert c.reports_on is not None
        doc, line = c.reports_on
        target = system.statement_at(doc, line)
        target_right += any(
            overlaps(c, r) and target is not None and r.get("reportsOn") == target.iri
            for r in found
        )
    period_right = sum(
        any(
            overlaps(c, r) and period_years(r["period"], c.doc) == period_years(c.period, c.doc)
            for r in found
        )
        for c in claims
        if c.period
    )
    return {
        "documents": docs,
        "gold_claims": len(claims),
        "system_claims": len(system_claims),
        "claim_recall": _ratio(recalled, len(claims)),
        "claim_precision": _ratio(correct, len(system_claims)),
        "reports_on_accuracy": _ratio(target_right, len(with_target)),
        "period_accuracy": _ratio(period_right, sum(1 for c in claims if c.period)),
    }


def _shown_path(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def report(scores: dict[str, dict[str, object]], annotations: Path) -> str:
    lines = [
        "# Alignment evaluation",
        "",
        f"Annotation: `{_shown_path(annotations)}`"
        " (`make eval-alignment`; method in README, “Across documents”).",
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
    ]
    merged: dict[str, object] = {}
    for part in scores.values():
        merged.update(part)
    for key, target in TARGETS.items():
        value = merged.get(key)
        shown = "–" if value is None else f"{value:.3f}"
        met = "" if value is None else (" ✓" if float(str(value)) >= target else " **missed**")
        lines.append(f"| {key.replace('_', ' ')} | {shown}{met} | ≥ {target:.2f} |")
    for key in ("reports_on_accuracy", "period_accuracy"):
        value = merged.get(key)
        lines.append(f"| {key.replace('_', ' ')} | {'–' if value is None else f'{value:.3f}'} | |")
    lines += ["", "```json", json.dumps(scores, indent=2, ensure_ascii=False), "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=RESULTS / "alignment-eval")
    parser.add_argument(
        "--half",
        choices=["dev", "test"],
        help="the split half the annotations cover: claim precision counts only its sections",
    )
    args = parser.parse_args(argv)
    pair_files = sorted(args.annotations.glob("pairs*.tsv"))
    claim_files = sorted(args.annotations.glob("progress*.tsv"))
    if not pair_files and not claim_files:
        print(
            f"{args.annotations}: no pairs*.tsv or progress*.tsv annotation files", file=sys.stderr
        )
        return 2
    if not BuildDir(args.build).dataset.exists():
        print(f"{args.build}: no dataset.nq (run `make build`)", file=sys.stderr)
        return 2
    try:
        pairs = [p for f in pair_files for p in load_pairs(f)]
        claims = [c for f in claim_files for c in load_claims(f)]
    except AnnotationError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    system = System(args.build)
    scores: dict[str, dict[str, object]] = {}
    if pairs:
        scores["pairs"] = score_pairs(system, pairs)
    if claims:
        split = Split.read(SPLIT) if args.half else None
        scores["claims"] = score_claims(system, claims, split, args.half)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(
        json.dumps(scores, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    args.out.with_suffix(".md").write_text(report(scores, args.annotations), encoding="utf-8")
    print(args.out.with_suffix(".md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
