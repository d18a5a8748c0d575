"""Turn scores into the report's JSON figures and its Markdown text."""

from __future__ import annotations

from bench.extraction.residue import Residue
from bench.extraction.scoring import Scores
from bench.extraction.targets import TARGETS, figure


def figures(scores: Scores, ocr: Residue | None = None) -> dict[str, dict[str, float]]:
    """The headline numbers of one half (or one document of it)."""
    out: dict[str, dict[str, float]] = {
        "statements": {"gold": scores.statements, "found": scores.found},
        "pledge": dict(scores.pledge.as_dict()),
        "modality": {
            "accuracy": round(scores.modality_accuracy, 3),
            "items": scores.modality_total,
        },
        "explicit": dict(scores.explicit.as_dict()),
        "implicit": dict(scores.implicit.as_dict()),
        "targets": {**scores.targets.as_dict(), "exact": round(scores.targets_exact_share, 3)},
        "places": dict(scores.places.as_dict()),
    }
    if ocr is not None:
        out["ocr"] = {"share": round(ocr.share, 4), "words": ocr.words, "unknown": ocr.unknown}
    return out


def _prf(row: dict[str, float]) -> str:
    return (
        f"{row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | "
        f"{int(row['tp'])}/{int(row['fp'])}/{int(row['fn'])}"
    )


def targets_table(test: dict[str, dict[str, float]]) -> list[str]:
    lines = ["| label (test half) | target | measured | met |", "|---|---|---:|---|"]
    for target in TARGETS:
        value = figure(test, target.key)
        lines.append(
            f"| {target.label} | {target.wanted} | {value:.3f} | "
            f"{'yes' if target.met(value) else '**no**'} |"
        )
    return lines


def half_tables(
    name: str, per_doc: dict[str, dict[str, dict[str, float]]], total: dict[str, dict[str, float]]
) -> list[str]:
    lines = [f"### {name}: precision | recall | F1 | TP/FP/FN per label", ""]
    for label in ("pledge", "explicit", "implicit", "targets", "places"):
        lines += [
            f"**{label}**",
            "",
            "| document | P | R | F1 | TP/FP/FN |",
            "|---|---:|---:|---:|---|",
        ]
        for doc, figs in sorted(per_doc.items()):
            lines.append(f"| {doc} | {_prf(figs[label])} |")
        lines += [f"| **all** | {_prf(total[label])} |", ""]
    lines += [
        "**modality accuracy, targets exact, statements found**",
        "",
        "| document | modality acc. (n) | targets exact | gold statements | found |",
        "|---|---:|---:|---:|---:|",
    ]
    for doc, figs in sorted(per_doc.items()) + [("**all**", total)]:
        lines.append(
            f"| {doc} | {figs['modality']['accuracy']:.3f} ({int(figs['modality']['items'])}) | "
            f"{figs['targets']['exact']:.3f} | {int(figs['statements']['gold'])} | "
            f"{int(figs['statements']['found'])} |"
        )
    return lines + [""]


def confusion_table(scores: Scores) -> list[str]:
    labels = sorted(
        {g for g, _ in scores.modality_confusion} | {s for _, s in scores.modality_confusion}
    )
    lines = ["| gold ↓ / system → | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for gold in labels:
        cells = [str(scores.modality_confusion.get((gold, got), 0)) for got in labels]
        lines.append(f"| {gold} | " + " | ".join(cells) + " |")
    return lines + [""]


def errors_table(scores: Scores, top: int = 20) -> list[str]:
    lines = ["| error kind | count | examples |", "|---|---:|---|"]
    for kind, count in scores.errors.most_common(top):
        examples = "; ".join(scores.examples[kind][:3])
        lines.append(f"| {kind} | {count} | {examples} |")
    return lines + [""]
