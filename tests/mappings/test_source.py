"""Reading a source file: offsets ↔ lines, and clear errors for files that are not text."""

from __future__ import annotations

from pathlib import Path

import pytest

from mappings.text.source import SourceError, SourceText


def test_span_lines_are_one_based_and_inclusive() -> None:
    src = SourceText.from_string("eins\nzwei\ndrei\n")
    span = src.span(5, 14)
    assert (span.line_start, span.line_end) == (2, 3)
    assert src.slice(span) == "zwei\ndrei"


def test_trimmed_span_drops_surrounding_white_space() -> None:
    src = SourceText.from_string("  Wort  \n")
    assert src.slice(src.trimmed_span(0, 8)) == "Wort"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "source file is empty"),
        (b"  \n\n", "source file is empty"),
        (b"Text\n\x00\x01", r":2: source file is binary"),
        (b"gut\nschlecht \xff\n", r":2: source file is not valid UTF-8"),
    ],
    ids=["empty", "blank", "binary", "latin1"],
)
def test_bad_source_file_is_named_with_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as err:
        SourceText.read(path)
    assert str(path) in str(err.value)


def test_missing_source_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="source file is missing"):
        SourceText.read(tmp_path / "nope.txt")
