"""What every route needs, declared once: the served graph, its catalog and its limits.

Routes take these as ``Annotated[..., Depends(...)]`` aliases; tests swap the graph by
building the app with another :class:`Served` (``create_app(served=...)``), never through
module globals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from api.backends import Backend
from api.named_queries import NamedQuery
from api.runner import Runner
from api.settings import Settings


@dataclass
class Served:
    """The graph this app serves and how it runs queries on it."""

    settings: Settings
    backend: Backend
    runner: Runner
    catalog: dict[str, NamedQuery]
    graphs: frozenset[str] = field(default_factory=frozenset)


def get_served(request: Request) -> Served:
    served: Served = request.app.state.served
    return served


ServedDep = Annotated[Served, Depends(get_served)]
