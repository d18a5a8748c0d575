"""The ``dortmund-kg`` command: add, build, validate, query, serve.

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
from mappings.registry import DOCUMENT_TYPES, REGISTRY_FILE

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2


def _env_path(name: str, default: Path) -> Path:
    """A default path that an environment variable may replace (a copy of the corpus, a
    scratch build directory: what the end-to-end tests use)."""
    value = os.environ.get(name)
    return Path(value) if value else default


def _cmd_add(args: argparse.Namespace) -> int:
    from dortmund_kg.add import AddError, NewDocument, add_document

    new = NewDocument(
        path=args.path,
        id=args.id,
        title=args.title,
        authors=tuple(a.strip() for a in args.author.split(",") if a.strip()),
        date=args.date,
        type=args.type,
        form=args.form,
    )
    try:
        added = add_document(new, corpus=args.corpus, registry=args.registry)
    except AddError as exc:
        print(f"dortmund-kg add: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    info = added.info
    print(
        f"Added {info.id}: {args.corpus / info.file} "
        f"({added.statements} statements, form {info.form})"
    )
    if info.source_pdf:
        print(f"  text extracted from {args.corpus / info.source_pdf} (kept, checksum recorded)")
    print(f"  registered in {args.registry}; the next `dortmund-kg build` includes it")
    return EXIT_OK


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
            registry_path=args.registry,
            reference_engines=args.reference,
        )
    except BuildError as exc:
        print(f"dortmund-kg build: error: {exc}", file=sys.stderr)
        print("dortmund-kg build: the previous build (if any) is left as it was", file=sys.stderr)
        return EXIT_ERROR
    s = result.summary
    print(
        f"Built {s.triples_total} quads into {args.out}/ "
        f"({s.seconds['total']:.1f} s; SHACL conforms, {s.validation.warnings} warnings)"
    )
    for doc_id, d in s.documents.items():
        mods = ", ".join(f"{k} {v}" for k, v in d.by_modality.items())
        print(
            f"  {doc_id}: {d.statements} statements, {d.pledges} pledges, "
            f"{d.targets} targets ({mods})"
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

    corpus = _env_path("DORTMUND_KG_CORPUS", ROOT / "corpus")
    registry = _env_path("DORTMUND_KG_REGISTRY", REGISTRY_FILE)
    out = _env_path("DORTMUND_KG_BUILD_DIR", ROOT / "build")

    p_add = sub.add_parser("add", help="add a .txt or .pdf document to the corpus and registry")
    p_add.add_argument("path", type=Path, help="the document: UTF-8 .txt or .pdf")
    p_add.add_argument("--id", required=True, help="file stem and IRI slug, e.g. 2026-spd-antrag")
    p_add.add_argument("--title", required=True)
    p_add.add_argument("--author", required=True, metavar="SLUG[,SLUG]", help="actor slugs")
    p_add.add_argument("--date", required=True, metavar="YYYY[-MM-DD]")
    p_add.add_argument("--type", required=True, help=", ".join(DOCUMENT_TYPES))
    p_add.add_argument("--form", default="general", help="text form (default: general)")
    p_add.add_argument("--corpus", type=Path, default=corpus)
    p_add.add_argument("--registry", type=Path, default=registry)
    p_add.set_defaults(func=_cmd_add)

    p_build = sub.add_parser("build", help="build the graph into build/")
    p_build.add_argument("--corpus", type=Path, default=corpus)
    p_build.add_argument("--registry", type=Path, default=registry)
    p_build.add_argument("--out", type=Path, default=out)
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
    p_val.add_argument("--out", type=Path, default=out)
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
