"""The build layout and the version: one place names a build's files and stamps its version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mappings.build_files import VERSION, BuildDir

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_the_one_pyproject_declares() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert declared["project"]["version"] == VERSION


def test_a_build_without_a_dump_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "dataset.nq")):
        BuildDir(tmp_path).require_dataset()


def test_a_build_with_a_dump_gives_its_path(tmp_path: Path) -> None:
    (tmp_path / "dataset.nq").write_text("", encoding="utf-8")
    assert BuildDir(tmp_path).require_dataset() == tmp_path / "dataset.nq"
