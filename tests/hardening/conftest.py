"""Markers of the hardening tests: ``fuzz`` (schemathesis) and ``soak`` (load on loopback).

Both run in ``make test`` in a short version; ``DORTMUND_KG_FUZZ=full`` makes the fuzz test do
the full run (the scripts ``scripts/fuzz_api.py`` and ``scripts/soak.py`` do the long runs).
"""

from __future__ import annotations

