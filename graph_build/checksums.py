"""Check that every corpus file is the one the registry and ``SHA256SUMS`` expect.

A changed source must stop the build with a clear message, because every span in the graph
points into the exact bytes of the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph_build.errors import BuildError
from mappings.registry import DocumentInfo


def read_sums(path: Path) -> dict[str, str]:
    """Parse a ``sha256sum`` file into ``{file name: hex digest}``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BuildError(f"{path}: cannot read checksum file: {exc.strerror}") from None
    sums: dict[str, str] = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64:
            raise BuildError(f"{path}:{n}: not a 'sha256  file' line: {line!r}")
        sums[parts[1].lstrip("*")] = parts[0].lower()
    return sums


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(corpus_dir: Path, documents: list[DocumentInfo]) -> None:
    """Raise :class:`BuildError` for a missing file or one whose digest differs.

    A document extracted from a PDF has the PDF beside its text, checked the same way.
    """
    sums = read_sums(corpus_dir / "SHA256SUMS")
    for info in documents:
        _verify_file(corpus_dir, sums, info.file, info.sha256)
        if info.source_pdf is not None:
            _verify_file(corpus_dir, sums, info.source_pdf, info.source_pdf_sha256 or "")


def _verify_file(corpus_dir: Path, sums: dict[str, str], name: str, expected: str) -> None:
    path = corpus_dir / name
    if not path.is_file():
        raise BuildError(f"{path}: source file is missing")
    actual = sha256_of(path)
    listed = sums.get(name)
    if listed is None:
        raise BuildError(f"{corpus_dir / 'SHA256SUMS'}: no checksum for {name}")
    if actual != listed or actual != expected:
        raise BuildError(
            f"{path}: source file changed (sha256 {actual[:12]}…, expected "
            f"{expected[:12]}…); sources are never edited — restore the file or "
            "register the new version in mappings/documents.toml and SHA256SUMS"
        )
