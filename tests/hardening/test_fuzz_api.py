"""Schemathesis against every OpenAPI operation: no request may cause a server error."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz_api.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_api", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_api"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fuzz_api() -> ModuleType:
    return _script()


def test_only_an_unplanned_5xx_counts_as_a_server_error(fuzz_api: ModuleType) -> None:
    assert fuzz_api.is_server_error(500, "Internal Server Error")
    assert fuzz_api.is_server_error(503, "no workers")
    assert not fuzz_api.is_server_error(503, "query took longer than 20 s; the query was stopped")
    assert not fuzz_api.is_server_error(429, "too many requests")


@pytest.mark.fuzz
def test_generated_requests_cause_no_server_error(fuzz_api: ModuleType) -> None:
    full = os.environ.get("DORTMUND_KG_FUZZ") == "full"
    report = fuzz_api.fuzz_app(fuzz_api.fixture_app(), cases=25 if full else 3, seed=None)
    assert report.operations >= 28, "every operation of the OpenAPI document is fuzzed"
    assert report.cases >= (1_000 if full else 80)
    assert report.failures == [], "\n".join(report.failures)
    assert report.statuses[200] > 0 and report.statuses[400] > 0  # it reached both outcomes
