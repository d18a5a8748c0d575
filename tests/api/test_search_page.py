"""/suche: the search page and its JSON narrow by author, modality, document and topic."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _lines(client: TestClient, **params: str) -> list[int]:
    answer = client.get("/suche", params={**params, "format": "json"})
    assert answer.status_code == 200
    return sorted(int(r["lineStart"]) for r in answer.json()["results"])


def test_search_without_filters_finds_every_document(client: TestClient) -> None:
    documents = {
        r["document"].rsplit("/", 1)[-1]
        for r in client.get("/suche", params={"q": "die", "format": "json"}).json()["results"]
    }
    assert {"2021-gruene-cdu-leitlinien", "2020-spd-kommunalwahlprogramm"} <= documents


def test_document_filter_keeps_only_that_document(client: TestClient) -> None:
    everywhere = _lines(client, q="die")
    only_spd = client.get(
        "/suche", params={"q": "die", "document": "2020-spd-kommunalwahlprogramm", "format": "json"}
    ).json()["results"]
    assert only_spd and len(only_spd) < len(everywhere)
    assert {r["document"].rsplit("/", 1)[-1] for r in only_spd} == {"2020-spd-kommunalwahlprogramm"}


def test_topic_filter_keeps_only_pledges_on_that_topic(client: TestClient) -> None:
    on_housing = client.get(
        "/suche", params={"q": "wir", "topic": "wohnen", "format": "json"}
    ).json()["results"]
    assert [r["quote"] for r in on_housing] == [
        "Wir werden jährlich 2.500 neue Wohnungen bis 2030 bauen."
    ]


def test_search_page_offers_document_and_topic_filters(client: TestClient) -> None:
    page = client.get("/suche", params={"q": "wir"}, headers={"Accept": "text/html"}).text
    assert 'name="document"' in page and 'name="topic"' in page
    assert "2020-spd-kommunalwahlprogramm" in page


def test_unknown_document_slug_is_a_clear_400(client: TestClient) -> None:
    answer = client.get("/suche", params={"q": "wir", "document": "not a slug", "format": "json"})
    assert answer.status_code == 400 and "document" in answer.json()["error"]
