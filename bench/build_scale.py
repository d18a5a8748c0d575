"""Build against reading what it writes, at ×1 and ×N, projected to ×1000 (issue 15's targets).

For each size, in one run: the build in a fresh process (:mod:`bench.build_worker`: the default
local Dask cluster, one worker process per core), then rdflib parsing the ``dataset.nq`` that
build wrote, also in a fresh process. The ratio of the two wall times is the target (≤ 1.0);
both are taken back to back so that the machine's load, which drifts, weighs on both alike.
×1000 is projected from the cost per document at the largest size measured (linear: documents
are independent tasks), for one machine of this size and for a cluster of them.

Usage: ``python -m bench.build_scale [--sizes 1,10] [--out bench/results]``.
Writes ``build-scale.json`` and ``build-scale.md``; the older report files stay as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import RESULTS, bench_build, corpus_for, measured_when
from mappings.build_files import BuildDir

PARSE = """
import json, resource, sys, time
from rdflib import Dataset
start, cpu = time.perf_counter(), time.process_time()
dataset = Dataset()
dataset.parse(sys.argv[1], format="nquads")
print(json.dumps({"wall_seconds": time.perf_counter() - start,
                  "cpu_seconds": time.process_time() - cpu, "quads": len(dataset),
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def rdflib_parse(dump: Path) -> dict[str, Any]:
    """rdflib reading a dump into a ``Dataset``, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PARSE, str(dump)], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure(size: int, work: Path, runs: int) -> dict[str, Any]:
    corpus, registry, nbytes = corpus_for(size, work)
    link = work / f"x{size}" / "build"
    link.parent.mkdir(parents=True, exist_ok=True)
    entry: dict[str, Any] = {"corpus_bytes": nbytes, "measured": measured_when()}
    entry["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    entry["build"] = bench_build(corpus, registry, link, runs)
    entry["rdflib_parse"] = rdflib_parse(BuildDir(link).dataset)
    entry["ratio"] = round(
        entry["build"]["wall_seconds"] / entry["rdflib_parse"]["wall_seconds"], 2
    )
    entry["cpu_ratio"] = round(
        entry["build"]["cpu_seconds"] / entry["rdflib_parse"]["cpu_seconds"], 2
    )
    entry["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return entry


def project(report: dict[str, Any], factor: int = 1000) -> dict[str, Any]:
    """×``factor`` from the largest size measured: per-document cost times documents."""
    largest = max(report["sizes"], key=int)
    build = report["sizes"][largest]["build"]
    documents = build["documents"] * factor // int(largest)
    per_doc_cpu = build["cpu_seconds"] / build["documents"]
    return {
        "from_size": int(largest),
        "documents": documents,
        "cpu_seconds": round(per_doc_cpu * documents),
        "wall_seconds_one_machine": round(build["seconds_per_document"] * documents),
        "wall_seconds_ten_machines": round(build["seconds_per_document"] * documents / 10),
        "peak_rss_workers_mib": build["peak_rss_workers_mib"],
        "triples": build["triples"] * factor // int(largest),
    }


def verdicts(report: dict[str, Any]) -> list[str]:
    one = report["sizes"].get("1")
    lines = []
    if one:
        met = "met" if one["ratio"] <= 1.0 else "not met"
        lines.append(
            f"Build of the real corpus ≤ 1.0 × rdflib's parse of its dataset.nq: **{met}** — "
            f"{one['build']['wall_seconds']:.1f} s against "
            f"{one['rdflib_parse']['wall_seconds']:.1f} s"
            f" ({one['ratio']:.2f}×; load average {one['load_average_before'][0]} before)."
        )
    lines.append(
        "The build runs on an existing distributed engine: **met** — Dask distributed, a "
        "LocalCluster of one worker process per core by default, `DORTMUND_KG_SCHEDULER` for a "
        "cluster on many machines; dumps byte-identical to a serial build (test)."
    )
    return lines


def render(report: dict[str, Any]) -> str:
    out = ["# Build against reading its output (issue 15)", ""]
    out += [f"- {line}" for line in verdicts(report)]
    out += [
        "",
        "| size | documents | quads | build wall s | build CPU s | s/document | "
        "rdflib parse s | ratio | parse CPU s | CPU ratio | main MiB | largest worker MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, e in sorted(report["sizes"].items(), key=lambda kv: int(kv[0])):
        b = e["build"]
        out.append(
            f"| ×{size} | {b['documents']} | {b['triples']:,} | {b['wall_seconds']} | "
            f"{b['cpu_seconds']} | {b['seconds_per_document']} | "
            f"{e['rdflib_parse']['wall_seconds']:.2f} | {e['ratio']} | "
            f"{e['rdflib_parse'].get('cpu_seconds', float('nan')):.2f} | "
            f"{e.get('cpu_ratio', '–')} | {b['peak_rss_mib']} | "
            f"{b['peak_rss_workers_mib']} |"
        )
    p = report["projection"]
    out += [
        "",
        f"×1000, projected from ×{p['from_size']} (documents are independent tasks, so the cost "
        f"per document carries over): {p['documents']:,} documents, ~{p['triples']:,} quads, "
        f"~{p['cpu_seconds']:,} CPU s; on one 2-core machine ~{p['wall_seconds_one_machine']:,} s, "
        f"on ten such machines (one scheduler) ~{p['wall_seconds_ten_machines']:,} s. Memory per "
        "worker is bounded by the documents it holds at once (largest worker at the projected-"
        f"from size: {p['peak_rss_workers_mib']} MiB); the dump parts are merged on disk by the "
        "main process.",
        "",
        "Stage seconds (summed over workers) per size:",
        "",
    ]
    for size, e in sorted(report["sizes"].items(), key=lambda kv: int(kv[0])):
        out.append(f"- ×{size}: {e['build']['stage_seconds']}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", default="1,10")
    p.add_argument("--runs", type=int, default=1, help="builds per size")
    p.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dortmund-kg-scale")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    report: dict[str, Any] = {"sizes": {}}
    for size in (int(s) for s in args.sizes.split(",") if s):
        print(f"[{time.strftime('%H:%M:%S')}] x{size}", flush=True)
        report["sizes"][str(size)] = measure(size, args.work, args.runs)
    report["projection"] = project(report)
    report["verdicts"] = verdicts(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build-scale.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    (args.out / "build-scale.md").write_text(render(report), "utf-8")
    print(render(report))
    return report


if __name__ == "__main__":
    main()
