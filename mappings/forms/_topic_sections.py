"""Sections inferred for a document whose headings did not survive (a PDF's text layer).

Such a document still has topic units: the prose that opens a topic and the list that follows
it. A new unit starts with the first prose paragraph after a list, and with a paragraph that
opens a new page before any list (chapter introductions start on their own page). Its title is
the opening of its first sentence, since the real heading is lost; its key the title's slug,
numbered on from "-2" where a title repeats. The general form uses this only when it finds no
heading at all, so a document with headings keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mappings.rdf.iri import slugify
from mappings.records import Section
from mappings.text.source import SourceText

_TITLE_WORDS = 10


@dataclass
class _Topic:
    key: str
    title: str
    start: int
    end: int
    has_list: bool = False
    statements: int = 0


@dataclass
class TopicSections:
    """The topic units of one document, grown unit by unit as the form reads it."""

    topics: list[_Topic] = field(default_factory=list)

    @property
    def current(self) -> _Topic | None:
        return self.topics[-1] if self.topics else None

    def paragraph(self, start: int, first_sentence: str, *, opens_page: bool, prose: bool) -> None:
        """A prose paragraph at ``start``: it opens a topic after a list, or on a new page."""
        topic = self.current
        if topic is None or topic.has_list or (opens_page and prose and topic.statements > 0):
            self._open(start, first_sentence)

    def item(self, start: int, text: str) -> None:
        """A list item at ``start``; a list before any prose opens the first topic."""
        if self.current is None:
            self._open(start, text)
        topic = self.current
        assert topic is not None
        topic.has_list = True

    def counted(self, end: int) -> None:
        """A statement of the current topic ends at ``end``."""
        topic = self.current
        if topic is not None:
            topic.statements += 1
            topic.end = max(topic.end, end)

    def extend(self, end: int) -> None:
        """The current topic reaches at least to ``end`` (a lead-in that is no statement)."""
        topic = self.current
        if topic is not None:
            topic.end = max(topic.end, end)

    def sections(self, source: SourceText) -> list[Section]:
        return [
            Section(
                key=t.key,
                title=t.title,
                level=1,
                span=source.span(t.start, t.end),
                ordinal=n,
                number=str(n),
            )
            for n, t in enumerate(self.topics, start=1)
        ]

    def _open(self, start: int, first_sentence: str) -> None:
        title = title_of(first_sentence)
        key = slugify(title) or f"abschnitt-{len(self.topics) + 1}"
        taken = {t.key for t in self.topics}
        if key in taken:
            n = 2
            while f"{key}-{n}" in taken:
                n += 1
            key = f"{key}-{n}"
        self.topics.append(_Topic(key, title, start, start + 1))


def opens_page(source: SourceText, first_line: int, furniture: set[int]) -> bool:
    """Whether a paragraph starts a page: its first line is indented by the PDF's page start,
    or only blank lines stand between it and a page number or header."""
    if source.line(first_line)[:1].isspace():
        return True
    n = first_line - 1
    while n >= 1 and not source.line(n).strip():
        n -= 1
    return n in furniture


def title_of(sentence: str) -> str:
    """The first words of a topic's opening sentence, as a stand-in for its lost heading.

    >>> title_of("Dortmund ist eine grüne Großstadt.")
    'Dortmund ist eine grüne Großstadt'
    >>> title_of("Die Klimakrise ist keine ferne Bedrohung mehr – sie ist längst in Dortmund da.")
    'Die Klimakrise ist keine ferne Bedrohung mehr – sie ist …'
    >>> title_of("Wer nachts nicht nach Hause kommt, geht nicht raus – und darunter leidet es.")
    'Wer nachts nicht nach Hause kommt, geht nicht raus …'
    """
    words = sentence.split()
    if len(words) <= _TITLE_WORDS:
        return " ".join(words).rstrip(".:!?")
    head = words[:_TITLE_WORDS]
    while len(head) > 1 and not any(ch.isalnum() for ch in head[-1]):
        head.pop()  # a dash or other lone punctuation does not end a title
    return " ".join(head).rstrip(",;:") + " …"
