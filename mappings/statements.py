"""The one place where a slice of source text becomes a :class:`~mappings.records.Statement`.

Every text form segments its document its own way, but what happens to a segment is the same
for all of them: slice the verbatim text → normalise it → classify its modality → assess
targets, testability and addressees → number it in document order. A form only says how its
text is normalised (:class:`Normaliser`: which lines are page furniture, which marks to strip,
whether OCR is repaired) and, per statement, where it stands and what it defaults to.

>>> from mappings.text.source import SourceText
>>> src = SourceText.from_string("Wir werden 2.500 Woh-\\nnungen jährlich bauen.\\n")
>>> builder = StatementBuilder(src)
>>> s = builder.add(src.span(0, 44), kind="sentence", section_key=None, path=())
>>> (s.ordinal, s.normalised, s.modality.value, s.testability.value)
(1, 'Wir werden 2.500 Wohnungen jährlich bauen.', 'commitment', 'testable')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mappings.classify import modality as cues
from mappings.classify.assess import assess
from mappings.records import Modality, Span, Statement
from mappings.text.markup import join_lines
from mappings.text.source import SourceText

TextHook = Callable[[str], str]
_LIST_PUNCTUATION = ",;"


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Normaliser:
    """How a form turns a verbatim slice into normalised text.

    ``strip`` runs on the raw slice (markup, footnote marks: it may change the length),
    :func:`~mappings.text.markup.join_lines` joins lines and hyphenation, ``repair`` runs on the
    joined text (OCR repair). Page furniture (running headers, footers) is not a hook: it is
    blanked by line in :class:`StatementBuilder`, so offsets stay those of the source.
    """

    strip: TextHook = _same
    repair: TextHook = _same

    def __call__(self, text: str) -> str:
        return self.repair(join_lines(self.strip(text)))


@dataclass
class StatementBuilder:
    """Collects a document's statements in order: normalises, classifies, assesses, numbers.

    ``furniture`` are the 1-based numbers of lines that are not text of the document (running
    headers, page-number footers); they stay in ``verbatim`` (the exact source slice) and are
    left out of ``normalised``.
    """

    source: SourceText
    normaliser: Normaliser = field(default_factory=Normaliser)
    furniture: Iterable[int] = ()
    statements: list[Statement] = field(default_factory=list)
    _clean: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._clean = blank_lines(self.source, self.furniture)

    @property
    def clean_text(self) -> str:
        """The source text with furniture lines blanked (same length, same line breaks)."""
        return self._clean

    def normalise(self, start: int, end: int) -> str:
        """The normalised text of ``source.text[start:end]``, furniture left out."""
        return self.normaliser(self._clean[start:end])

    def add(
        self,
        span: Span,
        *,
        kind: str,
        section_key: str | None,
        path: tuple[str, ...],
        default: Modality = Modality.STATEMENT,
        modality: Modality | None = None,
        lead_in: str | None = None,
        parent: int | None = None,
        number: str | None = None,
        list_item: bool = False,
    ) -> Statement:
        """Append the statement of ``span`` and return it.

        ``modality`` fixes the modality (a vision, a bullet that only leads in); otherwise the
        cue rules decide, read with ``lead_in``, falling back to ``default``. A ``list_item``
        loses the list punctuation it ends with ("…,") from its normalised text.
        """
        text = self.normalise(span.char_start, span.char_end)
        if list_item:
            text = text.rstrip(_LIST_PUNCTUATION).rstrip()
        found = modality or cues.classify(text, lead_in=lead_in, default=default)
        judged = assess(text, found, lead_in=lead_in)
        statement = Statement(
            ordinal=len(self.statements) + 1,
            kind=kind,
            section_key=section_key,
            section_path=path,
            verbatim=self.source.slice(span),
            normalised=text,
            span=span,
            modality=found,
            testability=judged.testability,
            targets=judged.targets,
            lead_in=lead_in,
            parent=parent,
            addressees=judged.addressees,
            number=number,
        )
        self.statements.append(statement)
        return statement


def blank_lines(source: SourceText, lines: Iterable[int]) -> str:
    """``source.text`` with the given lines' characters turned to spaces, newlines kept.

    >>> blank_lines(SourceText.from_string("a\\n12\\nb"), [2])
    'a\\n  \\nb'
    """
    chars = list(source.text)
    for n in lines:
        for k in range(source.line_start(n), source.line_end(n)):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)
