"""``make eval``: score the built graph against the gold set → ``bench/results/extraction-eval.*``.

Usage: ``python -m bench.extraction [--build DIR] [--gold DIR] [--out DIR] [--halves dev,test]``.
Exits 2 with the file and line when an annotation file is malformed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from bench.extraction import report
from bench.extraction.agreement import agreement
from bench.extraction.annotations import AnnotationError, GoldRow, read_rows
from bench.extraction.residue import residue
from bench.extraction.scoring import score
from bench.extraction.split import Split
from bench.extraction.system import SystemStatement, name_lexicon, open_dump, read_statements
from bench.extraction.targets import TARGETS, figure
from mappings.build_files import BuildDir

ROOT = Path(__file__).resolve().parents[2]
GUIDELINE = ROOT / "docs" / "annotation.md"


def read_dir(folder: Path) -> dict[str, list[GoldRow]]:
    return {path.stem: read_rows(path, path.stem) for path in sorted(folder.glob("*.tsv"))}


def _guideline_version() -> str:
    for line in GUIDELINE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Version **"):
            return line.split("**")[1]
    return "unknown"


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return out.stdout.strip()


def evaluate_half(
    half: str,
    gold: dict[str, list[GoldRow]],
    system: list[SystemStatement],
    split: Split,
    names: set[str],
) -> tuple[dict[str, object], list[str]]:
    """Figures per document and overall for one half, and its Markdown section."""
    inside = [s for s in system if split.half_of(s.doc, s.line_start) == half]
    per_doc: dict[str, dict[str, dict[str, float]]] = {}
    for doc, rows in sorted(gold.items()):
        mine = [s for s in inside if s.doc == doc]
        per_doc[doc] = report.figures(
            score(rows, mine), residue((s.normalised for s in mine), names)
        )
    all_rows = [row for rows in gold.values() for row in rows]
    scored_docs = set(gold)
    all_system = [s for s in inside if s.doc in scored_docs]
    total_scores = score(all_rows, all_system)
    ocr = residue((s.normalised for s in all_system), names)
    total = report.figures(total_scores, ocr)
    lines = report.half_tables(f"{half} half", per_doc, total)
    lines += [f"### {half} half: modality confusion (pledges in both)", ""]
    lines += report.confusion_table(total_scores)
    lines += [f"### {half} half: the 20 most frequent error kinds", ""]
    lines += report.errors_table(total_scores)
    lines += [
        f"### {half} half: OCR residue",
        "",
        f"{ocr.unknown} of {ocr.words} word tokens ({ocr.share:.2%}) unknown to the lexicon "
        "(names aside). Most frequent: " + ", ".join(f"{w} ({n})" for w, n in ocr.top[:20]) + ".",
        "",
    ]
    data = {
        "documents": per_doc,
        "all": total,
        "modality_confusion": [
            [g, s, n] for (g, s), n in sorted(total_scores.modality_confusion.items())
        ],
        "errors": [
            [k, n, total_scores.examples[k]] for k, n in total_scores.errors.most_common(20)
        ],
        "ocr_top": ocr.top,
    }
    return data, lines


def kappa_section(
    passes_a: dict[str, list[GoldRow]], passes_b: dict[str, list[GoldRow]]
) -> tuple[dict[str, object], list[str]]:
    """κ per document and overall, as JSON and as a Markdown table."""
    per_doc = {
        doc: agreement(passes_a[doc], passes_b[doc]) for doc in sorted(passes_a) if doc in passes_b
    }
    overall = agreement(
        [r for doc in per_doc for r in passes_a[doc]], [r for doc in per_doc for r in passes_b[doc]]
    )
    names = [x.label for x in overall.labels]
    lines = [
        "## Annotation agreement (two independent passes, Cohen's κ)",
        "",
        "| document | rows A / B | boundaries | " + " | ".join(names) + " |",
        "|---|---|---:|" + "---:|" * len(names),
    ]
    for doc, figs in [*per_doc.items(), ("**all**", overall)]:
        kappas = " | ".join(f"{x.kappa:.2f}" for x in figs.labels)
        lines.append(
            f"| {doc} | {figs.rows_a} / {figs.rows_b} | {figs.boundaries:.2f} | {kappas} |"
        )
    lines += [
        "",
        "Boundaries: share of rows the two passes cut alike (paired rows ×2 / all rows). "
        "Companies are one yes/no decision per paired row and company; targets and places "
        "whether a row has any. Specific agreement on place names: "
        f"{overall.place_names:.2f}; target values equal where both passes found targets: "
        f"{overall.target_values:.2f}.",
        "",
    ]
    data = {"documents": {d: a.as_dict() for d, a in per_doc.items()}, "all": overall.as_dict()}
    return data, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build")
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "evaluation")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--halves", default="dev,test")
    args = parser.parse_args(argv)
    dataset = BuildDir(args.build).dataset
    if not dataset.is_file():
        print(f"error: {dataset} not found: run `dortmund-kg build` first", file=sys.stderr)
        return 2
    try:
        split = Split.read(args.gold / "split.toml")
        gold = {half: read_dir(args.gold / "gold" / half) for half in args.halves.split(",")}
        passes_a = read_dir(args.gold / "passes" / "a") if (args.gold / "passes").is_dir() else {}
        passes_b = read_dir(args.gold / "passes" / "b") if (args.gold / "passes").is_dir() else {}
    except (AnnotationError, OSError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    store = open_dump(dataset)
    system = read_statements(store)
    names = name_lexicon(store)
    data: dict[str, object] = {
        "guideline": _guideline_version(),
        "commit": _commit(),
        "date": date.today().isoformat(),
        "test_half_frozen": split.frozen,
        "split_date": split.date,
    }
    body: list[str] = []
    for half, rows in gold.items():
        data[half], lines = evaluate_half(half, rows, system, split, names)
        body += [f"## {half} half", ""] + lines
    kappa_lines: list[str] = []
    if passes_a and passes_b:
        data["agreement"], kappa_lines = kappa_section(passes_a, passes_b)
    head = [
        "# Extraction evaluation",
        "",
        f"Gold set: every statement of the five documents, annotated twice independently under "
        f"`docs/annotation.md` {data['guideline']}, disagreements adjudicated "
        "(`tests/evaluation/`). Scored on build of commit "
        f"{data['commit']} ({data['date']}). Test half frozen {split.date}; it was never used "
        "for tuning. Generated by `make eval`.",
        "",
    ]
    if "test" in gold:
        test_figs = data["test"]["all"]  # type: ignore[index]
        head += ["## Targets (test half)", ""] + report.targets_table(test_figs) + [""]
        data["targets"] = {
            t.key: {
                "wanted": t.wanted,
                "value": figure(test_figs, t.key),
                "met": t.met(figure(test_figs, t.key)),
            }
            for t in TARGETS
        }
    text = "\n".join(head + kappa_lines + body)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "extraction-eval.md").write_text(text, encoding="utf-8")
    (args.out / "extraction-eval.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8"
    )
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
