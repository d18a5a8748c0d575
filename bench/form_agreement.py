"""How far the general text form agrees with each dedicated form, on the real corpus.

For every registry document whose form is not ``general``, parse it with its own form and
with :mod:`mappings.forms.general`, and compare the statement spans (``char_start``,
``char_end``): ``agreement`` is the Dice coefficient 2·|same| / (|dedicated| + |general|), so a
form that finds extra statements is penalised as much as one that misses some. Also counted:
spans the general form misses, spans it adds, and how many of the dedicated form's spans
overlap a general one at all (segmentation that differs only in where it cuts), and how many
of the same spans get the same modality (the general form classifies with the cue rules and
its lead-ins; the dedicated forms add what their layout means, e.g. DOS visions).

The decision rule of issue 12: a dedicated form whose document reaches ≥ 95 % agreement can
be retired. Usage: ``python -m bench.form_agreement [--out bench/results/form-agreement]``
writes ``.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from mappings.forms import parser_for
from mappings.records import ParsedDocument, Statement
from mappings.registry import DocumentInfo, load_registry
from mappings.text.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
RETIRE_AT = 0.95
_EXAMPLES = 3


@dataclass(frozen=True)
class Agreement:
    """The comparison of one document's two parses."""

    doc_id: str
    form: str
    dedicated: int
    general: int
    same: int
    overlapping: int
    agreement: float
    same_modality: int
    missed_by_kind: dict[str, int]
    missed_examples: list[str]
    added_examples: list[str]

    @property
    def retire(self) -> bool:
        return self.agreement >= RETIRE_AT


def compare(info: DocumentInfo, corpus: Path) -> Agreement:
    """Parse the document with both forms and compare their statement spans."""
    source = SourceText.read(corpus / info.file)
    own = parser_for(info.form)(source, info)
    general = parser_for("general")(source, info)
    return _agreement(info, own, general)


def _spans(doc: ParsedDocument) -> dict[tuple[int, int], Statement]:
    return {(s.span.char_start, s.span.char_end): s for s in doc.statements}


def _agreement(info: DocumentInfo, own: ParsedDocument, general: ParsedDocument) -> Agreement:
    a, b = _spans(own), _spans(general)
    same = a.keys() & b.keys()
    ranges = sorted(b)
    overlapping = sum(1 for s, e in a if any(s < ge and gs < e for gs, ge in ranges))
    missed = [a[k] for k in sorted(a.keys() - same)]
    added = [b[k] for k in sorted(b.keys() - same)]
    total = len(a) + len(b)
    return Agreement(
        doc_id=info.id,
        form=info.form,
        dedicated=len(a),
        general=len(b),
        same=len(same),
        overlapping=overlapping,
        agreement=round(2 * len(same) / total, 4) if total else 1.0,
        same_modality=sum(1 for k in same if a[k].modality is b[k].modality),
        missed_by_kind=dict(Counter(s.kind for s in missed).most_common()),
        missed_examples=[_show(s) for s in missed[:_EXAMPLES]],
        added_examples=[_show(s) for s in added[:_EXAMPLES]],
    )


def _show(stmt: Statement) -> str:
    text = stmt.normalised if len(stmt.normalised) <= 90 else stmt.normalised[:87] + "…"
    return f"l.{stmt.span.line_start} {stmt.kind}: {text}"


def render(rows: list[Agreement]) -> str:
    """The Markdown report."""
    out = [
        "# General text form against the dedicated forms",
        "",
        "Written by `python -m bench.form_agreement` (statement spans compared exactly; "
        "agreement = 2·same / (dedicated + general)). Retire at ≥ 95 %.",
        "",
        "| document | form | dedicated | general | same spans | overlapping | agreement | "
        "same spans, same modality | ≥ 95 %? |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        out.append(
            f"| {r.doc_id} | `{r.form}` | {r.dedicated} | {r.general} | {r.same} | "
            f"{r.overlapping} | {r.agreement:.1%} | {r.same_modality} | "
            f"{'yes' if r.retire else 'no'} |"
        )
    for r in rows:
        out += ["", f"## {r.doc_id} (`{r.form}`)", ""]
        kinds = ", ".join(f"{k} {n}" for k, n in r.missed_by_kind.items()) or "none"
        out.append(f"Dedicated spans the general form does not reproduce, by kind: {kinds}.")
        out += ["", "Missed (dedicated only):", ""] + [f"- {e}" for e in r.missed_examples]
        out += ["", "Added (general only):", ""] + [f"- {e}" for e in r.added_examples]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/form-agreement")
    args = parser.parse_args(argv)
    rows = [compare(i, args.corpus) for i in load_registry() if i.form != "general"]
    args.out.with_suffix(".json").write_text(
        json.dumps([asdict(r) | {"retire": r.retire} for r in rows], indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    args.out.with_suffix(".md").write_text(render(rows), encoding="utf-8")
    for r in rows:
        print(f"{r.doc_id}: {r.agreement:.1%} ({r.same}/{r.dedicated} dedicated, {r.general})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
