"""``make screenshots``: a PNG of every page kind of the built graph, for docs/screenshots/.

Serves the build on a free loopback port and photographs each page with Debian's chromium
(the same as the browser tests); any request that would leave the app is aborted.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import uvicorn

from api.settings import Settings
from api.web.server import create_app
from tests.api.conftest import free_port
from tests.api.test_browser import CHROMIUM, FLAGS

PAGES = {
    "start": "/",
    "company-dsw21": "/id/actor/dsw21",
    "author-spd": "/id/actor/spd-dortmund",
    "pledge": "/id/actor/dsw21",  # the first pledge linked from the company page
    "document": "/id/document/2020-spd-kommunalwahlprogramm",
    "search": "/suche?q=Radweg",
    "places": "/orte",
    "editor": "/editor?example=pledges-for-actor&actor=dsw21",
    "api-docs": "/docs",
    "not-found": "/id/actor/gibt-es-nicht",
}


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    settings = Settings.from_env(build_dir=Path("build"))
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(base_url=base, viewport={"width": 1200, "height": 900})
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(base) else route.abort()
            ),
        )
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(path)
            if name == "pledge":
                page.locator("ul.pledges blockquote a").first.click()
            if name == "editor":
                page.wait_for_selector("#result-table")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"))
            print(f"{out / name}.png  {page.url[len(base) :]}")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
