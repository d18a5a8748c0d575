"""Named-query answers are cached per served graph: a repeat is a hit, with identical bytes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.web.response_cache import CachedAnswer, ResponseCache


def test_repeat_call_is_served_from_the_cache_with_the_same_body(client: TestClient) -> None:
    first = client.get("/queries/pledges-for-actor", params={"actor": "dsw21"})
    second = client.get("/queries/pledges-for-actor", params={"actor": "dsw21"})
    assert first.status_code == second.status_code == 200
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.content == second.content
    assert second.headers["content-type"].startswith("application/json")


def test_other_parameters_or_format_are_other_entries(client: TestClient) -> None:
    client.get("/queries/pledges-for-actor", params={"actor": "dsw21"})
    other = client.get("/queries/pledges-for-actor", params={"actor": "dew21"})
    csv = client.get("/queries/pledges-for-actor", params={"actor": "dsw21", "format": "csv"})
    assert other.headers["x-cache"] == "miss"
    assert csv.headers["x-cache"] == "miss" and csv.headers["content-type"].startswith("text/csv")


def test_bad_parameter_is_not_cached(client: TestClient) -> None:
    for _ in range(2):
        answer = client.get("/queries/pledges-for-actor", params={"actor": "no such/slug"})
        assert answer.status_code == 400 and "x-cache" not in answer.headers


def test_cache_evicts_by_bytes() -> None:
    cache = ResponseCache(max_entries=10, max_bytes=5)
    cache.put(("a", (), "json"), CachedAnswer(b"123", "x", ()))
    cache.put(("b", (), "json"), CachedAnswer(b"456", "x", ()))
    assert cache.get(("a", (), "json")) is None and cache.get(("b", (), "json")) is not None
