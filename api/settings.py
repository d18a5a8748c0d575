"""Typed settings for the server, read once from the environment.

Every limit a public endpoint needs has a name and a default here, so the README can list them
and a test can set them small through :func:`dataclasses.replace`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mappings.build_files import BuildDir


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a whole number") from None


def _float(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a number") from None


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if not value:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


STORE_MODES = ("auto", "memory", "disk")
SANDBOX_MODES = ("auto", "namespace", "user-namespace", "seccomp", "none")


def default_workers() -> int:
    """One query worker per core, at least 2 (one runaway query never takes them all) and at
    most 4 (each may hold a copy of the graph in memory)."""
    return max(2, min(os.cpu_count() or 2, 4))


def _choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    chosen = value.strip().lower() or choices[0]
    if chosen not in choices:
        raise ValueError(f"{name}: {value!r} is not one of {', '.join(choices)}")
    return chosen


def default_memory_store_max_bytes() -> int:
    """A sixth of the machine's memory. A worker's in-memory store takes about 1.3× the
    N-Quads dump at scale (measured: 4.0 GiB for the 3.2 GB ×100 dump; small dumps up to 2.5×,
    where it hardly matters); two workers hold one each, and a hot swap briefly holds the old
    and the new graph: four copies, about 5.3× the dump, must fit with room to spare."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 6
    except (ValueError, OSError, AttributeError):
        return 512_000_000


def _store_mode(value: str) -> str:
    mode = value.strip().lower() or "auto"
    if mode not in STORE_MODES:
        choices = ", ".join(STORE_MODES)
        raise ValueError(f"DORTMUND_KG_STORE_MODE: {value!r} is not one of {choices}")
    return mode


@dataclass(frozen=True)
class Settings:
    """What the server serves and the limits it keeps.

    >>> Settings().row_limit
    10000
    """

    build_dir: Path = Path("build")
    endpoint: str | None = None  # serve a remote SPARQL server instead of the build
    store_dir: Path | None = None  # on-disk pyoxigraph store (default: <build_dir>/store)
    query_timeout: float = 20.0  # seconds, for /sparql and named queries
    row_limit: int = 10_000  # rows (or triples) per answer; more is truncated and said so
    max_query_length: int = 20_000  # characters of query text
    max_depth: int = 64  # nesting of { ( [ in a query, checked before the engine sees it
    max_body: int = 1_000_000  # bytes of a request body
    # query worker processes (0: run queries in the server process); default from the machine
    workers: int = field(default_factory=default_workers)
    per_client: int = 1  # query workers one client may hold at once
    queue_timeout: float = 5.0  # seconds a query waits for a worker before a 503
    # how query workers are cut off the network (api.engine.sandbox); auto: the first way that works
    sandbox: str = "auto"
    max_response_bytes: int = 20_000_000  # bytes of one query answer; fewer rows beyond, said so
    rate_limit: float = 5.0  # requests per second per client address (0: no rate limit)
    rate_burst: int = 30  # requests a client may send at once before the rate applies
    trust_forwarded: bool = False  # count clients by X-Forwarded-For (only behind a proxy)
    forwarded_from: frozenset[str] = frozenset({"127.0.0.1", "::1"})  # the proxy's addresses
    header_timeout: float = 10.0  # seconds a connection may take to send a request's headers
    reload_interval: float = 2.0  # seconds between checks for a rebuilt graph (0: never)
    cache_entries: int = 1024  # named-query answers cached per served graph (0: no cache)
    store_mode: str = "auto"  # query workers' store: memory, disk, or auto (memory if small)
    # auto: dumps up to this size load into memory (default: a sixth of the machine's memory)
    memory_store_max_bytes: int = field(default_factory=default_memory_store_max_bytes)
    corpus_dir: Path = Path(__file__).resolve().parent.parent / "corpus"  # for document pages

    @classmethod
    def from_env(cls, build_dir: Path | None = None) -> Settings:
        env_build = os.environ.get("DORTMUND_KG_BUILD_DIR")
        store = os.environ.get("DORTMUND_KG_STORE_DIR")
        return cls(
            build_dir=build_dir or Path(env_build or "build"),
            endpoint=os.environ.get("DORTMUND_KG_ENDPOINT") or None,
            store_dir=Path(store) if store else None,
            query_timeout=_float("DORTMUND_KG_QUERY_TIMEOUT", 20.0),
            row_limit=_int("DORTMUND_KG_ROW_LIMIT", 10_000),
            max_query_length=_int("DORTMUND_KG_MAX_QUERY_LENGTH", 20_000),
            max_depth=_int("DORTMUND_KG_MAX_DEPTH", 64),
            max_body=_int("DORTMUND_KG_MAX_BODY", 1_000_000),
            workers=_int("DORTMUND_KG_WORKERS", default_workers()),
            per_client=_int("DORTMUND_KG_PER_CLIENT", 1),
            queue_timeout=_float("DORTMUND_KG_QUEUE_TIMEOUT", 5.0),
            sandbox=_choice(
                "DORTMUND_KG_SANDBOX", os.environ.get("DORTMUND_KG_SANDBOX", ""), SANDBOX_MODES
            ),
            max_response_bytes=_int("DORTMUND_KG_MAX_RESPONSE_BYTES", 20_000_000),
            rate_limit=_float("DORTMUND_KG_RATE_LIMIT", 5.0),
            rate_burst=_int("DORTMUND_KG_RATE_BURST", 30),
            trust_forwarded=_bool("DORTMUND_KG_TRUST_FORWARDED", False),
            forwarded_from=frozenset(
                a.strip()
                for a in os.environ.get("DORTMUND_KG_FORWARDED_FROM", "127.0.0.1,::1").split(",")
                if a.strip()
            ),
            header_timeout=_float("DORTMUND_KG_HEADER_TIMEOUT", 10.0),
            reload_interval=_float("DORTMUND_KG_RELOAD_INTERVAL", 2.0),
            cache_entries=_int("DORTMUND_KG_CACHE_ENTRIES", 1024),
            store_mode=_store_mode(os.environ.get("DORTMUND_KG_STORE_MODE", "auto")),
            memory_store_max_bytes=_int(
                "DORTMUND_KG_MEMORY_STORE_MAX_BYTES", default_memory_store_max_bytes()
            ),
        )

    @property
    def dataset_path(self) -> Path:
        return BuildDir(self.build_dir).dataset
