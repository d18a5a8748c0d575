"""What every route needs, declared once: the served graph, its catalog and its limits.

Routes take these as ``Annotated[..., Depends(...)]`` aliases; tests swap the graph by
building the app with another backend (``create_app(backend=...)``), never through module
globals. A rebuilt graph is swapped in whole by :mod:`api.web.hot_swap`, which leases each request
the :class:`Served` it started on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from api.engine.backends import Backend
from api.engine.named_queries import NamedQuery
from api.engine.runner import Runner
from api.settings import Settings
from api.web import page_cache
from api.web.response_cache import ResponseCache


@dataclass
class Served:
    """The graph this app serves and how it runs queries on it."""

    settings: Settings
    backend: Backend
    runner: Runner
    catalog: dict[str, NamedQuery]
    graphs: frozenset[str] = field(default_factory=frozenset)
    cache: ResponseCache = field(default_factory=ResponseCache)  # named-query answers
    pages: dict[object, object] = field(default_factory=dict)  # page data, made once per graph


SCOPE_KEY = "dortmund_kg.served"  # where api.web.hot_swap.LeaseMiddleware puts a request's graph


def get_served(request: Request) -> Served:
    """The graph this request started on (leased by the middleware), else the app's."""
    served: Served = request.scope.get(SCOPE_KEY) or request.app.state.served
    page_cache.touch(served)
    return served


ServedDep = Annotated[Served, Depends(get_served)]
