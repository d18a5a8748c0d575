"""Class pages in slices: ``/def/Pledge?page=2`` lists 50 of its thousands of instances.

The describe query leaves incoming ``rdf:type`` links out (``/def/Pledge`` was 229 KB with
every pledge inline); this module lists a class's instances once per served graph and hands
out one page, as triples for RDF readers and as links for the HTML page. Resources that are
no class have no instances and an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import HTTPException, Request

from api.web.deps import Served
from api.web.routers.common import run_rows

PAGE_SIZE = 50
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class InstancePage:
    """One slice of a class's instances (``number`` is 1-based)."""

    total: int = 0
    number: int = 1
    instances: list[str] = field(default_factory=list)
    triples: list[ox.Triple] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    def neighbours(self) -> dict[str, int]:
        """``prev``/``next`` page numbers where they exist (for Link headers and the page)."""
        found: dict[str, int] = {}
        if self.total and self.number > 1:
            found["prev"] = self.number - 1
        if self.number < self.pages:
            found["next"] = self.number + 1
        return found


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise HTTPException(400, f"page: a positive whole number, not {raw!r}")
    return int(raw)


def instances_of(served: Served, cls: str) -> list[str]:
    """All instances of ``cls`` in IRI order, listed once per served graph."""
    key = ("instances", cls)
    cached = served.pages.get(key)
    if not isinstance(cached, list):
        cached = [str(row["instance"]) for row in run_rows(served, "instances", **{"class": cls})]
        served.pages[key] = cached
    return cached


def instance_page(served: Served, request: Request, resource: str) -> InstancePage:
    number = _page_number(request)
    everything = instances_of(served, resource)
    if not everything:
        return InstancePage(number=number)
    page = InstancePage(total=len(everything), number=number)
    if number > page.pages:
        raise HTTPException(404, f"page {number}: {resource} has {page.pages} pages")
    chosen = everything[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    cls = ox.NamedNode(resource)
    triples = [ox.Triple(ox.NamedNode(i), RDF_TYPE, cls) for i in chosen]
    return InstancePage(page.total, number, chosen, triples)
