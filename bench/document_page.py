"""The largest document page in Chromium: how soon a reader sees it and can use it.

Debian's chromium (Playwright) opens ``/id/document/<largest>`` from the served app on loopback,
several times with the HTTP cache off; per load it records the navigation timing
(``responseEnd``, ``domContentLoadedEventEnd``, ``loadEventEnd``), first contentful paint and
the bytes of the HTML. Target (issue 13): interactive (DOMContentLoaded) in under 1 s.

Usage: ``python -m bench.document_page [BUILD_DIR] [--loads 5]`` → ``bench/results/
document-page.{json,md}``; ``make bench`` runs it after the page latencies.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from bench.live_api import API_CONFIGS, Server
from bench.run import RESULTS, ROOT, measured_when

CHROMIUM = Path("/usr/bin/chromium")
DOCUMENT = "/id/document/2025-gruene-kommunalwahlprogramm"
TARGET_MS = 1000.0
TIMING = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {response_end_ms: n.responseEnd, dom_content_loaded_ms: n.domContentLoadedEventEnd,
          load_ms: n.loadEventEnd, fcp_ms: fcp ? fcp.startTime : null,
          transfer_bytes: n.transferSize, html_bytes: n.decodedBodySize,
          nodes: document.getElementsByTagName("*").length};
}"""


def measure(base: str, loads: int) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    found: list[dict[str, Any]] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        for _ in range(loads + 1):  # the first load warms the server's cache: not counted
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + DOCUMENT, wait_until="load")
            page.wait_for_timeout(200)  # let the paint entries arrive
            found.append(page.evaluate(TIMING))
            context.close()
        browser.close()
    return found[1:]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    p = argparse.ArgumentParser(description="the largest document page in Chromium")
    p.add_argument("build_dir", type=Path, nargs="?", default=ROOT / "build")
    p.add_argument("--loads", type=int, default=5)
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    server = Server(args.build_dir.resolve(), API_CONFIGS["api"])
    try:
        time.sleep(5)
        loads = measure(server.base, args.loads)
    finally:
        server.close()
    medians = {
        k: round(statistics.median(float(x[k]) for x in loads), 1)
        for k in loads[0]
        if all(x[k] is not None for x in loads)
    }
    report = {
        "measured": dict(measured_when(), command="python -m bench.document_page"),
        "path": DOCUMENT,
        "target_dom_content_loaded_ms": TARGET_MS,
        "median": medians,
        "loads": loads,
        "meets_target": medians["dom_content_loaded_ms"] < TARGET_MS,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "document-page.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# The largest document page in Chromium (`python -m bench.document_page`)",
        "",
        f"`{DOCUMENT}`, {args.loads} loads (after one warm-up load), medians:",
        "",
        *(f"- {k}: {v}" for k, v in medians.items()),
        "",
        f"Target: DOMContentLoaded < {TARGET_MS:.0f} ms — "
        f"{'met' if report['meets_target'] else '**missed**'}.",
    ]
    (args.out / "document-page.md").write_text("\n".join(lines) + "\n")
    return report


if __name__ == "__main__":
    main()
