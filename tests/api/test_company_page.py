"""The company page: chart per author and topic, singular "Zeile", the scope switch."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.engine.backends import OxigraphBackend
from api.engine.named_queries import load_catalog, load_query
from api.settings import Settings
from api.web.server import create_app

FIXTURE = Path(__file__).resolve().parent / "data" / "fixture.trig"

# A DEW21 pledge: DEW21 is a subsidiary of DSW21, so the pledge belongs to DSW21's group only.
SUBSIDIARY_PLEDGE = """
g:subsidiary {
    actor:dew21 a dokg:MunicipalCompany ; rdfs:label "DEW21"@de ;
        dokg:subsidiaryOf actor:dsw21 .
    st:2020-spd-kommunalwahlprogramm\\/b00000000009 a dokg:Pledge , dokg:Statement ;
        dokg:inDocument doc:2020-spd-kommunalwahlprogramm ;
        dokg:author actor:spd-dortmund ;
        dokg:normalisedText "Die DEW21 baut das Fernwärmenetz aus."@de ;
        dokg:modality dokg:commitment ;
        dokg:lineStart 110 ; dokg:lineEnd 110 ;
        dokg:mentions actor:dew21 ; dokg:concerns actor:dew21 ; dokg:concernsGroup actor:dsw21 ;
        dokg:hasMention st:2020-spd-kommunalwahlprogramm\\/b00000000009\\/mention\\/4 .
    st:2020-spd-kommunalwahlprogramm\\/b00000000009\\/mention\\/4 dokg:refersTo actor:dew21 ;
        dokg:surfaceForm "DEW21" .
}
"""


def query_without_scope(tmp_path: Path) -> Path:
    """``pledges-for-actor`` as a deployment might serve it: without the ``scope`` parameter."""
    text = (Path(__file__).resolve().parents[2] / "queries" / "pledges-for-actor.rq").read_text()
    header = re.search(r"#\+   scope:\n(#\+     .*\n)+", text)
    assert header, "the shipped query declares scope; this test removes it"
    text = text.replace(header.group(0), "")
    text = text.replace(
        'FILTER (?mention != "group" || ?scope = "group")', 'FILTER (?mention != "group")'
    )
    path = tmp_path / "pledges-for-actor.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def group_client(tmp_path: Path, fixture_settings: Settings) -> TestClient:
    """The fixture data with one subsidiary's pledge, served with the shipped queries."""
    data = tmp_path / "fixture.trig"
    data.write_text(FIXTURE.read_text(encoding="utf-8") + SUBSIDIARY_PLEDGE, encoding="utf-8")
    backend = OxigraphBackend.from_file(data)
    return TestClient(create_app(replace(fixture_settings), backend=backend))


def test_company_page_offers_the_scope_switch_and_passes_it_to_the_query(
    group_client: TestClient,
) -> None:
    page = group_client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    assert '<select id="scope" name="scope"' in page
    assert '<option value="own" selected>nur das Unternehmen</option>' in page
    assert "Fernwärmenetz" not in page  # a subsidiary's business is not the parent's own
    group = group_client.get("/id/actor/dsw21?scope=group", headers={"Accept": "text/html"}).text
    assert re.search(r'<option value="group" selected>', group)
    assert "Fernwärmenetz" in group
    total = int(re.search(r'id="company-total">(\d+)<', page).group(1))  # type: ignore[union-attr]
    wider = int(re.search(r'id="company-total">(\d+)<', group).group(1))  # type: ignore[union-attr]
    assert wider == total + 1


def test_company_page_without_the_parameter_shows_no_switch(
    tmp_path: Path, fixture_backend: OxigraphBackend, fixture_settings: Settings
) -> None:
    catalog = dict(load_catalog())
    catalog["pledges-for-actor"] = load_query(query_without_scope(tmp_path))
    client = TestClient(
        create_app(replace(fixture_settings), backend=fixture_backend, catalog=catalog)
    )
    page = client.get("/id/actor/dsw21", headers={"Accept": "text/html"}).text
    assert 'id="scope"' not in page
    assert "Wir bauen den ÖPNV aus" in page  # the page still lists the company's pledges


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
