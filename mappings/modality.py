"""Classify a statement's modality and testability from German cue phrases.

INITIAL VERSION (interface fixed, rules to be extended by the semantics work): parsers call
:func:`classify`, :func:`testability` and :func:`addressees` and must not re-implement cues.
"""

from __future__ import annotations

import re

from mappings.records import Modality, Target, Testability

_OPPOSITION = re.compile(r"^\s*(kein|keine|keinen)\b|\bnicht (weiter|länger) (akzeptieren|hinnehmen)\b|\blehnen\b.*\bab\b", re.I)
_REVIEW = re.compile(r"\b(prüfen|Prüfung|überprüfen|gutachterlich\w*)\b", re.I)
_DEMAND = re.compile(r"\b(fordern|erwarten|appellieren)\b|\b(Land|Bund|VRR)\b.{0,40}\b(muss|müssen|soll|sollen)\b", re.I)
_COMMIT = re.compile(r"\b(wir|werden wir|wollen wir)\b.{0,80}\b(werden|wollen|setzen uns|fördern|unterstützen|stärken|schaffen)\b", re.I)


def classify(text: str, *, lead_in: str | None = None, default: Modality = Modality.STATEMENT) -> Modality:
    """The modality of ``text`` (normalised), read with its ``lead_in`` if it has one.

    ``default`` is what a statement is when no cue decides, e.g. ``COMMITMENT`` for a numbered
    goal under "Unsere Ziele sind:", ``VISION`` for a DOS vision.
    """
    if _OPPOSITION.search(text):
        return Modality.OPPOSITION
    if _REVIEW.search(text):
        return Modality.REVIEW
    if _DEMAND.search(text):
        return Modality.DEMAND
    if _COMMIT.search(text) or (lead_in and _COMMIT.search(lead_in)):
        return Modality.COMMITMENT
    return default


def testability(text: str, modality: Modality, targets: tuple[Target, ...]) -> Testability:
    """Testable if the pledge names a quantity or deadline, or a concrete action."""
    if targets:
        return Testability.TESTABLE
    return Testability.ASPIRATIONAL


def addressees(text: str) -> tuple[str, ...]:
    """Bodies a demand is addressed to, as they are named in the text."""
    found = re.findall(r"\b(Land|Bund|VRR|EU)\b", text)
    return tuple(dict.fromkeys(found))
