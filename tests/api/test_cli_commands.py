"""``dortmund-kg query`` and ``serve`` as the pipeline's CLI registers them."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from api.cli_commands import add_subcommands
from tests.api.conftest import FIXTURE


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dortmund-kg")
    add_subcommands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build directory holding the fixture as ``dataset.nq``."""
    out = tmp_path_factory.mktemp("build")
    quads = ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    ox.serialize(quads, output=str(out / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    return out


def test_query_prints_json_rows(build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _main(["query", "search", "--param", "q=Oepnv", "--build-dir", str(build_dir)])
    assert code == 0
    body = json.loads(capsys.readouterr().out)
    assert len(body["rows"]) == 3 and body["params"] == {"q": "Oepnv"}


def test_query_prints_csv(build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _main(
        [
            "query",
            "compare-parties",
            "-p",
            "topic=wohnen",
            "--format",
            "csv",
            "--build-dir",
            str(build_dir),
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["authorLabel"], r["pledges"]) for r in rows] == [("SPD Dortmund", "1")]


def test_bad_parameter_exits_2_naming_it(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _main(
        ["query", "search", "-p", "q=x", "-p", "modality=maybe", "--build-dir", str(build_dir)]
    )
    assert code == 2
    assert "'modality'" in capsys.readouterr().err


def test_missing_build_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["query", "search", "-p", "q=x", "--build-dir", str(tmp_path)]) == 2
    assert "dortmund-kg build" in capsys.readouterr().err
    assert _main(["serve", "--build-dir", str(tmp_path)]) == 2


def test_query_without_name_lists_the_catalog(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(["query", "--build-dir", str(build_dir)]) == 0
    assert "search\t" in capsys.readouterr().out


def test_serve_with_a_bad_setting_exits_2_naming_it(
    build_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.web.server

    def must_not_serve(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("served despite a bad setting")

    monkeypatch.setattr(api.web.server.uvicorn, "run", must_not_serve)
    monkeypatch.setenv("DORTMUND_KG_STORE_MODE", "ram")
    assert _main(["serve", "--build-dir", str(build_dir)]) == 2
    assert "DORTMUND_KG_STORE_MODE" in capsys.readouterr().err
