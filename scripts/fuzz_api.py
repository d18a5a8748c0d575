"""Fuzz every operation of the API's OpenAPI document with schemathesis; no server errors allowed.

Each operation gets ``--cases`` generated requests that fit its schema (positive) and as many
that do not (negative: wrong types, missing required values, odd strings). Every response is
checked for one property: no 5xx, except the intended ``503`` of a query that ran out of time.
The app runs in-process on the fixture dataset of ``tests/api/data`` (the same code path as a
real server, without the network).

    .venv/bin/python scripts/fuzz_api.py              # the full run: 25 + 25 cases per operation
    .venv/bin/python scripts/fuzz_api.py --cases 2    # a quick one

Exit status 0 when no server error was found, 1 otherwise. ``tests/hardening/test_fuzz_api.py``
runs a short version of the same function in the test suite.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@dataclass
class FuzzReport:
    cases: int = 0
    operations: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"{self.cases} cases over {self.operations} operations in {self.seconds:.1f} s; "
            f"statuses {codes}; {len(self.failures)} server errors"
        )


def is_server_error(status: int, body: str) -> bool:
    """A 5xx that is not the intended answer to a query that ran out of time or found no
    free query worker."""
    intended = "longer than" in body or "did not run the query" in body
    return status >= 500 and not (status == 503 and intended)


def fuzz_app(app: Any, *, cases: int, seed: int | None = None) -> FuzzReport:
    """Run ``cases`` positive and ``cases`` negative requests against every operation."""
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed
    from schemathesis.core.result import Ok
    from schemathesis.generation.modes import GenerationMode

    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    report = FuzzReport()
    started = time.monotonic()
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):  # an operation schemathesis cannot read is a finding
            report.failures.append(f"invalid operation in the OpenAPI document: {result.err()}")
            continue
        operation = result.ok()
        report.operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=cases,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],  # no shrinking: we record, not raise
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                response = case.call()
                report.cases += 1
                report.statuses[response.status_code] += 1
                if is_server_error(response.status_code, response.text):
                    report.failures.append(
                        f"{response.status_code} {case.method} {case.formatted_path} "
                        f"query={case.query!r} body={case.body!r}: {response.text[:200]!r}"
                    )

            if seed is not None:
                run = fixed_seed(seed)(run)
            try:
                run()
            except Exception as error:  # unsatisfiable schema for one mode: note and go on
                name = type(error).__name__
                if name not in ("Unsatisfiable", "FailedHealthCheck"):
                    report.failures.append(f"{operation.label} {mode}: {name}: {error}")
    report.seconds = time.monotonic() - started
    return report


def fixture_app() -> Any:
    """The app on the fixture dataset, with the limits a public server has (rate limit off:
    the fuzzer is one client by design)."""
    from api.engine.backends import OxigraphBackend
    from api.settings import Settings
    from api.web.server import create_app

    data = ROOT / "tests" / "api" / "data"
    backend = OxigraphBackend.from_file(data / "fixture.trig")
    settings = Settings(build_dir=data, workers=0, query_timeout=5.0, rate_limit=0)
    return create_app(settings, backend=backend)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=25, help="cases per operation and mode")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    report = fuzz_app(fixture_app(), cases=args.cases, seed=args.seed)
    print(report.summary())
    for failure in report.failures:
        print("  " + failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
