"""Session fixtures shared by the test packages: one real build of the whole corpus.

Building takes seconds, so it runs once per session into a temporary directory (never the
working tree's ``build/``); query and API tests read that build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete build of the real corpus (``dataset.nq``, exports, ``summary.json``)."""
    from graph_build.pipeline import build

    link = tmp_path_factory.mktemp("kg") / "build"
    build(CORPUS, link)
    return link


@pytest.fixture(scope="session")
def built_store(built_dir: Path) -> Iterator[object]:
    """The build loaded into an in-memory pyoxigraph backend (``api.engine.backends``)."""
    from api.engine.backends import OxigraphBackend

    yield OxigraphBackend.from_file(built_dir / "dataset.nq")


@pytest.fixture(scope="session")
def run_named(built_store: object):  # type: ignore[no-untyped-def]
    """Run a named query of ``queries/`` on the build: ``run_named(name, **params)`` → rows."""
    from api.engine.named_queries import load_catalog, run

    catalog = load_catalog()

    def _run(name: str, **params: str) -> list[dict[str, str]]:
        result = run(catalog[name], built_store, params)  # type: ignore[arg-type]
        rows: list[dict[str, str]] = result.to_json()["rows"]
        return rows

    return _run
