"""Targets (quantities, periods, bounds, deadlines) and non-targets from corpus sentences.

``file:line`` in each id (L = 2021 Leitlinien, S = 2020 SPD as OCR-repaired, G = 2025 Grüne,
D = 2020 DOS, Z = 2025 Zielbilder).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from mappings.classify.targets import extract_targets
from mappings.records import TargetKind

Q, DL = TargetKind.QUANTITY, TargetKind.DEADLINE
# (text, [(kind, quantity, unit, period, year, comparison)], id)
Row = tuple[TargetKind, str | None, str | None, str | None, int | None, str]
CASES: list[tuple[str, list[Row], str]] = [
    (
        "Neubau von 2.500 Wohnungen jährlich – unter Einbeziehung der städtischen "
        "Wohnungsbaugesellschaft DOGEWO",
        [(Q, "2500", "Wohnungen", "P1Y", None, "exactly")],
        "L58",
    ),
    (
        "Programm zur Schaffung von Wohnraum für junge Familien mit dem Ziel von insgesamt 5.000 "
        "neuen Wohnungen bis 2025",
        [(Q, "5000", "Wohnungen", None, 2025, "exactly")],
        "L60",
    ),
    ("Klimaneutralität bis 2035", [(DL, None, None, None, 2035, "exactly")], "L131"),
    (
        "Baumpflanzprogramm mit 5.000 Bäumen jährlich bis 2025 (25.000 Zukunftsbäume in der "
        "Wahlperiode)",
        [
            (Q, "5000", "Bäume", "P1Y", 2025, "exactly"),
            (Q, "25000", "Zukunftsbäume", None, None, "exactly"),
        ],
        "L135",
    ),
    (
        "Auflage eines Programms zum Hochwasserschutz: 1 Mio. € jährlich bis 2025 für die "
        "Entsiegelung von Flächen",
        [(Q, "1000000", "EUR", "P1Y", 2025, "exactly")],
        "L146",
    ),
    (
        "uns dafür einsetzen, das Stadtbahnnetz bis 2035 um insgesamt mindestens 25 km zu "
        "erweitern",
        [(Q, "25", "km", None, 2035, "atLeast")],
        "G2276",
    ),
    (
        "Wir werden eine Kampagne starten, durchaus auch mit dem Ziel, jedes Jahr mindestens 5 "
        "Prozent weniger Dreck auf der Straße zu haben.",
        [(Q, "5", "percent", "P1Y", None, "atLeast")],
        "S188",
    ),
    (
        "Wir wollen die Rahmenbedingungen schaffen, damit die in Dortmund lebenden Menschen diesen "
        "Anteil langfristig auf 75 Prozent erhöhen können.",
        [(Q, "75", "percent", None, None, "exactly")],
        "L72-auf-75",
    ),
    (
        "wie das Anstreben einer Quote im öffentlich geförderten Wohnungsbau in Dortmund von bis "
        "zu 30 Prozent",
        [(Q, "30", "percent", None, None, "atMost")],
        "S26-bis-zu",
    ),
    (
        "Wir schonen unsere Ressourcen und reduzieren wie in der Nationalen "
        "Kreislaufwirtschaftstrategie vorgesehen bis 2030 unseren Abfall pro Kopf um 10 Prozent.",
        [(Q, "10", "percent", None, 2030, "exactly")],
        "G56-deadline-before-quantity",
    ),
    (
        "Die Kappungsgrenze für Mieterhöhungen muss bundesweit von 20 Prozent in drei Jahren auf "
        "15 Prozent gesenkt werden.",
        [(Q, "15", "percent", None, None, "exactly")],
        "S34-baseline-is-no-target",
    ),
    (
        "Bedarfsgerechter Ausbau von Plätzen in Kindertageseinrichtungen auf eine Versorgungsquote "
        "von mindestens 50 Prozent für unter Dreijährige",
        [(Q, "50", "percent", None, None, "atLeast")],
        "L211",
    ),
    (
        "20. 1.500 Parkplätze im gesamten Stadtgebiet für Park+Ride-Plätze",
        [(Q, "1500", "Parkplätze", None, None, "exactly")],
        "L105-list-number-is-no-target",
    ),
    (
        "Aufbau eines kommunalen Verkehrswegeplans für alle Verkehrsträger bis 2030",
        [(DL, None, None, None, 2030, "exactly")],
        "L83",
    ),
    (
        "Die Quote soll auf 40 % steigen, aber die Miete nicht mehr als 30 % des Einkommens",
        [(Q, "40", "percent", None, None, "exactly"), (Q, "30", "percent", None, None, "atMost")],
        "G1073-1078-nicht-mehr-als",
    ),
    (
        "das Deutschlandticket Sozial beibehalten und auf 29 € pro Monat vergünstigen.",
        [(Q, "29", "EUR", "P1M", None, "exactly")],
        "G3149",
    ),
    (
        "2030 soll die Belastung mindestens halbiert sein",
        [(Q, "0.5", "Faktor", None, 2030, "exactly")],  # guideline §5: halbieren → 0.5 Faktor
        "S112-leading-year",
    ),
    (
        "Sanierung oder der mögliche Neubau von drei Berufskollegs",
        [(Q, "3", "Berufskollegs", None, None, "exactly")],
        "S146-word-number",
    ),
    (
        "Wir wissen bereits heute, dass wir jedes Jahr 2.000 neue und bezahlbare Wohnungen bauen "
        "müssen",
        [(Q, "2000", "Wohnungen", "P1Y", None, "exactly")],
        "S20-attributes",
    ),
    (
        "Städtische Flächen mit Mindestbreiten von 4,50m umbauen.",
        [(Q, "4.50", "m", None, None, "exactly")],
        "G2486-glued-unit",
    ),
    # --- non-targets ------------------------------------------------------------------
    ("Das Ergebnis der Kommunalwahl im September 2020 hat gezeigt", [], "L22-date"),
    (
        "Die Fraktionen schlagen für die Wahlperiode 2020 bis 2025 einen neuen Weg ein",
        [],
        "L24-period-range",
    ),
    ("Wir haben seit 74 Jahren in Dortmund einen klaren Kompass", [], "S3-duration"),
    (
        "Das Ziel dabei ist klar: Ein 365-Euro-Ticket für das ganze Ruhrgebiet.",
        [(Q, "365", "EUR", None, None, "exactly")],  # guideline §5: a ticket product's price
        "S121-product-price",
    ),
    (
        "Planungsmoratorium für die OW III a/L 663 n und Moratorium bezüglich der "
        "B1-Untertunnelung",
        [],
        "L79-L85-road-codes",
    ),
    (
        "den 5-Minuten-Takt der U41 nach Hörde ab Sommer 2025 auch auf der U42 einführen",
        [(Q, "5", "Minuten", None, None, "atMost")],  # an interval; U41/U42 are codes
        "G2286-interval-not-line-codes",
    ),
    (
        "Der Anteil des Umweltverbundes am Modal Split beträgt derzeit 51 Prozent.",
        [],
        "L72-current-value",
    ),
    ("Dortmund ist das Zentrum Nr. 1 für Forschung in der Logistik in Europa.", [], "S108-nr"),
    (  # a duration that is what the pledge sets is a target (gold set, guideline §5)
        "Modellversuche für an 24 Stunden und an 7 Tagen geöffneten Kitas",
        [(Q, "24", "Stunden", None, None, "exactly"), (Q, "7", "Tage", None, None, "exactly")],
        "L215-hours",
    ),
    (
        "Die Kündigungssperrfrist sollte bei fünf Jahren bleiben.",
        [(Q, "5", "Jahre", None, None, "exactly")],
        "S35-duration-kept",
    ),
    (
        "Wir wollen in den nächsten fünf Jahren 300 Wohnungen bauen",
        [(Q, "300", "Wohnungen", None, None, "exactly")],
        "timeframe-not-label",
    ),
    ("die Öffnungszeiten der sechs Recyclinghöfe aufrechterhalten", [], "count-word-after-article"),
    (
        "Dortmund soll 2035 klimaneutral sein.",
        [(DL, None, None, None, 2035, "exactly")],
        "year-of-a-state",
    ),
    (
        "das Ziel der Klimaneutralität 2035",
        [(DL, None, None, None, 2035, "exactly")],
        "state-noun-year",
    ),
    ("die Recyclingquote, welche seit 2007 bei ca. 30 % stagniert", [], "state-clause-seit"),
    (
        "dass der Preis (aktuell 48 €) auf 29 € gesenkt wird",
        [(Q, "29", "EUR", None, None, "exactly")],
        "current-value-in-parenthesis",
    ),
    (
        "Erstellung eines Museumsentwicklungsplans 2030, der Perspektiven enthält",
        [],
        "L243-year-in-name",
    ),
    (
        "Auf Initiative hat der Rat in seiner Sitzung am 17. Dezember 2020 beschlossen",
        [],
        "L234-ordinal-date",
    ),
    ("eine verbesserte Lebensqualität in den 12 Stadtbezirken forcieren", [], "Z386-definite-set"),
    ("Ausbau der 5G-Technologie und Beseitigung von CO2-Emissionen", [], "L380-codes"),
    (
        "den Wall auch tagsüber durch Tempo 30 entlasten.",
        [(Q, "30", "km/h", None, None, "atMost")],  # guideline §5: Tempo 30 → 30 km/h at most
        "G2883-tempo",
    ),
    ("bis 1 Uhr fahren", [(Q, "1", "Uhr", None, None, "until")], "time-of-day"),  # §5: until
    (
        "die Öffnungszeiten auf 20 Uhr verlängern",
        [(Q, "20", "Uhr", None, None, "until")],
        "auf-Uhr",
    ),
    ("rund 300 neue Bäume pflanzen", [(Q, "300", "Bäume", None, None, "approx")], "approx-rund"),
    ("ca. 40 Prozent der Dächer", [(Q, "40", "percent", None, None, "approx")], "approx-ca"),
    ("Ziel einer 10-Minuten-Stadt", [(Q, "10", "Minuten", None, None, "atMost")], "minutes-reach"),
    ("ein 299-Furo-Ticket", [(Q, "299", "EUR", None, None, "exactly")], "ocr-euro-ticket"),
    (
        "die Zahl der Unfallopfer auf Null senken",
        [(Q, "0", "Unfallopfer", None, None, "exactly")],
        "auf-null",
    ),
    ("den Verbrauch verdoppeln", [(Q, "2", "Faktor", None, None, "exactly")], "verdoppeln"),
    (
        "mindestens die Hälfte der Dächer",
        [(Q, "50", "percent", None, None, "atLeast")],
        "fraction-half",
    ),
    (
        "Mindestens die Hälfte der Flächen soll entsiegelt werden.",
        [(Q, "50", "percent", None, None, "atLeast")],
        "fraction-half-sentence-start",
    ),
    ("einen zweiten Standort", [(Q, "2", "Standort", None, None, "exactly")], "ordinal-word"),
    (
        "Die Stadt ist klimaneutral und nachhaltig. Und das nicht erst 2038!",
        [],
        "D57-year-without-deadline-word",
    ),
    ("das Modellprojekt Gesundheitskiosk auch über 2026 hinaus verstetigen", [], "G3516"),
]


def _row(t: object) -> Row:
    from mappings.records import Target

    assert isinstance(t, Target)
    q = None if t.quantity is None else str(t.quantity)
    return (t.kind, q, t.unit, t.period, t.target_year, t.comparison)


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in CASES])
def test_targets_of_corpus_sentence(text: str, expected: list[Row]) -> None:
    assert [_row(t) for t in extract_targets(text)] == expected


def test_table_has_targets_and_non_targets() -> None:
    assert len(CASES) >= 20
    assert sum(1 for _, e, _ in CASES if not e) >= 10


def test_target_text_is_a_substring_of_the_statement() -> None:
    for text, _, _ in CASES:
        for t in extract_targets(text):
            assert t.text in text


def test_german_number_formats() -> None:
    (t,) = extract_targets("mit 1,5 Mio. Euro jährlich")
    assert (t.quantity, t.unit, t.period) == (Decimal("1500000.0"), "EUR", "P1Y")
    (t,) = extract_targets("insgesamt 10.000 Bäume")
    assert t.quantity == Decimal(10000)
