"""The ``dortmund-kg`` command: build, validate, query, serve.

Exit codes follow pySHACL: 0 ok, 1 does not conform, 2 error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from api.cli_commands import add_subcommands
from graph_build.errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def _progress_enabled() -> bool:
    """Progress lines for people at a terminal; quiet under CI and in pipes."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def _cmd_build(args: argparse.Namespace) -> int:
    from graph_build.pipeline import build

    progress = (lambda msg: print(f"  … {msg}", file=sys.stderr)) if _progress_enabled() else None
    try:
        result = build(
            args.corpus,
            args.out,
            progress=progress,
            only=args.only or None,
            reference_engines=args.reference,
        )
    except BuildError as exc:
        print(f"dortmund-kg build: error: {exc}", file=sys.stderr)
        print("dortmund-kg build: the previous build (if any) is left as it was", file=sys.stderr)
        return EXIT_ERROR
    s = result.summary
    print(
        f"Built {s['triples_total']} quads into {args.out}/ "
        f"({s['seconds']['total']:.1f} s; SHACL conforms, {s['validation']['warnings']} warnings)"
    )
    for doc_id, d in s["documents"].items():
        mods = ", ".join(f"{k} {v}" for k, v in d["by_modality"].items())
        print(
            f"  {doc_id}: {d['statements']} statements, {d['pledges']} pledges, "
            f"{d['targets']} targets ({mods})"
        )
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from graph_build.validate_build import validate_build

    try:
        findings = validate_build(args.out)
    except BuildError as exc:
        print(f"dortmund-kg validate: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    violations = [f for f in findings if f.severity == "Violation"]
    if args.json:
        print(json.dumps([f.__dict__ for f in findings], indent=2, ensure_ascii=False))
    else:
        for f in findings:
            print(f)
        print(f"{len(violations)} violation(s), {len(findings) - len(violations)} other finding(s)")
    return EXIT_INVALID if violations else EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dortmund-kg", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_build = sub.add_parser("build", help="build the graph into build/")
    p_build.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p_build.add_argument("--out", type=Path, default=ROOT / "build")
    p_build.add_argument(
        "--only", action="append", metavar="DOC_ID", help="build only this document (repeatable)"
    )
    p_build.add_argument(
        "--reference",
        action="store_true",
        help="reason with owlrl and validate with pySHACL throughout (slower, same output)",
    )
    p_build.set_defaults(func=_cmd_build)

    p_val = sub.add_parser("validate", help="SHACL-validate the built graph (exit 0/1/2)")
    p_val.add_argument("--out", type=Path, default=ROOT / "build")
    p_val.add_argument("--json", action="store_true", help="findings as JSON")
    p_val.set_defaults(func=_cmd_validate)

    add_subcommands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
