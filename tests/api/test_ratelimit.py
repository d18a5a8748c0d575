"""Per-client rate limit: a flood from one address gets 429 with Retry-After, others go on."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.engine.backends import OxigraphBackend
from api.settings import Settings
from api.web.ratelimit import TokenBuckets, client_key
from api.web.server import create_app
from tests.api.conftest import DATA

ASK = "/sparql?query=" + quote("ASK { }")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_grants_its_burst_then_asks_to_wait() -> None:
    clock = Clock()
    buckets = TokenBuckets(rate=2.0, burst=3, clock=clock)
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(0.5)


def test_a_bucket_refills_at_the_rate_up_to_the_burst() -> None:
    clock = Clock()
    buckets = TokenBuckets(rate=1.0, burst=2, clock=clock)
    buckets.take("a"), buckets.take("a")
    clock.now = 100.0  # a long pause refills to the burst, not beyond
    assert [buckets.take("a") for _ in range(2)] == [0.0, 0.0]
    assert buckets.take("a") > 0


def test_clients_have_separate_buckets() -> None:
    buckets = TokenBuckets(rate=1.0, burst=1, clock=Clock())
    assert buckets.take("a") == 0.0
    assert buckets.take("a") > 0
    assert buckets.take("b") == 0.0


def test_the_bucket_table_is_bounded() -> None:
    buckets = TokenBuckets(rate=1.0, burst=1, max_clients=10, clock=Clock())
    for n in range(1000):
        buckets.take(f"10.0.{n // 256}.{n % 256}")
    assert len(buckets) == 10


def test_nonsense_limits_are_refused() -> None:
    with pytest.raises(ValueError):
        TokenBuckets(rate=0, burst=1)


def test_forwarded_for_counts_only_behind_a_trusted_proxy() -> None:
    scope = {"client": ("10.0.0.1", 5), "headers": [(b"x-forwarded-for", b"6.6.6.6, 1.2.3.4")]}
    proxy = frozenset({"10.0.0.1"})
    assert client_key(scope, trust_forwarded=False, forwarded_from=proxy) == "10.0.0.1"
    assert client_key(scope, trust_forwarded=True, forwarded_from=proxy) == "1.2.3.4"


def test_forwarded_for_from_a_peer_that_is_not_the_proxy_is_ignored() -> None:
    """Issue 10: uvicorn's own proxy-header handling honoured X-Forwarded-For from any loopback
    peer although trust was off, so a local pass-through proxy let clients pick their bucket.
    Now only the addresses the settings name are proxies, and uvicorn's handling is off."""
    scope = {"client": ("127.0.0.1", 5), "headers": [(b"x-forwarded-for", b"6.6.6.6")]}
    assert client_key(scope, trust_forwarded=True, forwarded_from=frozenset()) == "127.0.0.1"
    assert client_key(scope, trust_forwarded=False, forwarded_from=frozenset({"127.0.0.1"})) == (
        "127.0.0.1"
    )


def _client(backend: OxigraphBackend, **limits: float) -> TestClient:
    settings = Settings(build_dir=DATA, workers=0, **limits)  # type: ignore[arg-type]
    return TestClient(create_app(settings, backend=backend, catalog={}))


def test_a_flood_gets_429_with_retry_after(fixture_backend: OxigraphBackend) -> None:
    client = _client(fixture_backend, rate_limit=0.5, rate_burst=5)
    statuses = [client.get(ASK).status_code for _ in range(8)]
    assert statuses == [200] * 5 + [429] * 3
    refused = client.get(ASK)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert "too many requests" in refused.text
    assert refused.headers["access-control-allow-origin"] == "*"


def test_another_client_is_not_refused_by_someone_elses_flood(
    fixture_backend: OxigraphBackend,
) -> None:
    client = _client(fixture_backend, rate_limit=0.5, rate_burst=2)
    for _ in range(4):
        client.get(ASK)
    other = TestClient(client.app, client=("192.0.2.7", 4000))
    assert other.get(ASK).status_code == 200


def test_rate_limit_zero_turns_it_off(fixture_backend: OxigraphBackend) -> None:
    client = _client(fixture_backend, rate_limit=0, rate_burst=1)
    assert {client.get(ASK).status_code for _ in range(20)} == {200}


def test_rate_limit_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DORTMUND_KG_RATE_LIMIT", "2.5")
    monkeypatch.setenv("DORTMUND_KG_RATE_BURST", "7")
    monkeypatch.setenv("DORTMUND_KG_TRUST_FORWARDED", "yes")
    settings = Settings.from_env()
    assert (settings.rate_limit, settings.rate_burst, settings.trust_forwarded) == (2.5, 7, True)
