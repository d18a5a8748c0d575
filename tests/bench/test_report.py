"""The benchmark report's verdicts: a target is met, missed or honestly "not measured"."""

from __future__ import annotations

from typing import Any

from bench.report import evaluate_targets


def _latency(p50: float) -> dict[str, Any]:
    return {"p50_ms": p50, "p95_ms": p50, "p99_ms": p50, "rows": 1}


def _size(wall: float, docs: int, store: dict[str, float], rdflib: dict[str, float] | None,
          api: dict[str, float]) -> dict[str, Any]:
    queries: dict[str, Any] = {
        "dump_bytes": 1,
        "store_open_seconds": 0.1,
        "cases": {name: {"kind": "named", "values": {}} for name in store},
        "store": {name: _latency(v) for name, v in store.items()},
        "api_nocache": {"latency": {name: _latency(v) for name, v in api.items()},
                        "cache_entries": 0},
    }
    if rdflib is not None:
        queries["rdflib"] = {"latency": {name: _latency(v) for name, v in rdflib.items()}}
    return {
        "corpus_bytes": 1,
        "build": {"wall_seconds": wall, "seconds_per_document": wall / docs,
                  "peak_rss_mib": 200.0, "peak_rss_workers_mib": 300.0},
        "queries": queries,
    }


def _verdicts(report: dict[str, Any]) -> dict[str, tuple[bool | None, str]]:
    return {t["target"]: (t["met"], t["measured"]) for t in evaluate_targets(report)}


def test_every_target_is_judged_on_its_own_limit() -> None:
    report = {"sizes": {
        "1": _size(9.0, 5, {"a": 1.0, "b": 4.0}, {"a": 30.0, "b": 40.0}, {"a": 2.5, "b": 7.0}),
        "100": _size(1500.0, 500, {"a": 20.0, "b": 60.0}, None, {"a": 21.0, "b": 61.0}),
    }}
    verdicts = _verdicts(report)
    assert verdicts["full build of the real corpus"][0] is True
    assert verdicts["build time per document ×100 / ×1"] == (False, "1.67 (×100)")
    assert verdicts["build peak memory at ×100"][0] is True
    # b: 40 / 4 = 10× is under 20×, so the ratio target is missed even though a meets it
    assert verdicts["embedded store vs rdflib, named queries p50 (×1)"][0] is False
    # 7.0 - 4.0 = 3 ms over the store call
    assert verdicts["API (cache off) overhead over the direct store call, p50 (×1)"][0] is False
    assert verdicts["named queries p50 through the API (api_nocache), ×100"] == (
        False, "1/2 meet; worst 61.0 ms"
    )


def test_a_size_that_was_not_run_is_not_measured_never_met() -> None:
    report = {"sizes": {
        "1": _size(9.0, 5, {"a": 1.0}, {"a": 30.0}, {"a": 1.5}),
        "10": _size(60.0, 50, {"a": 2.0}, {"a": 50.0}, {"a": 2.5}),
    }}
    verdicts = _verdicts(report)
    assert verdicts["build time per document ×100 / ×1"][0] is None
    assert verdicts["build peak memory at ×100"][0] is None
    assert verdicts["named queries p50 through the API (api_nocache), ×10"][0] is None
