"""Evaluate the linker against the hand-annotated development set (``tests/devset/``).

Each devset item is a line range of a corpus file with the actors it names (explicit), the
actors it concerns without naming them (implicit) and the places it names, annotated by reading
the text. The script links each item as a statement, runs the OWL RL reasoner over ontology,
reference data and the link triples (as the build does), and reports precision and recall per
mention kind and per actor. It is a report, not a threshold: nothing here is tuned to pass.

Usage: ``.venv/bin/python bench/linking_eval.py`` → ``bench/results/linking-eval.{md,json}``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import owlrl
from rdflib import Graph, Literal, URIRef

from mappings.link.linking import link
from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.records import Modality, Statement, Testability
from mappings.reference.load import reference_graph
from mappings.text.markup import join_lines
from mappings.text.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset" / "linking-devset.jsonl"
HELDOUT = ROOT / "tests" / "devset" / "linking-heldout.jsonl"
RESULTS = ROOT / "bench" / "results"
ACTOR = str(iri.actor("x"))[:-1]
PLACE = str(iri.place("x"))[:-1]
KINDS = ("explicit_actors", "implicit_actors", "places")


@dataclass(frozen=True)
class Item:
    doc: str
    line_start: int
    line_end: int
    gold: dict[str, frozenset[str]]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


def load_devset(path: Path = DEVSET) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        gold = {k: frozenset(raw[k]) for k in KINDS}
        items.append(Item(raw["doc"], raw["line_start"], raw["line_end"], gold))
    return items


def as_statement(source: SourceText, item: Item, ordinal: int) -> Statement:
    """The item's lines as a statement, as a parser would report it."""
    span = source.trimmed_span(source.line_start(item.line_start), source.line_end(item.line_end))
    verbatim = source.slice(span)
    return Statement(
        ordinal=ordinal,
        kind="devset",
        section_key=None,
        section_path=(),
        verbatim=verbatim,
        normalised=join_lines(verbatim),
        span=span,
        modality=Modality.COMMITMENT,
        testability=Testability.ASPIRATIONAL,
    )


def _slugs(graph: Graph, subject: URIRef, predicate: URIRef, prefix: str) -> set[str]:
    return {
        str(o)[len(prefix) :]
        for o in graph.objects(subject, predicate)
        if str(o).startswith(prefix)
    }


def evaluate(items: list[Item]) -> tuple[dict[str, Score], dict[str, dict[str, Score]], float]:
    ontology = Graph()
    for name in ("core.ttl", "entities.ttl"):
        if (ROOT / "ontology" / name).exists():
            ontology.parse(ROOT / "ontology" / name)
    graph = ontology + reference_graph()
    sources: dict[str, SourceText] = {}
    subjects: list[URIRef] = []
    for n, item in enumerate(items, start=1):
        if item.doc not in sources:
            sources[item.doc] = SourceText.read(ROOT / "corpus" / f"{item.doc}.txt")
        statement = as_statement(sources[item.doc], item, n)
        subject = iri.statement(item.doc, f"devset-{item.line_start}-{item.line_end}")
        subjects.append(subject)
        for triple in link(subject, statement, item.doc):
            if not isinstance(triple[2], Literal):
                graph.add(triple)
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    seconds = time.perf_counter() - started

    overall = {k: Score() for k in KINDS}
    per_entity: dict[str, dict[str, Score]] = {k: defaultdict(Score) for k in KINDS}
    for item, subject in zip(items, subjects, strict=True):
        explicit = _slugs(graph, subject, DOKG.mentions, ACTOR)
        predicted = {
            "explicit_actors": explicit,
            "implicit_actors": _slugs(graph, subject, DOKG.concernsIndirectly, ACTOR) - explicit,
            "places": _slugs(graph, subject, DOKG.mentions, PLACE),
        }
        where = f"{item.doc}:{item.line_start}-{item.line_end}"
        for kind in KINDS:
            gold, got = set(item.gold[kind]), predicted[kind]
            for slug in gold | got:
                score = per_entity[kind][slug]
                if slug in gold and slug in got:
                    score.tp += 1
                    overall[kind].tp += 1
                elif slug in got:
                    score.fp += 1
                    overall[kind].fp += 1
                    overall[kind].errors.append(f"FP {slug} @ {where}")
                else:
                    score.fn += 1
                    overall[kind].fn += 1
                    overall[kind].errors.append(f"FN {slug} @ {where}")
    return overall, per_entity, seconds


def report(
    title: str,
    path: Path,
    items: list[Item],
    overall: dict[str, Score],
    per_entity: dict[str, dict[str, Score]],
    seconds: float,
) -> tuple[str, dict[str, object]]:
    docs: dict[str, int] = defaultdict(int)
    for item in items:
        docs[item.doc] += 1
    lines = [
        f"# {title}",
        "",
        f"{len(items)} statements (line ranges) annotated by reading "
        f"(`{path.relative_to(ROOT)}`): "
        + ", ".join(f"{d} {n}" for d, n in sorted(docs.items()))
        + ".",
        f"Reasoning over the set took {seconds:.1f} s.",
        "",
        "## Per mention kind (micro-averaged)",
        "",
        "| kind | TP | FP | FN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in KINDS:
        s = overall[kind]
        lines.append(f"| {kind} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | {s.recall:.3f} |")
    for kind in KINDS:
        lines += [
            "",
            f"## {title}: {kind} per entity",
            "",
            "| entity | TP | FP | FN | precision | recall |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for slug, s in sorted(
            per_entity[kind].items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0])
        ):
            lines.append(
                f"| {slug} | {s.tp} | {s.fp} | {s.fn} | {s.precision:.3f} | {s.recall:.3f} |"
            )
    lines += ["", f"## {title}: errors", ""]
    for kind in KINDS:
        lines.append(f"- **{kind}**: " + ("; ".join(overall[kind].errors) or "none"))
    data: dict[str, object] = {
        "statements": len(items),
        "documents": dict(docs),
        "reasoning_seconds": round(seconds, 1),
        "overall": {k: overall[k].as_dict() for k in KINDS},
        "per_entity": {
            k: {slug: s.as_dict() for slug, s in sorted(per_entity[k].items())} for k in KINDS
        },
        "errors": {k: overall[k].errors for k in KINDS},
    }
    return "\n".join(lines) + "\n", data


PREAMBLE = """# Linking evaluation

Explicit = actors a statement names; implicit = actors it concerns without naming them (derived
only by the OWL RL reasoner from reference facts: operators, company groups, project actors);
places = places it names. Annotation guidelines: `tests/devset/README.md`.

The **held-out set** was annotated after the last change to the lexicon and the reference data,
and neither was changed after scoring it (the ontology's chains were later given names, which
left every score unchanged). The **development set** was used while
building the linker (its first run and the changes it prompted are recorded in
`tests/devset/README.md`), so its scores are optimistic.

"""


def main() -> int:
    parts: list[str] = [PREAMBLE]
    data: dict[str, object] = {}
    for key, title, path in (
        ("heldout", "Held-out set", HELDOUT),
        ("development", "Development set", DEVSET),
    ):
        items = load_devset(path)
        overall, per_entity, seconds = evaluate(items)
        markdown, result = report(title, path, items, overall, per_entity, seconds)
        parts.append(markdown.replace(f"# {title}", f"## {title}", 1).replace("\n## ", "\n### "))
        data[key] = result
    text = "\n".join(parts)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "linking-eval.md").write_text(text, encoding="utf-8")
    (RESULTS / "linking-eval.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
