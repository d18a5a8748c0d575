"""The ``query`` and ``serve`` subcommands of ``dortmund-kg``.

The command line (dortmund_kg/cli.py) owns the parser; it calls :func:`add_subcommands` so
that serving and querying live beside the API code they drive. Exit codes follow pySHACL's: 0
ok, 2 error (a bad parameter, a missing build).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from api.engine.backends import Backend, OxigraphBackend, QueryError, RemoteBackend
from api.engine.formats import NAMED_FORMATS
from api.engine.named_queries import CatalogError, ParameterError, load_catalog, run
from mappings.build_files import BuildDir

ROOT = Path(__file__).resolve().parent.parent


def add_subcommands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``query`` and ``serve``; each sets ``func`` to a handler returning an exit code."""
    query = subparsers.add_parser("query", help="run a named query (queries/<name>.rq)")
    query.add_argument("name", nargs="?", help="query name; omit to list the queries")
    query.add_argument(
        "--param", "-p", action="append", default=[], metavar="K=V", help="a query parameter"
    )
    query.add_argument("--format", choices=list(NAMED_FORMATS), default="json")
    query.add_argument("--build-dir", type=Path, default=ROOT / "build")
    query.add_argument("--endpoint", help="query a remote SPARQL endpoint instead of the build")
    query.set_defaults(func=query_command)

    serve = subparsers.add_parser("serve", help="serve SPARQL, named queries, linked data, web UI")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--build-dir", type=Path, default=ROOT / "build")
    serve.set_defaults(func=serve_command)


def _backend(build_dir: Path, endpoint: str | None) -> Backend:
    if endpoint:
        return RemoteBackend(endpoint)
    return OxigraphBackend.from_file(BuildDir(build_dir).require_dataset())


def query_command(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog()
        if not args.name:
            for query in catalog.values():
                print(f"{query.name}\t{query.summary}")
            return 0
        if args.name not in catalog:
            print(f"error: no query {args.name!r}; known: {', '.join(catalog)}", file=sys.stderr)
            return 2
        values: dict[str, str] = {}
        for item in args.param:
            key, sep, value = item.partition("=")
            if not sep:
                print(f"error: --param {item!r}: expected K=V", file=sys.stderr)
                return 2
            values[key] = value
        result = run(catalog[args.name], _backend(args.build_dir, args.endpoint), values)
    except (ParameterError, CatalogError, QueryError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.format == "csv":
        sys.stdout.write(result.to_csv().decode("utf-8"))
    else:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return 0


def serve_command(args: argparse.Namespace) -> int:
    from api.web.server import run as run_server

    if not BuildDir(args.build_dir).dataset.exists():
        print(
            f"error: {BuildDir(args.build_dir).dataset} missing: run `dortmund-kg build`",
            file=sys.stderr,
        )
        return 2
    try:
        run_server(args.host, args.port, args.build_dir)
    except ValueError as error:  # a DORTMUND_KG_* setting that does not parse names itself
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
