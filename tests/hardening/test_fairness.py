"""Two runaway queries from one client leave the endpoint to everyone else (issue 10).

Runs ``bench.fairness`` (the soak step of ``make bench``) on loopback, once as configured and
once with fairness off, which must show the lock-out the issue measured: so the test can fail.
"""

from __future__ import annotations

import pytest

from bench import fairness


@pytest.mark.soak
@pytest.mark.slow
def test_ask_answers_in_under_a_second_while_one_client_runs_two_runaways() -> None:
    fair = fairness.run(query_timeout=6.0, duration=4.0)
    assert fair["ok"], fair
    assert fair["ask_ms"]["max"] < 1000
    assert sorted(r["status"] for r in fair["runaways"]) == [503, 503]
    control = fairness.run(query_timeout=6.0, duration=4.0, per_client=2)
    assert not control["ok"], "without fairness the other client should have been locked out"
