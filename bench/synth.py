"""Synthetic corpora ×N made from the five real documents, for the scale benchmarks.

A corpus ten or a hundred times larger than the real one must still look like the real one to
the pipeline: the same text forms (so the same parsers run), the same share of pledges, places,
targets and actors per page. Copy 0 of every document is the original; every further copy is
the original with, chosen by a seeded random generator per copy:

* other authors of the same kind (a party programme stays a party's, a city paper the city's),
* its dates and every year in its text moved by the same offset (targets keep their horizon),
* the names of the twelve Stadtbezirke permuted (place mentions move, their number does not),
* part of its wording replaced by synonyms (statement texts, hence IRIs, differ).

Every substitution keeps the line structure, so spans and line numbers stay valid. The output
is a corpus directory with ``SHA256SUMS`` and a registry TOML in the format of
``mappings/documents.toml``.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from mappings.registry import REGISTRY_FILE, DocumentInfo, load_registry

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# Authors by document type: who could plausibly have written a document of that kind.
AUTHOR_POOLS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ElectionProgramme": (
        ("spd-dortmund",),
        ("gruene-dortmund",),
        ("cdu-dortmund",),
        ("dos",),
    ),
    "CooperationAgreement": (
        ("gruene-fraktion-dortmund", "cdu-fraktion-dortmund"),
        ("cdu-fraktion-dortmund", "gruene-fraktion-dortmund"),
    ),
    "VisionPaper": (("dos",), ("gruene-dortmund",), ("spd-dortmund",)),
    "StrategyPaper": (("stadt-dortmund",),),
}

# The Stadtbezirke as the texts name them; each copy permutes them.
DISTRICTS = (
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Eving",
    "Scharnhorst",
    "Brackel",
    "Aplerbeck",
    "Hörde",
    "Hombruch",
    "Lütgendortmund",
    "Huckarde",
    "Mengede",
)

# Wording: neutral synonyms (no modal verbs, so the modality mix stays the original's).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "schnell": ("zügig", "rasch"),
    "deutlich": ("spürbar", "erheblich"),
    "wichtig": ("bedeutend", "zentral"),
    "stärker": ("mehr", "verstärkt"),
    "insbesondere": ("vor allem", "besonders"),
    "Menschen": ("Bürger*innen", "Einwohner*innen"),
    "weiter": ("weiterhin", "auch künftig"),
    "gemeinsam": ("zusammen", "miteinander"),
    "nachhaltig": ("dauerhaft", "zukunftsfähig"),
    "Angebot": ("Angebotsspektrum", "Leistungsangebot"),
    "Quartier": ("Viertel", "Stadtteil"),
    "Quartieren": ("Vierteln", "Stadtteilen"),
    "moderne": ("zeitgemäße", "neue"),
    "sicher": ("verlässlich", "geschützt"),
}
SYNONYM_SHARE = 0.5  # share of synonym occurrences that are replaced in a copy
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
YEAR_SHIFTS = (-10, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 10)


@dataclass(frozen=True)
class SynthCorpus:
    """Where a generated corpus lives and how many documents it has."""

    corpus_dir: Path
    registry: Path
    documents: int
    bytes: int


def _shift_year(text: str, shift: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


def _permute_districts(text: str, rng: random.Random) -> str:
    shuffled = list(DISTRICTS)
    rng.shuffle(shuffled)
    mapping = dict(zip(DISTRICTS, shuffled, strict=True))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, DISTRICTS)) + r")(?![\w-])")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def _reword(text: str, rng: random.Random) -> str:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, SYNONYMS)) + r")\b")

    def replace(m: re.Match[str]) -> str:
        if rng.random() >= SYNONYM_SHARE:
            return m.group(1)
        return rng.choice(SYNONYMS[m.group(1)])

    return pattern.sub(replace, text)


def vary_text(text: str, *, shift: int, rng: random.Random) -> str:
    """One copy's text: years shifted, districts permuted, wording varied; lines kept."""
    varied = _reword(_permute_districts(_shift_year(text, shift), rng), rng)
    assert varied.count("\n") == text.count("\n"), "a variation must keep the lines"
    return varied


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _entry(info: DocumentInfo) -> str:
    lines = [
        "[[document]]",
        f"id = {_toml_str(info.id)}",
        f"file = {_toml_str(info.file)}",
        f"title = {_toml_str(info.title)}",
        "authors = [" + ", ".join(_toml_str(a) for a in info.authors) + "]",
        f"date = {_toml_str(info.date)}",
    ]
    if info.election:
        lines.append(f"election = {_toml_str(info.election)}")
    lines += [
        f"type = {_toml_str(info.type)}",
        f"form = {_toml_str(info.form)}",
        f"sha256 = {_toml_str(info.sha256)}",
    ]
    return "\n".join(lines) + "\n"


def generate(
    scale: int,
    out_dir: Path,
    *,
    seed: int = 20_250_914,
    corpus_dir: Path = CORPUS,
    registry: Path = REGISTRY_FILE,
) -> SynthCorpus:
    """Write a corpus of ``scale`` copies of every registered document into ``out_dir``.

    Deterministic for a seed, so a benchmark rerun builds the same bytes.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    originals = load_registry(registry)
    target = out_dir / "corpus"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    entries: list[str] = []
    sums: list[str] = []
    total = 0
    for info in originals:
        text = (corpus_dir / info.file).read_text(encoding="utf-8")
        for copy in range(scale):
            rng = random.Random(f"{seed}:{info.id}:{copy}")
            if copy == 0:
                doc_id, body, shift, authors = info.id, text, 0, info.authors
            else:
                shift = rng.choice(YEAR_SHIFTS)
                doc_id = f"{info.id}-s{copy:03d}"
                body = vary_text(text, shift=shift, rng=rng)
                authors = rng.choice(AUTHOR_POOLS.get(info.type, (info.authors,)))
            data = body.encode("utf-8")
            digest = hashlib.sha256(data).hexdigest()
            file = f"{doc_id}.txt"
            (target / file).write_bytes(data)
            total += len(data)
            varied = DocumentInfo(
                id=doc_id,
                file=file,
                title=info.title if copy == 0 else _shift_year(info.title, shift),
                authors=tuple(authors),
                date=_shift_year(info.date, shift),
                type=info.type,
                form=info.form,
                sha256=digest,
                election=None if info.election is None else _shift_year(info.election, shift),
            )
            entries.append(_entry(varied))
            sums.append(f"{digest}  {file}")
    (target / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    registry_out = out_dir / "documents.toml"
    header = f"# Synthetic corpus x{scale} (bench/synth.py, seed {seed}); not real documents.\n\n"
    registry_out.write_text(header + "\n".join(entries), encoding="utf-8")
    return SynthCorpus(target, registry_out, len(entries), total)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("scale", type=int, help="copies of every document, e.g. 10 or 100")
    parser.add_argument("out", type=Path, help="directory for corpus/ and documents.toml")
    parser.add_argument("--seed", type=int, default=20_250_914)
    args = parser.parse_args(argv)
    made = generate(args.scale, args.out, seed=args.seed)
    print(f"{made.documents} documents, {made.bytes:,} bytes: {made.corpus_dir}, {made.registry}")


if __name__ == "__main__":
    main()
