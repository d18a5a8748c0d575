"""One build in a process of its own, reporting stage seconds and peak memory as JSON.

A fresh process per build makes the peak resident memory (``getrusage``) belong to that build
alone; worker processes the pipeline starts are reported separately (their largest peak).

Usage: ``python -m bench.build_worker CORPUS REGISTRY BUILD_LINK REPORT.json``
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def run_build(corpus: Path, registry: Path, link: Path) -> dict[str, Any]:
    from graph_build import pipeline

    start = time.perf_counter()
    result = pipeline.build(corpus, link, registry_path=registry)
    wall = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = result.summary
    return {
        "wall_seconds": wall,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
        "stage_seconds": summary.seconds,
        "peak_rss_bytes": own.ru_maxrss * 1024,
        "peak_rss_children_bytes": children.ru_maxrss * 1024,
        "documents": len(summary.documents),
        "triples": summary.triples_total,
        "pledges": summary.pledges,
    }


def main(argv: list[str]) -> None:
    corpus, registry, link, report = (Path(a) for a in argv)
    report.write_text(json.dumps(run_build(corpus, registry, link), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
