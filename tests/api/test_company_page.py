"""The company page: chart per author and topic, singular "Zeile", the scope switch."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.backends import OxigraphBackend
from api.named_queries import load_catalog, load_query
from api.server import create_app
from api.settings import Settings

SCOPE_HEADER = """#+   scope:
#+     type: enum
#+     values: [company, group]
#+     default: company
#+     required: false
#+     description: company = pledges for the company itself; group = also inferred ones
"""
GROUP_BRANCH = """  UNION
  { ?pledge dokg:concerns ?actor . FILTER NOT EXISTS { ?pledge dokg:mentions ?actor }
    BIND("group" AS ?scope) BIND("inferred" AS ?mention) BIND("concerns (group)" AS ?step) }
"""


def scoped_query(tmp_path: Path) -> Path:
    """``pledges-for-actor`` as the extraction branch declares it: with a ``scope`` parameter.

    The fixture's scope is observable: ``group`` adds the pledges that concern the company by
    any inferred ``dokg:concerns`` link, with no chain to show.
    """
    text = (Path(__file__).resolve().parents[2] / "queries" / "pledges-for-actor.rq").read_text()
    if "#+   scope:" not in text:
        text = text.replace("#+ columns:", SCOPE_HEADER + "#+ columns:", 1)
        text = text.replace("  UNION\n  {\n", GROUP_BRANCH + "  UNION\n  {\n", 1)
    path = tmp_path / "pledges-for-actor.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def scoped_client(
    tmp_path: Path, fixture_backend: OxigraphBackend, fixture_settings: Settings
) -> TestClient:
    catalog = dict(load_catalog())
    catalog["pledges-for-actor"] = load_query(scoped_query(tmp_path))
    settings = replace(fixture_settings)
    return TestClient(create_app(settings, backend=fixture_backend, catalog=catalog))


def test_company_page_offers_the_scope_switch_when_the_query_declares_it(
    scoped_client: TestClient,
) -> None:
    page = scoped_client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    assert '<select id="scope" name="scope"' in page
    assert re.search(r'<option value="company" selected>', page)
    group = scoped_client.get("/id/actor/dsw21?scope=group", headers={"Accept": "text/html"}).text
    assert re.search(r'<option value="group" selected>', group)
    total = int(re.search(r'id="company-total">(\d+)<', page).group(1))  # type: ignore[union-attr]
    wider = int(re.search(r'id="company-total">(\d+)<', group).group(1))  # type: ignore[union-attr]
    assert wider > total  # the parameter reached the query


def test_company_page_without_the_parameter_shows_no_switch(client: TestClient) -> None:
    page = client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    assert 'id="scope"' not in page


def test_company_page_charts_pledges_per_author_and_topic(client: TestClient) -> None:
    page = client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    chart = page[page.index('id="topic-chart"') : page.index("</table>", page.index("topic-chart"))]
    assert "Mobilität" in chart
    assert '<th scope="row"><a href="/id/actor/spd-dortmund">SPD Dortmund</a></th>' in chart


def test_a_single_source_line_is_zeile_not_zeilen(client: TestClient) -> None:
    page = client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    lines = re.findall(r"Quelle: (Zeilen?) (\d+)(–\d+)?<", page)
    assert lines
    for word, _, rest in lines:
        assert word == ("Zeilen" if rest else "Zeile")
