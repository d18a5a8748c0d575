"""A short soak (10 clients, 10 s) against the real server on loopback: no errors, no leak."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "soak.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def soak() -> ModuleType:
    return _script()


def test_the_hostile_queries_are_all_there() -> None:
    names = {p.stem for p in (Path(__file__).parent / "data").glob("soak-*.rq")}
    assert {"soak-slow", "soak-service", "soak-from", "soak-update", "soak-nested"} <= names


@pytest.mark.soak
@pytest.mark.slow
def test_a_short_soak_has_no_errors_and_stable_memory(soak: ModuleType, tmp_path: Path) -> None:
    report = soak.soak(None, clients=10, duration=10.0, query_timeout=3.0)
    soak.write_report(report, tmp_path)
    assert report["errors"] == [] and report["error_count"] == 0
    assert report["server_alive_at_end"]
    assert report["rss_growth"] < soak.MAX_GROWTH
    kinds = report["kinds"]
    assert kinds["flood"]["statuses"].get("429", 0) > 0, "the flooder was never rate limited"
    assert kinds["slow"]["statuses"].get("503", 0) > 0, "the cross product was never stopped"
    assert set(kinds["refused"]["statuses"]) <= {"400", "429"}
    for kind in ("named", "sparql", "entity", "list"):
        assert kinds[kind]["statuses"].get("200", 0) > 0, kind
    assert "PASS" in (tmp_path / "soak.md").read_text(encoding="utf-8")
