"""Lines into units for the general form: headings, list items and paragraph blocks.

The general form (:mod:`mappings.forms.general`) reads a document in two steps; this is the
first: which lines make a heading (and its level, number and title), which open a list item,
and which run on as a paragraph, with furniture and blank lines ending a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.text.layout import ends_sentence, is_lead_in
from mappings.text.markup import join_lines, strip_markdown
from mappings.text.ocr import repair
from mappings.text.ocr_marks import sequence_number
from mappings.text.source import SourceText

_MD_HEADING = re.compile(r"#{1,6}\s+(?P<title>\S.*?)\s*")
BOLD_LINE = re.compile(r"\*\*(?P<title>[^*]+?)\*\*\s*")
_CAPS = re.compile(r"[^a-zäöüß]*[A-ZÄÖÜ]{2}[^a-zäöüß]*")
_NUMBERED_HEADING = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>[A-ZÄÖÜ].*?)\s*")
_ITEM = re.compile(
    r"(?P<indent>\s*)(?P<marker>[●•▪*\-–]|\d{1,2}[.)]|[a-zA-Z][.)]|\([a-z0-9]{1,2}\))\s+(?=\S)"
)
_ALWAYS_ITEM = "●•▪"
SPEAKS = re.compile(r"\b(wir|uns|unser\w*)\b", re.I)
_SENTENCE_INSIDE = re.compile(r"[a-zäöüß]{2}[.!?]\s+[A-ZÄÖÜ]")  # "Ein Recht. Wir wollen mehr"
_DANGLING = re.compile(  # a line ending in a conjunction, an article or a preposition wraps on
    r"\b(?:und|oder|sowie|aber|der|die|das|den|dem|des|ein|eine|einen|einem|einer|mit|für|von"
    r"|zu|zum|zur|in|im|an|am|auf|bei|aus|nach|über|unter|durch|gegen|ohne)$",
    re.IGNORECASE,
)
DATELINE = re.compile(r"[A-ZÄÖÜ][\w. -]*, (?:den )?\d{1,2}\. ?\w+\.? \d{4}\.?")
_HEADING_WORDS = 12
_SHORT_HEADING_WORDS = 8


@dataclass
class Unit:
    """A heading, a list item or a paragraph: offsets of its text, lines it spans."""

    kind: str  # "heading", "item", "text"
    first: int
    last: int
    start: int
    end: int
    indent: int = 0
    level: int = 1
    number: str | None = None
    title: str = ""
    title_start: int = -1  # where a capitals heading's title begins, after its number
    bullet: bool = False  # a list item marked by a bullet glyph, not a number or a dash


def read_units(source: SourceText, furniture: set[int], last_line: int | None = None) -> list[Unit]:
    """Headings, items and paragraph blocks in order, up to ``last_line`` (the text before a
    signature block); blank lines and furniture end a block."""
    units: list[Unit] = []
    current: Unit | None = None
    last = source.line_count if last_line is None else last_line
    for n in range(1, last + 1):
        line = source.line(n)
        if not line.strip() or n in furniture:
            current = None
            continue
        start = source.line_start(n) + len(line) - len(line.lstrip())
        end = source.line_start(n) + len(line.rstrip())
        previous = source.line(n - 1) if n > 1 and n - 1 not in furniture else ""
        heading = _heading(source, n, furniture)
        if heading is not None and _continues_list(source, n, last, furniture, units, heading[1]):
            heading = None  # "8. …" after item 7 and a blank line is item 8
        if heading is not None:
            if current is not None and current.kind == "heading" and _CAPS.fullmatch(line):
                current.last, current.end = n, end  # a capitals heading over lines
                title_start = max(current.title_start, current.start)
                current.title = repair(join_lines(source.text[title_start:end])).rstrip(",")
                continue
            level, number, title = heading
            current = Unit("heading", n, n, start, end, level=level, number=number, title=title)
            if number is not None:  # a wrapped title goes on after "J. "
                after = line.index(number) + len(number)
                after += len(line[after:]) - len(line[after:].lstrip(". "))
                current.title_start = source.line_start(n) + after
            units.append(current)
            continue
        item = _ITEM.match(line)
        if item and _opens_item(item.group("marker"), previous, current):
            indent = len(item.group("indent"))
            marker = item.group("marker").strip("().")
            number = marker.rstrip(")") if marker[0].isalnum() else None
            text_start = source.line_start(n) + item.end()
            current = Unit(
                "item", n, n, text_start, end, indent=indent, number=number,
                bullet=item.group("marker") in _ALWAYS_ITEM,
            )  # fmt: skip
            units.append(current)
            continue
        page_start = line.startswith(" ") and current is not None and current.kind != "heading"
        new_paragraph = page_start and ends_sentence(previous) and line.lstrip()[:1].isupper()
        if current is not None and current.kind != "heading" and not new_paragraph:
            current.last, current.end = n, end
            continue
        current = Unit("text", n, n, start, end)
        units.append(current)
    return units


def _continues_list(
    source: SourceText,
    n: int,
    last: int,
    furniture: set[int],
    units: list[Unit],
    number: str | None,
) -> bool:
    """Whether stand-alone numbered line ``n`` carries on the numbered list just before it
    (its sub-items between) rather than opening a chapter: it is no line in capitals, and what
    follows is another list item or the end of the text, not the chapter's prose."""
    if number is None or _CAPS.fullmatch(source.line(n).strip()):
        return False
    following = next(
        (k for k in range(n + 1, last + 1) if k not in furniture and source.line(k).strip()), None
    )
    if following is not None and _ITEM.match(source.line(following)) is None:
        return False
    for unit in reversed(units):
        if unit.kind != "item":
            return False
        if unit.number is not None:
            return unit.number.isdigit() and number == str(int(unit.number) + 1)
    return False


