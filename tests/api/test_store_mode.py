"""How query workers open the graph: in memory when the dump is small, on disk otherwise."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from api.settings import Settings
from api.web.server import worker_source


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    (tmp_path / "dataset.nq").write_bytes(b"<http://a> <http://b> <http://c> .\n" * 10)
    return tmp_path


def test_auto_loads_a_small_dump_into_memory(build_dir: Path) -> None:
    settings = Settings(build_dir=build_dir)
    source = worker_source(build_dir / "store", settings)
    assert (source.kind, source.path) == ("memory", build_dir / "dataset.nq")


def test_auto_opens_a_dump_over_the_limit_on_disk(build_dir: Path) -> None:
    settings = Settings(build_dir=build_dir, memory_store_max_bytes=100)
    source = worker_source(build_dir / "store", settings)
    assert (source.kind, source.path) == ("disk", build_dir / "store")


@pytest.mark.parametrize("mode", ["memory", "disk"])
def test_an_explicit_mode_wins_over_the_size(build_dir: Path, mode: str) -> None:
    settings = replace(Settings(build_dir=build_dir, memory_store_max_bytes=100), store_mode=mode)
    assert worker_source(build_dir / "store", settings).kind == mode


def test_an_unknown_mode_in_the_environment_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DORTMUND_KG_STORE_MODE", "ram")
    with pytest.raises(ValueError, match="DORTMUND_KG_STORE_MODE: 'ram'"):
        Settings.from_env()


def test_a_setting_that_is_no_number_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DORTMUND_KG_MEMORY_STORE_MAX_BYTES", "lots")
    with pytest.raises(ValueError, match="DORTMUND_KG_MEMORY_STORE_MAX_BYTES: 'lots'"):
        Settings.from_env()
