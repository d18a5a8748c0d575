"""Tests of the OCR repair: each confusion rule on examples, words that must stay, speed.

The damaged forms are taken from the two OCR'd corpus files (the SPD programme and the
Zielbilder); the expected forms were read from the context by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mappings.text.markup import join_lines
from mappings.text.ocr import repair, repair_word
from mappings.text.ocr_marks import quote_pairs, repair_digits, repair_quotes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

RULE_EXAMPLES = [
    # ü read as ii / i / il / iu / U / l / u
    ("fiir", "für"),
    ("fir", "für"),
    ("fur", "für"),
    ("dafilr", "dafür"),
    ("iber", "über"),
    ("Riuckmeldungen", "Rückmeldungen"),
    ("RiickschlUsse", "Rückschlüsse"),
    ("Blrger", "Bürger"),
    ("Westfalenhiitte", "Westfalenhütte"),
    # ä / ö read as a / o / d / é / @
    ("Solidaritat", "Solidarität"),
    ("konnen", "können"),
    ("zerstort", "zerstört"),
    ("Hauser", "Häuser"),
    ("dber", "über"),
    ("drtlichen", "örtlichen"),
    ("Bevdlkerung", "Bevölkerung"),
    ("kénnten", "könnten"),
    ("Zusétzlich", "Zusätzlich"),
    ("Stadtgesprdch", "Stadtgespräch"),
    ("zwolf", "zwölf"),
    ("Abwéarme", "Abwärme"),
    # ß read as B / BB / Bi / fi / f / R / 3
    ("groBe", "große"),
    ("MaBnahmen", "Maßnahmen"),
    ("FuBBnoten", "Fußnoten"),
    ("angestoBien", "angestoßen"),
    ("Mafistab", "Maßstab"),
    ("Spaf", "Spaß"),
    ("gro3e", "große"),
    ("RegelmédBig", "Regelmäßig"),
    ("groBziigige", "großzügige"),
    # capitals
    ("OPNV", "ÖPNV"),
    ("Uber", "Über"),
    ("MOBILITAT", "MOBILITÄT"),
    ("ZUHOREN", "ZUHÖREN"),
    ("COZ", "CO2"),
    ("EURD", "EURO"),
    # letter shapes, lost letters, digits in words
    ("Furo", "Euro"),
    ("Fin", "Ein"),
    ("Nachbam", "Nachbarn"),
    ("Aushau", "Ausbau"),
    ("quter", "guter"),
    ("Mglichkeit", "Möglichkeit"),
    ("tglich", "täglich"),
    # ä read as "da", "i", "ia" mid-word (the Zielbilder titles)
    ("Stabilitdat", "Stabilität"),
    ("vielfiltige", "vielfältige"),
    ("zukunftsfiahigen", "zukunftsfähigen"),
    ("l6sen", "lösen"),
    ("2u", "zu"),
    # compounds read as two known words
    ("KielstraBe", "Kielstraße"),
    ("Stadttdchter", "Stadttöchter"),
    ("Bezirksschiler", "Bezirksschüler"),
]


@pytest.mark.parametrize(("damaged", "expected"), RULE_EXAMPLES, ids=[d for d, _ in RULE_EXAMPLES])
def test_damaged_word_is_repaired(damaged: str, expected: str) -> None:
    assert repair(damaged) == expected


KEPT = [
    "Prozent",
    "und",
    "DOGEWO",
    "PHOENIX-See",
    "DEW21",
    "B1",
    "Pokémon",
    "Forderung",  # a word in its own right, though the OCR also makes it from "Förderung"
    "konnten",
    "wurde",
    "hohe",
    "Umgehung",  # a shape edit would give the more frequent "Umgebung"
    "Anleinen",
    "Qualität",
    "Leitlinien",
    "Kümmerer",
    "Westhausen",
    "Strobelallee",
    "sozial",  # "ia" is no damaged ä where the word is one
    "Initiativen",
    "Material",
]


@pytest.mark.parametrize("word", KEPT)
def test_correct_word_is_kept(word: str) -> None:
    assert repair(word) == word


def test_hannibal_roman_numeral_is_restored() -> None:
    assert repair("Hannibal Il und das Hochhaus") == "Hannibal II und das Hochhaus"


def test_case_pattern_of_token_is_kept() -> None:
    assert repair_word("Fiir") == "Für"
    assert repair_word("fiir") == "für"
    assert repair("MOBILITAT FUR ALLE, UBERALL") == "MOBILITÄT FÜR ALLE, ÜBERALL"


def test_bracket_read_for_q_is_repaired_only_when_unclosed() -> None:
    assert repair("neuen (luartiers bereits") == "neuen Quartiers bereits"
    assert repair("von hoher (Qualitat und") == "von hoher Qualität und"
    assert repair("Fiir gute [deen wollen") == "Für gute Ideen wollen"
    assert repair("dann [@sst sich") == "dann lässt sich"
    assert repair("die Geh- und (Rad-)Fahrwege") == "die Geh- und (Rad-)Fahrwege"
    assert repair("Gesundheit (Ubergewicht, Karies)") == "Gesundheit (Übergewicht, Karies)"


def test_letter_before_unit_is_a_digit() -> None:
    assert repair_digits("um b Prozent reduzieren") == "um 5 Prozent reduzieren"
    assert repair("für weitere b Jahre bewerben") == "für weitere 5 Jahre bewerben"
    assert repair("Plan b ist gut") == "Plan b ist gut"


def test_ocr_quotes_become_german_quotes() -> None:
    assert repair_quotes("eine .Servicegesellschaft Dortmunder Wohnen™ aktiv") == (
        "eine „Servicegesellschaft Dortmunder Wohnen“ aktiv"
    )
    assert repair_quotes('städtischen ..Gesamtstrategie Wohnen" sein') == (
        "städtischen „Gesamtstrategie Wohnen“ sein"
    )
    assert repair_quotes("die sogenannten . Schrottimmobilien”™ Hannibal") == (
        "die sogenannten „Schrottimmobilien“ Hannibal"
    )
    assert repair_quotes("Prozesses ,,Dortmunder Stadtgespräch” vor") == (
        "Prozesses „Dortmunder Stadtgespräch“ vor"
    )


def test_full_stop_and_comma_are_not_quotes() -> None:
    text = "Das ist gut. Wir wollen mehr, und zwar bald."
    assert quote_pairs(text) == []
    assert repair(text) == text


def test_zielbilder_sentence_is_repaired() -> None:
    damaged = "Die folgenden zwolf Zielbilder sind Ubergeordnete Ziele fur die Stadt"
    assert (
        repair(damaged) == "Die folgenden zwölf Zielbilder sind Übergeordnete Ziele für die Stadt"
    )


CLEAN_FILES = sorted(CORPUS.glob("2021-*.txt")) + sorted(CORPUS.glob("2020-dos-*.txt"))


def test_clean_file_glob_is_not_empty() -> None:
    assert CLEAN_FILES


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in CLEAN_FILES])
def test_clean_text_is_left_alone(path: Path) -> None:
    """Files typed, not scanned, are a check of false repairs: any change is one."""
    paragraphs = [join_lines(p) for p in path.read_text(encoding="utf-8").split("\n\n")]
    changed = [(p, repair(p)) for p in paragraphs if p and repair(p) != p]
    assert changed == []


def test_whole_ocr_file_is_repaired() -> None:
    """The whole OCR document's common damage is gone (its speed is the build benchmark's
    business: a timed unit test fails on a loaded machine, not on slow code)."""
    text = (CORPUS / "2020-spd-kommunalwahlprogramm.txt").read_text(encoding="utf-8")
    repaired = repair(join_lines(text))
    assert not re.search(r"\b(fiir|miissen|MaBnahmen|groBen|Solidaritat|konnen)\b", repaired)


@pytest.mark.parametrize(
    ("damaged", "expected"),
    [
        ("Schadstoffaussto3", "Schadstoffausstoß"),  # a rare but listed word (Zipf 2.0-2.5)
        ("unnotigem", "unnötigem"),
        ("eingeraumtem", "eingeräumtem"),  # unlisted inflection of a common word
        ("verdrangtem", "verdrängtem"),
    ],
)
def test_unlisted_token_takes_a_rarer_listed_neighbour(damaged: str, expected: str) -> None:
    assert repair_word(damaged) == expected
