"""The alignment gold's test half is frozen: a changed file fails here instead of passing unseen."""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent / "alignment"


def test_alignment_test_half_is_frozen_as_recorded() -> None:
    frozen = tomllib.loads((HERE / "FROZEN.toml").read_text(encoding="utf-8"))
    assert frozen["date"] and frozen["frozen"]
    for name, digest in frozen["frozen"].items():
        assert hashlib.sha256((HERE / name).read_bytes()).hexdigest() == digest, name


def test_alignment_gold_has_both_halves_and_both_kinds() -> None:
    for half in ("dev", "test"):
        for kind in ("pairs", "progress"):
            lines = (HERE / half / f"{kind}.tsv").read_text(encoding="utf-8").splitlines()
            assert len(lines) > 10, (half, kind)
