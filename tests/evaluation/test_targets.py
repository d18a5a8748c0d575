"""The extraction targets of the test half, measured on a fresh build of the real corpus.

A met target that regresses fails here. A target still missed is listed in ``KNOWN_MISSES``
with its measurement (and in the report and the README); it is expected to fail, strictly, so
the day it is met this test fails until the entry is removed: misses cannot hide and wins
cannot go unrecorded. The committed report must match the fresh figures, so what the README
quotes is what the code does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.extraction.__main__ import ROOT, evaluate_half, read_dir
from bench.extraction.split import Split
from bench.extraction.system import name_lexicon, open_dump, read_statements
from bench.extraction.targets import TARGETS, figure

HERE = Path(__file__).resolve().parent
REPORT = ROOT / "bench" / "results" / "extraction-eval.json"

# key → why it is still missed (measurement on the test half, see the report)
KNOWN_MISSES: dict[str, str] = {
    "implicit.recall": "test half 0.829, wanted ≥ 0.90",
    "implicit.precision": "test half 0.866, wanted ≥ 0.95",
    "targets.recall": "test half 0.731, wanted ≥ 0.90",
    "places.recall": "test half 0.844, wanted ≥ 0.90",
}


@pytest.fixture(scope="module")
def fresh(built_dir: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Test- and dev-half figures of the session's build."""
    store = open_dump(built_dir / "dataset.nq")
    system = read_statements(store)
    names = name_lexicon(store)
    split = Split.read(HERE / "split.toml")
    out = {}
    for half in ("dev", "test"):
        data, _ = evaluate_half(half, read_dir(HERE / "gold" / half), system, split, names)
        out[half] = data["all"]  # type: ignore[assignment]
    return out


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(t, id=t.key, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[t.key]))
        if t.key in KNOWN_MISSES
        else pytest.param(t, id=t.key)
        for t in TARGETS
    ],
)
def test_test_half_meets_target(fresh: dict[str, dict[str, dict[str, float]]], target) -> None:  # type: ignore[no-untyped-def]
    value = figure(fresh["test"], target.key)
    assert target.met(value), f"{target.label}: {value:.3f}, wanted {target.wanted}"


def test_committed_report_matches_the_build(fresh: dict[str, dict[str, dict[str, float]]]) -> None:
    committed = json.loads(REPORT.read_text(encoding="utf-8"))
    for half in ("dev", "test"):
        assert committed[half]["all"] == fresh[half], f"{half}: run `make eval` and commit"
