"""The registry of documents: what it accepts, and a clear error naming the entry otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.registry import RegistryError, load_registry

ENTRY = """
[[document]]
id = "x"
file = "x.txt"
title = "X"
authors = ["spd-dortmund"]
date = "2026"
type = "ElectionProgramme"
form = "general"
sha256 = "AB"
"""


def _write(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "documents.toml"
    path.write_text(ENTRY + extra, encoding="utf-8")
    return path


def test_headings_are_nested_unless_declared_flat(tmp_path: Path) -> None:
    (nested,) = load_registry(_write(tmp_path))
    assert not nested.flat_headings and nested.sha256 == "ab"
    (flat,) = load_registry(_write(tmp_path, 'headings = "flat"\n'))
    assert flat.flat_headings


def test_an_unknown_heading_layout_names_the_entry(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match=r"#1: headings 'flach': one of nested, flat"):
        load_registry(_write(tmp_path, 'headings = "flach"\n'))


def test_the_corpus_declares_the_leitlinien_headings_flat() -> None:
    flat = [d.id for d in load_registry() if d.flat_headings]
    assert flat == ["2021-gruene-cdu-leitlinien"]
