"""Checksums: a changed or unlisted source stops the build with the file's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_build.checksums import read_sums, verify
from graph_build.errors import BuildError
from mappings.registry import load_registry

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_corpus_matches_registry_and_sums() -> None:
    verify(CORPUS, load_registry())


def test_malformed_sums_line_names_line(tmp_path: Path) -> None:
    sums = tmp_path / "SHA256SUMS"
    sums.write_text("abc  file.txt\n")
    with pytest.raises(BuildError, match=r"SHA256SUMS:1: not a 'sha256  file' line"):
        read_sums(sums)


def test_unlisted_file_is_an_error(tmp_path: Path) -> None:
    for p in CORPUS.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "SHA256SUMS").write_text("")
    with pytest.raises(BuildError, match="no checksum for"):
        verify(tmp_path, load_registry())
