"""A source document's text with line arithmetic, so every parser reports spans the same way.

Parsers work on offsets into the decoded text; :class:`SourceText` turns offsets into
:class:`~mappings.records.Span` (1-based lines) and back, and is the only place that knows how
lines are counted.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from mappings.records import Span


class SourceError(ValueError):
    """A source file cannot be read as a corpus document (missing, empty, binary, not UTF-8)."""


@dataclass(frozen=True)
class SourceText:
    """The decoded text of one corpus file and the offsets where its lines start.

    >>> src = SourceText.from_string("a\\nbc\\n")
    >>> src.span(2, 4)
    Span(line_start=2, line_end=2, char_start=2, char_end=4)
    >>> src.line(2)
    'bc'
    """

    text: str
    name: str = "<string>"
    line_starts: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def from_string(cls, text: str, name: str = "<string>") -> SourceText:
        starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                starts.append(i + 1)
        if starts[-1] == len(text) and len(starts) > 1:
            starts.pop()  # a final newline does not open another line
        return cls(text=text, name=name, line_starts=tuple(starts))

    @classmethod
    def read(cls, path: Path) -> SourceText:
        """Read a corpus file, failing with a message that names the file and what is wrong."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise SourceError(f"{path}: source file is missing") from None
        except OSError as exc:
            raise SourceError(f"{path}: cannot read source file: {exc.strerror}") from None
        if not raw.strip():
            raise SourceError(f"{path}: source file is empty")
        if b"\x00" in raw:
            line = raw[: raw.index(b"\x00")].count(b"\n") + 1
            raise SourceError(f"{path}:{line}: source file is binary (NUL byte)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SourceError(
                f"{path}:{line}: source file is not valid UTF-8 (byte offset {exc.start})"
            ) from None
        return cls.from_string(text, name=path.name)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line number of the character at ``offset``."""
        return bisect_right(self.line_starts, offset)

    def line_start(self, line: int) -> int:
        return self.line_starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line`` (before its newline)."""
        if line < len(self.line_starts):
            return self.line_starts[line] - 1
        return len(self.text) - 1 if self.text.endswith("\n") else len(self.text)

    def line(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def lines(self) -> list[str]:
        return [self.line(n) for n in range(1, self.line_count + 1)]

    def span(self, char_start: int, char_end: int) -> Span:
        """The span of ``text[char_start:char_end]``; the last line is that of its last char."""
        if not 0 <= char_start < char_end <= len(self.text):
            raise ValueError(f"bad span {char_start}:{char_end} in {self.name}")
        return Span(
            line_start=self.line_of(char_start),
            line_end=self.line_of(char_end - 1),
            char_start=char_start,
            char_end=char_end,
        )

    def trimmed_span(self, char_start: int, char_end: int) -> Span:
        """Like :meth:`span` but without leading and trailing white space."""
        while char_start < char_end and self.text[char_start].isspace():
            char_start += 1
        while char_end > char_start and self.text[char_end - 1].isspace():
            char_end -= 1
        return self.span(char_start, char_end)

    def slice(self, span: Span) -> str:
        return self.text[span.char_start : span.char_end]