def _opens_item(marker: str, previous: str, current: Unit | None) -> bool:
    """Whether a line with a list marker opens an item rather than wrapping a sentence."""
    if marker in _ALWAYS_ITEM:
        return True
    before = previous.rstrip()
    after_list = current is not None and current.kind == "item"
    return not before or before.endswith(":") or ends_sentence(before) or after_list


def _heading(source: SourceText, n: int, furniture: set[int]) -> tuple[int, str | None, str] | None:
    """Level, number and title of a heading line, or ``None``."""
    line = source.line(n).strip()
    if m := _MD_HEADING.fullmatch(line):
        return line.index(" "), None, strip_markdown(m.group("title")).strip()
    if (m := BOLD_LINE.fullmatch(line)) and not DATELINE.fullmatch(m.group("title")):
        return 1, None, m.group("title").strip()
    words = line.split()
    wraps = line.endswith(",") and _caps_line(source, n + 1, furniture)  # "NICHT ALLES,"
    ends = line[-1] in ".;!?" or (line[-1] == "," and not wraps)
    if len(words) > _HEADING_WORDS or ends or _SENTENCE_INSIDE.search(line):
        return None
    if _CAPS.fullmatch(line) and len(re.findall(r"[A-ZÄÖÜ]", line)) > 3:
        head = line.split(maxsplit=1)
        number = head[0].rstrip(".") if len(head) > 1 and head[0].endswith(".") else None
        return 1, number, repair(line if number is None else head[1])
    alone = _blank(source, n - 1, furniture) and _blank(source, n + 1, furniture)
    if not alone:
        return None
    if m := _NUMBERED_HEADING.fullmatch(line):
        return m.group("num").count(".") + 1, m.group("num"), m.group("title")
    short = len(words) <= _SHORT_HEADING_WORDS and line[0].isupper()
    speaks = SPEAKS.search(line) is not None and before_item(source, n)  # "Wir werden"
    if speaks or _DANGLING.search(line):
        return None
    if short and (not is_lead_in(line) or (line.endswith(":") and len(words) <= 2)):
        return 1, None, line.rstrip(":").strip()
    return None


def _caps_line(source: SourceText, n: int, furniture: set[int]) -> bool:
    """Whether line ``n`` is text in capitals (a heading's next line), not blank or furniture."""
    return not _blank(source, n, furniture) and _CAPS.fullmatch(source.line(n).strip()) is not None


def read_heading_numbers(units: list[Unit]) -> None:
    """Top-level heading numbers read as their sequence: an OCR'd "J." in third place is 3.

    A printed number the sequence does not confirm stays as printed and restarts the count.
    """
    expected = 1
    for unit in units:
        if unit.kind != "heading" or unit.level != 1 or unit.number is None:
            continue
        read = sequence_number(unit.number, expected)
        if read is not None:
            unit.number = read
        expected = int(unit.number) + 1 if unit.number.isdigit() else expected + 1


def before_item(source: SourceText, n: int) -> bool:
    """Whether the next non-blank line after line ``n`` opens a list item."""
    for k in range(n + 1, source.line_count + 1):
        if source.line(k).strip():
            return _ITEM.match(source.line(k)) is not None
    return False


def _blank(source: SourceText, n: int, furniture: set[int]) -> bool:
    return not 1 <= n <= source.line_count or n in furniture or not source.line(n).strip()


def join_units(source: SourceText, units: list[Unit]) -> list[Unit]:
    """A text block continues the paragraph or item before it when that one did not end its
    sentence (and leads into nothing) or the block starts lower-case."""
    out: list[Unit] = []
    for unit in units:
        if out and unit.kind == "text" and out[-1].kind != "heading":
            before = source.text[out[-1].start : out[-1].end]
            unfinished = not ends_sentence(before) and not before.rstrip().endswith(":")
            if unfinished or source.text[unit.start].islower():
                out[-1].last, out[-1].end = unit.last, unit.end
                continue
        out.append(unit)
    return out
