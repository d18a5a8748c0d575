"""The dortmund-kg command: exit codes 0 ok, 1 does not conform, 2 error (as pySHACL)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dortmund_kg.cli import main

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_build_prints_what_it_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--out", str(tmp_path / "build"), "--only", "2020-dos-visionen"])
    out = capsys.readouterr().out
    assert code == 0
    assert "2020-dos-visionen:" in out and "pledges" in out


def test_build_error_exits_2_and_names_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "2020-dos-visionen.txt").write_bytes(b"\xff\xfe")
    code = main(
        [
            "build",
            "--corpus",
            str(corpus),
            "--out",
            str(tmp_path / "build"),
            "--only",
            "2020-dos-visionen",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "2020-dos-visionen.txt" in err and "previous build" in err


@pytest.mark.slow
def test_validate_conforming_build_exits_0(built_dir: Path) -> None:
    assert main(["validate", "--out", str(built_dir)]) == 0


@pytest.mark.slow
def test_validate_reports_violation_with_file_line(
    built_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Drop one statement's lineEnd: validate must exit 1 and name the statement's file:line."""
    broken = tmp_path / "broken"
    broken.mkdir()
    lines = (built_dir / "dataset.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    victim = next(
        line
        for line in lines
        if "/id/statement/2020-dos-visionen/" in line and "/def/lineEnd>" in line
    )
    (broken / "dataset.nq").write_text("".join(x for x in lines if x != victim), encoding="utf-8")
    code = main(["validate", "--out", str(broken)])
    out = capsys.readouterr().out
    assert code == 1
    assert "2020-dos-visionen.txt:" in out and "lineEnd" in out


def test_validate_without_build_exits_2(tmp_path: Path) -> None:
    assert main(["validate", "--out", str(tmp_path)]) == 2
