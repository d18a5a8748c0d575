"""Progress-claim detection: deeds reported as done count, promises and obligations do not."""

from __future__ import annotations

import pytest

from mappings.alignment.progress import claimed_period, is_progress_claim


@pytest.mark.parametrize(
    "text",
    [
        "Seit 2020 wurden 18 neue Kindertageseinrichtungen eingerichtet.",
        "Auf GRÜNE Initiative hin wurde im Rat das Ziel der Klimaneutralität 2035 beschlossen.",
        "die von uns erfolgreich durchgesetzte Verhinderung des Baus weiterhin aufrechterhalten.",
        "Da der Raum allen gehört, konnten wir endlich eine Erhöhung der Parkgebühren durchsetzen.",
        "In diesem Jahrzehnt ist es gelungen, den Stadthaushalt ins Positive zu drehen.",
        "die bereits eingeführten systemischen Klassenhelfer*innen verstetigen",
        "Dortmund hat in vielen Bereichen bereits wichtige Schritte getan, jetzt geht es weiter.",
        "Mit dem Beschluss des Waldkonzeptes sind wir bereits weit gekommen.",
        "die Ergebnisse der in den letzten Jahren durchgeführten Quartierslabore umsetzen",
        "Alle im Prozess erarbeiteten Ergebnisse sind in die Zielbilder eingeflossen.",
        "den Ansatz stärken, der auf GRÜNE Initiative bereits in Dortmund eingeführt wird.",
        "Falschparken auf Gehwegen wird endlich vermehrt geahndet.",
        "Viele Ausbaustufen sind bereits im Plan festgelegt und müssen umgesetzt werden.",
        "die erweiterten Öffnungszeiten der Recyclinghöfe aufrechterhalten",
        "das neu eingeführte Angebot stärken",
        "Die Fraktion hat sich erfolgreich für den Radweg eingesetzt.",
        "Parkplätze umwandeln, wie es seit letztem Jahr bereits vermehrt geschieht.",
    ],
)
def test_reported_deeds_are_progress_claims(text: str) -> None:
    assert is_progress_claim(text)


@pytest.mark.parametrize(
    "text",
    [
        "Das Ziel der Klimaneutralität muss auf allen Ebenen erreicht werden.",
        "Wir wollen 18 neue Kitas einrichten.",
        "Wir setzen uns dafür ein, dass die Planungen umgesetzt werden.",
        "Geflüchtete aufnehmen, die aus Seenot gerettet wurden.",
        "Dienstleistungen, die in den letzten Jahren vermehrt unter Wartezeiten leiden.",
        "Menschen einbinden, die bisher zu wenig Gehör gefunden haben.",
        "Wir haben das Ziel, alle Menschen zu erreichen, gemeinsam.",
        "Durch die Pandemie sind die Anforderungen an die Politik noch größer geworden.",
        "Der Ausbau des Stadtbahnnetzes ist seit 2008 zum Erliegen gekommen.",
        "Die landwirtschaftlichen Flächen haben sich seit 1950 fast halbiert.",
        "Das muss bereits bei der Planung berücksichtigt werden.",
        "Wir wollen, dass endlich mehr Wohnungen gebaut werden.",
        "Die Stadt wird endlich lebenswert.",
        "die bestehenden Angebote aufrechterhalten",
        "die jährlichen Feiern für neu eingebürgerte Menschen stärken.",
        "Der Radweg wird schon 2026 gebaut.",
        "Die Gebühren, die bereits ab dem nächsten Jahr abgeschafft werden.",
        "die verschiedenen Angebote fortführen",
        "die bewährten Strukturen beibehalten",
    ],
)
def test_promises_and_obligations_are_not(text: str) -> None:
    assert not is_progress_claim(text)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Seit 2020 wurden 18 neue Kitas eingerichtet.", (2020, 2025)),
        ("Von 2021 bis 2024 wurden 300 Bäume gepflanzt.", (2021, 2024)),
        ("Im Jahr 2022 wurde der Klimabeirat gegründet.", (2022, 2022)),
        ("Der Rat hat Klimaneutralität bis 2035 beschlossen.", (None, None)),
        ("In den letzten Jahren wurden die Velorouten geplant.", (None, None)),
    ],
)
def test_claimed_period_is_read_where_the_text_gives_it(
    text: str, period: tuple[int | None, int | None]
) -> None:
    assert claimed_period(text, document_year=2025) == period
