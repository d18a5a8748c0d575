"""The HTTP layer: the FastAPI app, its routers and pages, the SPARQL 1.1 Protocol, rate
limits, caches and hot swap of a new build. It asks :mod:`api.engine` for answers."""
