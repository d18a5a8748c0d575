"""Sentence splitting on raw corpus text: abbreviations, ordinals, lists, quotes, OCR breaks.

Texts are copied byte for byte from ``corpus/`` (``file:line`` in the id; L = 2021 Leitlinien,
S = 2020 SPD, D = 2020 DOS, Z = 2025 Zielbilder, G = 2025 Grüne) unless the id says
``variant`` (the same sentence with a spelling the OCR produces elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mappings.registry import load_registry
from mappings.text.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

CASES: list[tuple[str, list[str], str]] = [
    (
        "In den nächsten fünf Jahren wollen wir gemeinsam dafür die Weichen stellen. Mit welchen "
        "konkreten Maßnahmen wir dieses Ziel erreichen wollen, werden wir in einem Workshop mit "
        "Fachleuten u.a. der Wohnungswirtschaft, der Vereine der Mietenden usw. klären.",
        ["In den nächsten", "Mit welchen"],
        "L54-u.a.-usw",
    ),
    (
        "hinaus streben wir weitere\nVerbesserungen der Barrierefreiheit im Bestand (z. B. Anbau "
        "von Aufziigen) und die Férderung des altengerechten Umbaus der Bestande an.\n "
        "Entscheidend wird aber vor allem sein",
        ["hinaus streben", "Entscheidend"],
        "S46-ocr-z.-B.",
    ),
    (
        "im Bestand (z. B Anbau von Aufzügen) und die Förderung des Umbaus an. Entscheidend ist",
        ["im Bestand", "Entscheidend"],
        "S47-variant-z.-B-without-final-period",
    ),
    (
        "im Bestand (z.B. Anbau von Aufzügen) an. Entscheidend ist",
        ["im Bestand", "Entscheidend"],
        "S47-variant-z.B.",
    ),
    ("Dortmund, den 22. März 2021", ["Dortmund, den 22. März 2021"], "L491-date-ordinal"),
    (
        "Die Fans des 1. FC Köln kommen gern. Der BVB stand 1966 im Finale.",
        ["Die Fans", "Der BVB"],
        "variant-1.-FC",
    ),
    (
        "Eine leistungsfähige digitale Infrastruktur und die digitale Erbringung städtischer "
        "Dienstleistungen sind im 21. Jahrhundert wichtige Standortfaktoren. Wir wollen, dass "
        "Dortmund im Jahr 2025 zu den digitalsten und smartesten Städten Deutschlands zählt.",
        ["Eine leistungsfähige", "Wir wollen"],
        "L396-century-ordinal",
    ),
    (
        "dann im Rahmen der 2. Stadtkonferenz im Mérz 2025 der breiten Stadtbevdlkerung\n"
        "vorgestellt und konnten kommentiert werden. Insgesamt haben 220 Teilnehmende",
        ["dann im Rahmen", "Insgesamt"],
        "Z62-stadtkonferenz-ordinal",
    ),
    (
        ".Da gehe ich jetzt lieber nicht lang ...” Diesen Gedanken kennen viele. Das diirfen wir "
        "nicht hinnehmen.",
        [".Da gehe", "Diesen Gedanken", "Das diirfen"],
        "S177-ellipsis-before-closing-quote",
    ),
    (
        "Die digitalen Einwohnerinnendienste (ehem. \nBürgerdienste) wurden endlich umgesetzt.",
        ["Die digitalen"],
        "D22-ehem-at-line-end",
    ),
    (
        "Die Lademöglichkeiten für E-Mobilität mit Versorgung aus erneuerbaren \nEnergien wurden "
        "stadtweit ausgebaut. Auch für E-Bikes, E-Rollis, etc.\n\nDie kommunale Wasserwirtschaft "
        "wurde konsequent verbessert.",
        ["Die Lademöglichkeiten", "Auch für", "Die kommunale"],
        "D105-etc-before-paragraph",
    ),
    (
        "Aber natirlich reicht das nicht. So\n\nmissen wir bereit sein, auch fir die Pflege mehr "
        "Geld in die Hand zu nehmen.",
        ["Aber natirlich", "So\n\nmissen"],
        "S192-page-break-mid-sentence",
    ),
    (
        "Unsere Ziele sind:\n\n1. Klimaneutralität bis 2035\n2. Einrichtung eines Klima-Rates\n"
        "3. Klimagerechte Wohn- und Gewerbegebiete und klimaneutrale Neubaugebiete",
        ["Unsere Ziele", "1. Klima", "2. Einrichtung", "3. Klimagerechte"],
        "L129-numbered-list",
    ),
    (
        "Dazu gehörten und gehören zum Beispiel\n- queere Menschen (LGBTIQA)\n- Menschen mit "
        "Migrationshintergrund\n- Frauen",
        ["Dazu gehörten", "- queere", "- Menschen", "- Frauen"],
        "D221-dash-list",
    ),
    (
        "Dortmund ist das Zentrum Nr. 1 fiir Forschung in der Logistik in Europa. Es wird daher "
        "Zeit, dass wir in Europa auch das Vorbild fir eine neue\nStadt-Logistik werden.",
        ["Dortmund ist", "Es wird"],
        "S108-nr",
    ),
    (
        "die Belastung durch Schwerverkehr jedes Jahr kontinuierlich um b Prozent\nreduzieren. "
        "2030 soll die Belastung mindestens halbiert sein",
        ["die Belastung", "2030 soll"],
        "S111-sentence-opens-with-year",
    ),
    (
        "Die Stadt ist klimaneutral und nachhaltig. Und das nicht erst 2038!",
        ["Die Stadt", "Und das"],
        "D57",
    ),
    ("Klimasoziale Gesellschaft gestalten! Jetzt!", ["Klimasoziale", "Jetzt!"], "D4-slogan"),
    (
        "Ausgeschlossen ist eine Zusammenarbeit mit der Fraktion der AfD ebenso wie mit dem "
        "Vertreter der Partei „Die Rechte“. Sollte sich abzeichnen, dass eine Mehrheit nur mit "
        "diesen Stimmen zustande kommt, wird auf eine Beschlussfassung verzichtet.",
        ["Ausgeschlossen", "Sollte sich"],
        "L28-period-after-closing-quote",
    ),
    (
        "unter Einbeziehung der städtischen Wohnungsbaugesellschaft DOGEWO bzw. der Dortmunder "
        "Stadtentwicklungsgesellschaft",
        ["unter Einbeziehung"],
        "L58-bzw",
    ),
    ("**Dr. Jendrik Suck**", ["**Dr. Jendrik Suck**"], "L474-dr"),
    (
        "angepasst in ,,die Umwandlung der Phoenix-Areale” (s. Drucksache Nr. 38472-25/1).\n\n"
        "3 Ruckmeldung aus der Online-Beteiligung.",
        ["angepasst in", "3 Ruckmeldung"],
        "Z161-s.-and-nr",
    ),
    (
        "Dafür werden wir \n\n● die Klimaagentur im Umweltamt als zuständige Einheit personell "
        "stärken.",
        ["Dafür werden wir", "● die Klimaagentur"],
        "G124-bullet-marker",
    ),
    (
        "Wir sind überzeugt: Das Fahrrad ist weit mehr als nur ein Freizeitverkehrsmittel.",
        ["Wir sind überzeugt: Das Fahrrad"],
        "G-colon-is-no-boundary",
    ),
]


@pytest.mark.parametrize(("text", "openings"), [pytest.param(t, o, id=i) for t, o, i in CASES])
def test_sentences_open_where_expected(text: str, openings: list[str]) -> None:
    spans = split_sentences(text)
    assert [text[a:b][: len(o)] for (a, b), o in zip(spans, openings, strict=False)] == openings
    assert len(spans) == len(openings)


def test_table_has_enough_cases() -> None:
    assert len(CASES) >= 15


def test_window_offsets_index_into_whole_text() -> None:
    path = CORPUS / "2020-spd-kommunalwahlprogramm.txt"
    text = path.read_text(encoding="utf-8")
    start = text.index("Hauser in Dortmund")  # S45
    end = text.index("Die Entwicklung von Siedlungen")  # S51
    spans = split_sentences(text, start, end)
    assert spans[0][0] == start
    first = "Hauser in Dortmund sollen energetisch effizient sein."
    assert text[spans[0][0] : spans[0][1]] == first
    assert text[spans[-1][0] : spans[-1][1]].endswith("gegriindet werden.")
    assert all(start <= a < b <= end for a, b in spans)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in sorted(CORPUS.glob("*.txt"))])
def test_corpus_file_splits_into_trimmed_disjoint_spans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert spans
    assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


def test_corpus_glob_is_not_empty() -> None:
    names = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert names and names == sorted(d.file for d in load_registry())


@given(st.text(alphabet="Ab .!?\n„“z1", max_size=60))
def test_spans_cover_all_non_space_text(text: str) -> None:
    spans = split_sentences(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert [c for c in covered if not c.isspace()] == [c for c in text if not c.isspace()]
