"""The web UI in a real browser: Debian's chromium driven by Playwright.

Skipped only when /usr/bin/chromium is absent (CI installs it with scripts/install-browser.sh).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is not installed (run scripts/install-browser.sh)",
    ),
]


@pytest.fixture(scope="module")
def page(live_server: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(base_url=live_server)
        # Offline: any request that leaves the app is an error.
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(live_server) else route.abort()
            ),
        )
        yield context.new_page()
        browser.close()


def test_start_page_shows_counts_per_document_and_author(page: Any) -> None:
    page.goto("/")
    assert page.locator("#documents tbody tr").count() == 2
    assert page.locator("#authors tbody tr").count() == 3
    assert int(page.locator("#triple-count").inner_text()) > 150


def test_editor_runs_a_named_query_example_and_shows_a_table(page: Any) -> None:
    page.goto("/editor")
    page.select_option(
        "#examples", label=page.locator("#examples option", has_text="search").first.inner_text()
    )
    assert "normalisedText" in page.input_value("#query")
    page.fill(
        "#query",
        "PREFIX dokg: <https://w3id.org/dortmund-kg/def/>\n"
        "SELECT ?pledge WHERE { ?pledge a dokg:Pledge } ORDER BY ?pledge",
    )
    page.click("#run")
    page.wait_for_selector("#result-table")
    assert page.locator("#result-table tbody tr").count() == 4
    assert page.inner_text("#status") == "4 Zeilen"


def test_editor_shows_the_refusal_of_an_update(page: Any) -> None:
    page.goto("/editor")
    page.fill("#query", "DROP ALL")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "read-only" in page.inner_text("#status")


def test_follow_a_pledge_from_an_actor_page_to_its_source_line(page: Any) -> None:
    page.goto("/id/actor/dsw21")
    assert page.inner_text("#label") == "DSW21"
    page.locator("a.source", has_text="Zeilen 104").click()
    page.wait_for_url("**/id/document/2020-spd-kommunalwahlprogramm#L104")
    assert page.locator("h1").inner_text() == "Programm zur Kommunalwahl 2020"
