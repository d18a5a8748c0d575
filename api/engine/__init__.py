"""The query engine: backends, the SPARQL pre-check, named queries, results and their formats,
and the sandboxed worker processes that run queries. Nothing here speaks HTTP (a test keeps
FastAPI, Starlette and uvicorn out), so the command line, the benches and a future transport
use it as it is."""
