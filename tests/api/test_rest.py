"""JSON resources: lists with pagination and stable order, entities, filters."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_actors_are_listed_in_a_stable_order_with_pagination(client: TestClient) -> None:
    everything = client.get("/actors").json()
    assert everything["total"] == 6  # with stadt-dortmund, the VoID root resource
    slugs = [i["path"] for i in everything["items"]]
    assert slugs == sorted(slugs)
    second_page = client.get("/actors", params={"limit": 2, "offset": 2}).json()
    assert [i["path"] for i in second_page["items"]] == slugs[2:4]


def test_actor_pledges_filter_by_author_and_modality(client: TestClient) -> None:
    all_rows = client.get("/actors/dsw21/pledges").json()
    assert all_rows["total"] == 5  # 3 pledges, two of them by two authors
    spd = client.get("/actors/dsw21/pledges", params={"author": "spd-dortmund"}).json()
    assert [i["lineStart"] for i in spd["items"]] == [104]
    demands = client.get("/actors/dsw21/pledges", params={"modality": "demand"}).json()
    assert {i["how"] for i in demands["items"]} == {"concernsIndirectly"}


def test_actor_pledges_scope_group_adds_only_and_is_checked(client: TestClient) -> None:
    own = client.get("/actors/dsw21/pledges").json()
    group = client.get("/actors/dsw21/pledges", params={"scope": "group"}).json()
    assert group["total"] >= own["total"]
    assert client.get("/actors/dsw21/pledges", params={"scope": "all"}).status_code == 422


def test_document_lists_its_statements_in_line_order(client: TestClient) -> None:
    body = client.get("/documents/2021-gruene-cdu-leitlinien").json()
    assert [s["lineStart"] for s in body["statements"]["items"]] == [11, 13, 15]


def test_pledge_resource_and_404(client: TestClient) -> None:
    body = client.get("/pledges/2020-spd-kommunalwahlprogramm/b00000000001").json()
    assert body["properties"]["https://w3id.org/dortmund-kg/def/lineStart"] == ["101"]
    assert client.get("/pledges/2020-spd-kommunalwahlprogramm/ffffffffffff").status_code == 404


def test_topics_and_places(client: TestClient) -> None:
    topics = [i["label"] for i in client.get("/topics").json()["items"]]
    assert topics == ["Mobilität", "Wohnen"]
    place = client.get("/places/hoerde").json()
    assert place["pledges"]["total"] == 2
