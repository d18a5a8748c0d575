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


AXE = Path(__file__).resolve().parents[2] / "api" / "static" / "vendor" / "axe.min.js"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Playwright driver and one chromium for the module.

    Playwright's sync API runs its own event loop; a second `sync_playwright()` opened while the
    first is alive finds that loop running and refuses, so every page shares this one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def _browse(browser: Any, base: str) -> Iterator[Any]:
    """A page whose every request is recorded; any that leaves the app is aborted and fails."""
    outside: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context = browser.new_context(base_url=base)
    context.route("**/*", route)
    yield context.new_page()
    context.close()
    assert outside == [], f"requests left loopback: {outside}"


@pytest.fixture(scope="module")
def page(browser: Any, live_server: str) -> Iterator[Any]:
    yield from _browse(browser, live_server)


@pytest.fixture(scope="module")
def real_server(built_dir: Path, built_store: Any) -> Iterator[str]:
    """The app on the real build, served on loopback (for the journeys of a real reader)."""
    import threading
    import time

    import uvicorn

    from api.settings import Settings
    from api.web.server import create_app
    from tests.api.conftest import free_port

    settings = Settings(build_dir=built_dir, workers=0, query_timeout=30.0, rate_limit=0)
    app = create_app(settings, backend=built_store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def real(browser: Any, real_server: str) -> Iterator[Any]:
    yield from _browse(browser, real_server)


def set_query(page: Any, text: str) -> None:
    page.evaluate(
        "t => sparqlEditor.dispatch({changes: {from: 0, to: sparqlEditor.state.doc.length,"
        " insert: t}})",
        text,
    )


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the current page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run()).violations")
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×)"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def test_start_page_shows_counts_per_document_and_author(page: Any) -> None:
    page.goto("/")
    assert page.locator("#documents tbody tr").count() == 2
    assert page.locator("#authors tbody tr").count() == 3
    assert int(page.locator("#triple-count").inner_text()) > 150
    assert page.locator("#companies a", has_text="DSW21").count() == 1


def test_editor_runs_a_query_with_predeclared_prefixes_and_sorts_results(
    page: Any,
) -> None:
    page.goto("/editor")
    set_query(page, "SELECT ?pledge WHERE { ?pledge a dokg:Pledge } ORDER BY ?pledge")
    page.click("#run")
    page.wait_for_selector("#result-table")
    assert page.locator("#result-table tbody tr").count() == 4
    assert page.inner_text("#status").startswith("4 Zeilen")
    first = page.locator("#result-table tbody tr td a").first
    assert first.inner_text().startswith("id:statement/")  # prefixed, not the full IRI
    page.click("#result-table th button")
    assert page.get_attribute("#result-table th", "aria-sort") == "ascending"


def test_ctrl_enter_runs_and_a_syntax_error_is_shown_at_its_position(page: Any) -> None:
    page.goto("/editor")
    set_query(page, "SELECT * WHERE {\n  ?s ?p }")
    page.click(".cm-content")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#status.error")
    assert "Zeile 2" in page.inner_text("#status")
    page.wait_for_selector(".cm-lint-marker-error, .cm-lintRange-error", state="attached")


def test_editor_shows_the_refusal_of_an_update(page: Any) -> None:
    page.goto("/editor")
    set_query(page, "DROP ALL")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "read-only" in page.inner_text("#status")


def test_get_sparql_from_a_browser_opens_the_editor(page: Any) -> None:
    page.goto("/sparql")
    assert page.locator("h1").inner_text() == "SPARQL-Editor"


def test_not_found_is_a_page_for_browsers(page: Any) -> None:
    response = page.goto("/id/actor/gibt-es-nicht")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Nicht gefunden"


def test_api_docs_render_offline(page: Any) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "dortmund-kg" in page.inner_text(".swagger-ui .info .title")


# The journeys of a real reader, on the real build.


def test_journey_home_to_dsw21_to_a_pledge_to_its_highlighted_source(real: Any) -> None:
    real.goto("/")
    real.locator("#companies a", has_text="DSW21").click()
    assert real.inner_text("#label") == "Wer verspricht was für DSW21?"
    assert int(real.inner_text("#company-total")) > 10
    assert real.locator(".how.inferred").count() > 0  # reached through a chain, said so
    real.locator("ul.pledges blockquote a").first.click()
    quote = real.inner_text("#quote")
    real.click("#source-link")
    slug = real.url.rsplit("#", 1)[1]
    mark = real.locator(f"[id='{slug}']")
    assert mark.count() == 1
    assert mark.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"  # :target
    assert quote.split()[0] in real.locator(f"[data-s='{slug}']").all_inner_texts()[0] + quote


def test_journey_search_finds_a_pledge(real: Any) -> None:
    real.goto("/")
    real.fill("#home-q", "365-Euro")
    real.press("#home-q", "Enter")
    real.wait_for_selector("#hits li")
    assert "Treffer" in real.inner_text("#hit-count")
    assert "365-euro" in real.locator("#hits blockquote").first.inner_text().lower()


def test_journey_editor_example_with_a_bound_parameter_and_its_permalink(real: Any) -> None:
    real.goto("/editor")
    real.select_option("#examples", "pledges-for-actor")
    real.fill("#param-actor", "dew21")
    real.click("#run")
    real.wait_for_selector("#result-table")
    rows = real.inner_text("#status")
    permalink = real.get_attribute("#permalink", "href")
    assert "example=pledges-for-actor" in permalink and "actor=dew21" in permalink
    real.goto(permalink)
    real.wait_for_selector("#result-table")
    assert real.input_value("#param-actor") == "dew21"
    assert real.inner_text("#status").split(" ·")[0] == rows.split(" ·")[0]


def test_author_page_count_equals_the_home_page_count(real: Any) -> None:
    real.goto("/")
    row = real.locator("#authors tbody tr", has_text="SPD Dortmund")
    home = int(row.locator(".author-count").inner_text())
    row.locator("a").click()
    assert int(real.inner_text("#author-count")) == home


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/id/actor/dsw21",
        "/id/actor/spd-dortmund",
        "/id/statement/2020-spd-kommunalwahlprogramm/e742ca887104",
        "/id/document/2021-gruene-cdu-leitlinien",
        "/suche?q=Radweg",
        "/orte",
        "/themen",
        "/editor",
        "/def/",
        "/def/Pledge",
        "/graph/reference",
        "/dataset",
        "/corpus/2021-gruene-cdu-leitlinien.txt",
        "/id/actor/gibt-es-nicht",
    ],
)
def test_no_serious_accessibility_violations(real: Any, path: str) -> None:
    real.goto(path)
    assert serious_violations(real) == []
