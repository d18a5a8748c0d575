"""The benchmark report: the targets of the performance issue checked, and a Markdown table.

The JSON report is the record; the Markdown is generated from it only, so the two never differ.
A target that was not measured (×100 not run) is reported as such, with the nearest measured
figure, never as met.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from bench.stats import ratio

GiB = 1024


def _named(q: dict[str, Any]) -> list[str]:
    return [label for label, case in q["cases"].items() if case["kind"] == "named"]


def _p50(engine: dict[str, Any] | None, label: str) -> float | None:
    """The p50 in ms; for a query given up after a timeout, the timeout (a lower bound)."""
    if not engine:
        return None
    item = engine.get(label, {})
    if "timeout_s" in item:
        return float(item["timeout_s"]) * 1000
    value = item.get("p50_ms")
    return float(value) if value is not None else None


def _timed_out(engine: dict[str, Any] | None, label: str) -> bool:
    return bool(engine) and "timeout_s" in (engine or {}).get(label, {})


def _api_keys(q: dict[str, Any]) -> list[str]:
    order = ["api", "api_nocache", "api_inline_nocache"]
    keys = [k for k in q if k.startswith("api")]
    return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))


def _api(q: dict[str, Any], key: str) -> dict[str, Any] | None:
    entry = q.get(key)
    if not entry:
        return None
    latency: dict[str, Any] = entry["latency"]
    return latency


def _target(
    name: str, limit: str, measured: str, met: bool | None, note: str = ""
) -> dict[str, Any]:
    return {"target": name, "limit": limit, "measured": measured, "met": met, "note": note}


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    sizes = report["sizes"]
    out: list[dict[str, Any]] = []
    if not sizes:
        return out
    largest = max(sizes, key=int)
    one = sizes.get("1")
    if one:
        wall = one["build"]["wall_seconds"]
        out.append(_target("full build of the real corpus", "≤ 10 s", f"{wall} s", wall <= 10))
    big = sizes[largest]
    note = "" if largest == "100" else f"×100 not measured; figure at ×{largest}"
    if one and largest != "1":
        growth = ratio(big["build"]["seconds_per_document"], one["build"]["seconds_per_document"])
        out.append(
            _target(
                "build time per document ×100 / ×1",
                "≤ 1.2",
                f"{growth} (×{largest})",
                (growth is not None and growth <= 1.2) if not note else None,
                note,
            )
        )
    peak = max(big["build"]["peak_rss_mib"], big["build"]["peak_rss_workers_mib"])
    out.append(
        _target(
            "build peak memory at ×100",
            "≤ 4 GiB",
            f"{peak / GiB:.2f} GiB (×{largest})",
            peak <= 4 * GiB if not note else None,
            note,
        )
    )
    for size, limit in (("1", 5.0), (largest, 50.0)):
        if size not in sizes or (size == largest and largest == "1" and limit == 50.0):
            continue
        q = sizes[size]["queries"]
        for key in _api_keys(q):
            if key == "api_inline_nocache":
                continue
            api = _api(q, key)
            values = [v for n in _named(q) if (v := _p50(api, n)) is not None]
            if not values:
                continue
            worst = max(values)
            meeting = sum(v <= limit for v in values)
            label = "real corpus" if size == "1" else f"×{size}"
            size_note = "" if size in ("1", "100") else "×100 not measured"
            out.append(
                _target(
                    f"named queries p50 through the API ({key}), {label}",
                    f"≤ {limit:g} ms",
                    f"{meeting}/{len(values)} meet; worst {worst:.1f} ms",
                    (meeting == len(values)) if not size_note else None,
                    size_note,
                )
            )
    for size in sorted(sizes, key=int):
        q = sizes[size]["queries"]
        rdf = q.get("rdflib", {}).get("latency")
        if not rdf:
            continue
        ratios = [
            r for n in _named(q) if (r := ratio(_p50(rdf, n), _p50(q["store"], n))) is not None
        ]
        slow = [n for n in _named(q) if _timed_out(rdf, n)]
        if ratios:
            out.append(
                _target(
                    f"embedded store vs rdflib, named queries p50 (×{size})",
                    "≥ 20× faster",
                    f"min {min(ratios)}×, median {statistics.median(ratios)}×; "
                    f"{sum(r >= 20 for r in ratios)}/{len(ratios)} meet",
                    min(ratios) >= 20,
                    f"rdflib gave no answer within the timeout for {', '.join(slow)} "
                    "(ratio is a lower bound)"
                    if slow
                    else "",
                )
            )
    for size in sorted(sizes, key=int):
        q = sizes[size]["queries"]
        api = _api(q, "api_nocache")
        diffs = [
            a - s
            for n in _named(q)
            if (a := _p50(api, n)) is not None and (s := _p50(q["store"], n)) is not None
        ]
        if diffs:
            out.append(
                _target(
                    f"API (cache off) overhead over the direct store call, p50 (×{size})",
                    "≤ 2 ms",
                    f"max {max(diffs):.2f} ms, median {statistics.median(diffs):.2f} ms",
                    max(diffs) <= 2,
                )
            )
    for size in sorted(sizes, key=int):
        q = sizes[size]["queries"]
        for key in _api_keys(q):
            load = q[key].get("throughput")
            if not load:
                continue
            ceiling = next(v["rps"] for k, v in load.items() if k.startswith("trivial"))
            for label, v in load.items():
                if not label.startswith("named"):
                    continue
                share = ratio(v["rps"], ceiling)
                out.append(
                    _target(
                        f"throughput {label.removeprefix('named query ')} / trivial ceiling "
                        f"({key}, ×{size})",
                        "≥ 0.5",
                        f"{share} ({v['rps']} / {ceiling} req/s)",
                        share is not None and share >= 0.5,
                        "cache hits"
                        if q[key].get("cache_entries")
                        else "no cache: every request runs the query",
                    )
                )
    return out


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if value < 100 else f"{value:.0f}"
    return str(value)


def _latency_rows(q: dict[str, Any]) -> list[str]:
    engines = [("store", q.get("store"))]
    if q.get("store_disk"):
        engines.append(("store_disk", q["store_disk"]))
    engines += [(k, q[k]["latency"]) for k in _api_keys(q)]
    rdf = q.get("rdflib", {}).get("latency")
    engines.append(("rdflib", rdf))
    head = (
        "| query | kind | "
        + " | ".join(f"{name} p50 / p95 / p99 ms" for name, _ in engines)
        + " | rows | rdflib ÷ store (p50) | api_nocache − store (p50, ms) |"
    )
    rows = [head, "|" + "---|" * (len(engines) + 5)]
    for label, case in q["cases"].items():
        cells = []
        for _, data in engines:
            item = (data or {}).get(label)
            if not item:
                cells.append("–")
            elif "timeout_s" in item:
                cells.append(f"> {item['timeout_s']:g} s (gave up)")
            elif "error" in item:
                cells.append("error")
            else:
                cells.append(" / ".join(_fmt(item[f"p{p}_ms"]) for p in (50, 95, 99)))
        store = _p50(q.get("store"), label)
        api = _p50(_api(q, "api_nocache"), label)
        overhead = None if api is None or store is None else round(api - store, 2)
        counts = {(data or {}).get(label, {}).get("rows") for _, data in engines} - {None}
        shown = (
            "–"
            if not counts
            else (
                str(counts.pop()) if len(counts) == 1 else "differ: " + "/".join(map(str, counts))
            )
        )
        rows.append(
            f"| {label} | {case['kind']} | "
            + " | ".join(cells)
            + f" | {shown} | {'> ' if _timed_out(rdf, label) else ''}"
            f"{_fmt(ratio(_p50(rdf, label), store))} | {_fmt(overhead)} |"
        )
    return rows


def _when(entry: dict[str, Any]) -> str:
    measured = entry.get("measured")
    return f"{measured['date']}, {measured['commit']}" if measured else "–"


def _store_words(q: dict[str, Any]) -> str:
    if q.get("store_mode") != "memory":
        return "the on-disk store opened read-only, as the query workers open it at this size"
    words = "the dump in an in-memory store, as the query workers hold it at this size"
    if q.get("store_disk"):
        words += " (`store_disk`: the on-disk store opened read-only, for comparison)"
    return words


def write_markdown(report: dict[str, Any], path: Path) -> None:
    env = report["environment"]
    sizes = report["sizes"]
    lines = [
        "# dortmund-kg benchmark report",
        "",
        "Generated by `make bench` (`python -m bench.run`) from `report.json` beside this file.",
        f"Run {env['date']} on {env['cpus']} cores ({env['machine']}), load average at start "
        f"{env['load_average_at_start']} (the machine is shared: absolute figures are noisy, "
        "ratios measured in the same run are what count). Python {0}, pyoxigraph {1}, "
        "rdflib {2}.".format(env["python"], env["pyoxigraph"], env["rdflib"]),
        "",
        "## Targets",
        "",
        "| target | limit | measured | met | note |",
        "|---|---|---|---|---|",
    ]
    for t in report.get("targets", []):
        met = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        lines.append(f"| {t['target']} | {t['limit']} | {t['measured']} | {met} | {t['note']} |")
    lines += [
        "",
        "## Build",
        "",
        "Wall seconds are the median of the runs; stage seconds are summed over the build's "
        "worker processes (documents are built in parallel), so they can add up to more than "
        "the wall time. Peak memory is the resident set of the build process and the largest "
        "of its workers.",
        "",
        "| size | documents | corpus MB | triples | pledges | runs | wall s | s / document "
        "| growth per document vs ×1 | parse | map | link | reason | validate | write "
        "| peak MiB (main / worker) | measured |",
        "|" + "---|" * 17,
    ]
    base = sizes.get("1", {}).get("build", {}).get("seconds_per_document")
    for size, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        b = entry["build"]
        st = b["stage_seconds"]
        lines.append(
            f"| ×{size} | {b['documents']} | {entry['corpus_bytes'] / 1e6:.2f} | {b['triples']:,} "
            f"| {b['pledges']:,} | {b['runs']} | {b['wall_seconds']} | {b['seconds_per_document']} "
            f"| {_fmt(ratio(b['seconds_per_document'], base))} | "
            + " | ".join(
                _fmt(st.get(s)) for s in ("parse", "map", "link", "reason", "validate", "write")
            )
            + f" | {b['peak_rss_mib']:.0f} / {b['peak_rss_workers_mib']:.0f} | {_when(entry)} |"
        )
    for size, entry in sorted(sizes.items(), key=lambda kv: int(kv[0])):
        q = entry["queries"]
        lines += [
            "",
            f"## Query latency, ×{size}",
            "",
            f"`store`: pyoxigraph directly, {_store_words(q)}; `rdflib`: rdflib's "
            "SPARQL engine on the same dump; the HTTP API on loopback: "
            + "; ".join(f"`{k}`: {q[k].get('description', k)}" for k in _api_keys(q))
            + ". Hand-written SPARQL goes through `/sparql` (never cached). Median over runs "
            f"of each run's percentile; dump {q['dump_bytes'] / 1e6:.1f} MB.",
            "",
        ]
        lines += _latency_rows(q)
        opened = (
            f"pyoxigraph opened its on-disk store in {q['store_open_seconds']} s (bulk load "
            "included when first built)"
        )
        if "store_load_seconds" in q:
            opened += f" and loaded the dump into memory in {q['store_load_seconds']} s"
        rdf = q.get("rdflib")
        if rdf:
            lines += [
                "",
                f"rdflib: loading the dump took {rdf['load_seconds']} s and "
                f"{rdf['peak_rss_bytes'] / 2**20:.0f} MiB peak; {opened}.",
            ]
        else:
            lines += ["", f"rdflib: not run at this size; {opened}."]
        for key in _api_keys(q):
            load = q[key].get("throughput")
            if not load:
                continue
            first = next(iter(load.values()))
            lines += [
                "",
                f"### Throughput, {key}, ×{size} ({first['concurrency']} concurrent clients, "
                f"{first['seconds']:g} s per run)",
                "",
                "| endpoint | req/s (median) | runs | share of ceiling | p50 ms under load "
                "| errors |",
                "|---|---|---|---|---|---|",
            ]
            ceiling = next(v["rps"] for k, v in load.items() if k.startswith("trivial"))
            for label, v in load.items():
                lines.append(
                    f"| {label} | {v['rps']} | {v['rps_runs']} | {_fmt(ratio(v['rps'], ceiling))} "
                    f"| {v['p50_ms']} | {v['errors']} |"
                )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
