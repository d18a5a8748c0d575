"""Hypothesis profiles of the fuzz tests: ``ci`` (quick, the default) and ``full``.

``DORTMUND_KG_FUZZ=full`` selects the long run. The profiles are applied per test (as
decorators), never loaded globally, so the other packages' property tests keep their own
settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz-ci",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-full",
    max_examples=2_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz_settings() -> settings:
    """The profile this run uses (``DORTMUND_KG_FUZZ``: ci or full)."""
    return settings.get_profile("fuzz-" + os.environ.get("DORTMUND_KG_FUZZ", "ci"))
