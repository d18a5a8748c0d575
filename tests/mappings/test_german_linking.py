"""Compound-aware linking: heads of compounds reach their concepts, modifiers are no places,
and the guideline's negatives (S-Bahn stops, buses in passing) stay unlinked."""

from __future__ import annotations

import pytest

from mappings.link.lexicon import find_mentions
from mappings.text import german


def _refs(text: str) -> list[tuple[str, str]]:
    return [(text[h.start : h.end], h.entry.ref) for h in find_mentions(text)]


def test_hanta_splits_compounds_into_stems() -> None:
    assert german.stems("Haltestellenbeleuchtung") == ("halt", "stelle", "beleuchtung")
    assert german.lemma("Mülleimern") == "mülleimer"


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("neue Busrouten", "line/bus-dortmund"),
        ("mehr Haltestellenbeleuchtung", "service/haltestellen-dortmund"),
        ("das Stadtbahnnetz", "line/stadtbahn-dortmund"),
        ("Nachtbuslinien", "line/nachtexpress"),
        ("Pfandringe aufstellen", "service/pfandringe"),
        ("mehr Mülleimer", "service/abfallbehaelter"),
        ("die Wertstoffhöfe", "service/recyclinghoefe"),
        ("den Winterdienst", "service/winterdienst"),
        ("das Deutschlandticket Sozial", "service/deutschlandticket-sozial"),
        ("ein 365-Euro-Ticket", "service/365-euro-ticket"),
        ("bei kommunalen Wohnungsunternehmen", "service/kommunaler-wohnungsbestand"),
        ("die Fernwärmenetze", "service/fernwaerme-dortmund"),
    ],
)
def test_compounds_reach_their_concept(text: str, ref: str) -> None:
    assert ref in [r for _, r in _refs(text)]


@pytest.mark.parametrize(
    "text",
    [
        "den Walking Bus fördern",
        "Straßen ohne Bus- und Lastverkehr",
        "ob im Bus, der Bahn oder im Auto",
        "mehr Haltestellen auf bestehenden S-Bahn-Strecken",
        "im Busch",
    ],
)
def test_buses_in_passing_and_rail_stops_are_not_dsw21s(text: str) -> None:
    refs = [r for _, r in _refs(text)]
    assert "line/bus-dortmund" not in refs
    assert "service/haltestellen-dortmund" not in refs


def test_a_compound_modifier_is_no_place() -> None:
    assert _refs("auf Innenstadtparkplatzflächen") == []
    assert _refs("die Nordstadtbewohner") == []
    assert _refs("in der Innenstadt") == [("Innenstadt", "place/city")]
    assert [r for _, r in _refs("im Westfalenparks")] == ["place/westfalenpark"]


def test_compound_matcher_asks_the_morphology_once_per_word_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mappings.link.compounds import CompoundMatcher

    asked: list[str] = []
    real = german.contains_stems

    def counting(word: str, term: tuple[str, ...]) -> int | None:
        asked.append(word)
        return real(word, term)

    monkeypatch.setattr(german, "contains_stems", counting)
    matcher = CompoundMatcher([(0, ("bus",)), (1, ("halt", "stelle"))])
    text = "Busrouten und Busrouten, Busrouten im Rathaus ohne Stellenhalter"
    hits = [(text[h.start : h.end], h.index) for h in matcher.find(text)]
    assert hits == [("Busrouten", 0)] * 3
    # one word form analysed once; "Rathaus", "und", "Stellenhalter" (stems out of order) never
    assert asked == ["Busrouten"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eine Taktverdichtung der Stadtbahn", ("Taktverdichtung", "service/takt-oepnv-dortmund")),
        (
            "die gute Trinkwasserqualität sichern",
            ("Trinkwasserqualität", "service/energieversorgung-dortmund"),
        ),
        (
            "mehr Müll wird illegal entsorgt",
            ("Müll wird illegal", "service/abfallwirtschaft-dortmund"),
        ),
        (
            "den kommunalen und genossenschaftlichen Wohnungsbau stärken",
            (
                "kommunalen und genossenschaftlichen Wohnungsbau",
                "service/kommunaler-wohnungsbestand",
            ),
        ),
        ("den ÖPNV ausbauen", ("ÖPNV", "line/oepnv-dortmund")),
    ],
)
def test_guideline_section_4_concepts(text: str, expected: tuple[str, str]) -> None:
    assert expected in _refs(text)


@pytest.mark.parametrize(
    "text",
    [
        "die Taktung von Regional- und S-Bahnen erhöhen",  # the VRR's trains, not DSW21's
        "Haltepunkte der S-Bahn verlegen",  # a Haltepunkt is a railway stop
        "Anreize für die Nutzung von ÖPNV, Rad- oder Fußwegen",  # one way to travel among others
        "wie im VRR-Nahverkehrsplan vorgesehen",
    ],
)
def test_guideline_section_4_negatives(text: str) -> None:
    refs = {ref for _, ref in _refs(text)}
    assert not refs & {
        "service/takt-oepnv-dortmund",
        "service/haltestellen-dortmund",
        "line/oepnv-dortmund",
    }
