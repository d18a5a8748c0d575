"""The gazetteer links places by the names in ``reference/places.ttl`` (guideline §6), in the
forms running text and OCR give them, and no generic compound modifier becomes a place."""

from __future__ import annotations

import re

import pytest

from mappings.link.lexicon import find_mentions
from mappings.link.places import label_pattern


def _places(text: str) -> list[tuple[str, str]]:
    return [
        (text[h.start : h.end], h.entry.ref)
        for h in find_mentions(text)
        if h.entry.kind == "place" and h.entry.ref != "place/dortmund"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Parken an der Hansastraße", [("Hansastraße", "place/hansastrasse")]),
        ("Parken an der Hansastr. im Zentrum", [("Hansastr.", "place/hansastrasse")]),
        ("die KielstraBe umbauen", [("KielstraBe", "place/kielstrasse")]),  # OCR: ß read as B
        ("Lärm an der A 40 und der B54", [("A 40", "place/a40"), ("B54", "place/b54")]),
        ("Konzerte im Konzerthaus", [("Konzerthaus", "place/konzerthaus")]),
        (
            "am Friedensplatz vor dem Rathaus",
            [("Friedensplatz", "place/friedensplatz"), ("Rathaus", "place/rathaus")],
        ),
        (
            "auf Phoenix-Ost und Phoenix West",
            [("Phoenix-Ost", "place/phoenix-ost"), ("Phoenix West", "place/phoenix-west")],
        ),
        ("Spiele im Signal Iduna Park", [("Signal Iduna Park", "place/stadion-dortmund")]),
        ("eine lebendige Innenstadt", [("Innenstadt", "place/city")]),
        ("in Hérde und Brechten", [("Hérde", "place/hoerde"), ("Brechten", "place/brechten")]),
        # a compound that only begins with a place word names no place
        ("weniger Innenstadtparkplatzflächen", []),
        ("der Rathausplatz", []),
        ("die A400 und A1000", []),
    ],
)
def test_gazetteer_names_places(text: str, expected: list[tuple[str, str]]) -> None:
    assert _places(text) == expected


def test_label_pattern_tolerates_genitive_and_hyphen() -> None:
    pattern = re.compile(label_pattern("Westfalenpark") or "")
    assert pattern.search("des Westfalenparks")
    assert not pattern.search("Westfalenparkplatz")
    assert label_pattern("A1") is not None and label_pattern("of") is None
