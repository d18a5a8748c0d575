"""The development/test split: whole top-level sections, drawn with a fixed seed.

Sections tile each document (a section runs from its first statement's line to the line before
the next section). They are shuffled with the seed and each goes to the half that has fewer
lines so far, so both halves hold about half of every document. The result is frozen in
``tests/evaluation/split.toml`` together with the SHA-256 of the test half's files: a later
change of the test half fails a test instead of passing unnoticed.
"""

from __future__ import annotations

import hashlib
import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

SEED = 20261204


@dataclass(frozen=True)
class Section:
    doc: str
    title: str
    first: int
    last: int

    @property
    def lines(self) -> int:
        return self.last - self.first + 1


def tile(doc: str, starts: list[tuple[str, int]], line_count: int) -> list[Section]:
    """Sections from their first lines; the first one begins at line 1."""
    ordered = sorted(starts, key=lambda s: s[1])
    sections = []
    for index, (title, first) in enumerate(ordered):
        begin = 1 if index == 0 else first
        end = ordered[index + 1][1] - 1 if index + 1 < len(ordered) else line_count
        sections.append(Section(doc, title, begin, end))
    return sections


def draw(sections: list[Section], *, seed: int = SEED) -> dict[str, list[Section]]:
    """Assign shuffled sections to the half with fewer lines so far (test first on ties)."""
    shuffled = list(sections)
    random.Random(f"{seed}:{sections[0].doc}").shuffle(shuffled)
    halves: dict[str, list[Section]] = {"test": [], "dev": []}
    for section in shuffled:
        test_lines = sum(s.lines for s in halves["test"])
        dev_lines = sum(s.lines for s in halves["dev"])
        halves["test" if test_lines <= dev_lines else "dev"].append(section)
    return {half: sorted(items, key=lambda s: s.first) for half, items in halves.items()}


@dataclass(frozen=True)
class Split:
    """Which lines of which document belong to which half."""

    ranges: dict[str, dict[str, list[tuple[int, int]]]]  # half → doc → [(first, last)]
    frozen: dict[str, str]  # test file name → SHA-256
    date: str

    def half_of(self, doc: str, line: int) -> str | None:
        for half, docs in self.ranges.items():
            if any(a <= line <= b for a, b in docs.get(doc, [])):
                return half
        return None

    @classmethod
    def read(cls, path: Path) -> Split:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        ranges = {
            half: {doc: [(int(a), int(b)) for a, b in spans] for doc, spans in docs.items()}
            for half, docs in data["ranges"].items()
        }
        return cls(ranges, dict(data.get("frozen", {})), str(data.get("date", "")))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_split(
    path: Path, halves: dict[str, dict[str, list[Section]]], frozen: dict[str, str], date: str
) -> None:
    """``split.toml``: seed, date, line ranges per half and document, test-file hashes."""
    out = [
        "# Development/test split of the extraction evaluation (bench/extraction/split.py).",
        "# Whole top-level sections, seeded; the test half is frozen: its files' SHA-256 below",
        "# were recorded before any tuning on the development half.",
        f"seed = {SEED}",
        f'date = "{date}"',
        "",
    ]
    for half in ("dev", "test"):
        out.append(f"[ranges.{half}]")
        for doc, sections in sorted(halves[half].items()):
            spans = ", ".join(f"[{s.first}, {s.last}]" for s in sections)
            out.append(f'"{doc}" = [{spans}]')
        out.append("")
    out.append("[frozen]")
    for name, digest in sorted(frozen.items()):
        out.append(f'"{name}" = "{digest}"')
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
