"""Modality, testability and addressees on real sentences of the corpus.

Each case cites ``file:line`` (files under ``corpus/``; L = 2021-gruene-cdu-leitlinien, S =
2020-spd-kommunalwahlprogramm, G = 2025-gruene-kommunalwahlprogramm, D = 2020-dos-visionen,
Z = 2025-stadt-dortmund-zielbilder). SPD text is given as the OCR repair will deliver it
(umlauts restored), since parsers classify normalised text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mappings.classify.modality import addressees, classify
from mappings.classify.targets import extract_targets
from mappings.classify.testability import testability as how_testable
from mappings.records import Modality, Testability
from mappings.registry import load_registry

C, D, OPP, R, V, S = (
    Modality.COMMITMENT,
    Modality.DEMAND,
    Modality.OPPOSITION,
    Modality.REVIEW,
    Modality.VISION,
    Modality.STATEMENT,
)
GOAL = "Unsere Ziele sind:"
WE = "Dafür werden wir"

# (text, lead_in, default, expected modality, id with file:line)
CASES: list[tuple[str, str | None, Modality, Modality, str]] = [
    # --- commitments -----------------------------------------------------------------
    (
        "Neubau von 2.500 Wohnungen jährlich – unter Einbeziehung der städtischen "
        "Wohnungsbaugesellschaft DOGEWO bzw. der Dortmunder Stadtentwicklungsgesellschaft",
        GOAL,
        C,
        C,
        "L58-nominal-goal",
    ),
    ("Wir wollen Dortmund zukunftsfest machen.", None, S, C, "L32-wir-wollen"),
    (
        "Daher unterstützen wir Genossenschaften und gemeinwohlorientierte Baugemeinschaften "
        "sowie Wohnprojekte, die verschiedene Generationen unter einem Dach vereinen.",
        None,
        S,
        C,
        "L52-daher-unterstuetzen-wir",
    ),
    (
        "Wir setzen uns dafür ein, dass der Straßenraum gerecht auf die unterschiedlichen "
        "Verkehrsteilnehmenden verteilt wird und der ÖPNV attraktiver ausgebaut wird.",
        None,
        S,
        C,
        "L72-setzen-uns-ein",
    ),
    (
        "Um alle Beteiligten an einen Tisch zu bringen, werden wir einen Klima-Rat einrichten.",
        None,
        S,
        C,
        "L123-werden-wir",
    ),
    (
        "die Klimaagentur im Umweltamt als zuständige Einheit personell stärken, damit die "
        "Umsetzung aller Maßnahmen effizient koordiniert werden kann.",
        WE,
        S,
        C,
        "G126-bullet",
    ),
    (
        "Wir werden die erste Stabsstelle in Deutschland zur Bekämpfung der Einsamkeit "
        "einrichten, die für Dortmund neue Modelle entwickeln soll.",
        None,
        S,
        C,
        "S234",
    ),
    (
        "Dazu soll eine städtische Servicegesellschaft gegründet werden.",
        None,
        S,
        C,
        "S48-deontic-passive",
    ),
    (
        "Wir haben uns vorgenommen, in dieser Wahlperiode die nachstehend skizzierten Ziele und "
        "Vorhaben in gemeinsamer Projektarbeit zu konkretisieren und umzusetzen.",
        None,
        S,
        C,
        "L48-vorgenommen",
    ),
    (
        "Wir schonen unsere Ressourcen und reduzieren wie in der Nationalen "
        "Kreislaufwirtschaftstrategie vorgesehen bis 2030 unseren Abfall pro Kopf um 10 Prozent.",
        None,
        S,
        C,
        "G55-present-for-future",
    ),
    (
        "Umsetzung der beschlossenen Radverkehrsplanungen",
        "Überprüfung und Optimierung der Verkehrssicherheit und der Infrastruktur für Radfahrende:",
        C,
        C,
        "L108-sub-item-own-action-head",
    ),
    (
        "Die Dortmunder SPD setzt sich dafür ein, dass das Kommunalabgabengesetz (KAG) "
        "abgeschafft wird.",
        None,
        S,
        C,
        "S370-setzt-sich-ein",
    ),
    # --- demands -----------------------------------------------------------------------
    (
        "So schaffen wir eine breite Allianz für gutes Wohnen in Dortmund. Aus dem Land und dem "
        "Bund erwarten wir klare Vorgaben:",
        None,
        S,
        D,
        "S33-erwarten-wir",
    ),
    (
        "Die Kappungsgrenze für Mieterhöhungen muss bundesweit von 20 Prozent in drei Jahren auf "
        "15 Prozent gesenkt werden.",
        None,
        S,
        D,
        "S34-bundesweit-muss",
    ),
    (
        "Es sollte eine gesetzlich festgelegte Obergrenze für Mieterhöhungen geben.",
        None,
        S,
        D,
        "S34-gesetzlich-sollte",
    ),
    (
        "Die Kündigungssperrfrist bei der Umwandlung von Miet- in Eigentumswohnungen sollte bei "
        "fünf Jahren bleiben.",
        "Aus dem Land und dem Bund erwarten wir klare Vorgaben:",
        S,
        D,
        "S35-governed-by-demand-lead-in",
    ),
    (
        "Gemeinsam werden wir uns dafür einsetzen, dass Bund und Land endlich zu einer Lösung der "
        "Altschuldenproblematik finden.",
        None,
        S,
        D,
        "L414-einsetzen-dass-bund",
    ),
    (
        "Nachhaltige Lösung der Altschuldenproblematik durch Bund und Land",
        GOAL,
        C,
        D,
        "L421-agent-bund-land",
    ),
    (
        "uns beim Land für einen besseren Betreuungsschlüssel im U3- und Ü3-Bereich einsetzen.",
        WE,
        C,
        D,
        "G3968-beim-land",
    ),
    (
        "den Druck auf Land und Bund erhöhen, ihrer Verantwortung in der Finanzierung des ÖPNV "
        "nachzukommen.",
        WE,
        C,
        D,
        "G-druck-auf-land-und-bund",
    ),
    (
        "von der Landesregierung fordern, das Thema institutioneller Rassismus in die Aus- und "
        "Weiterbildung von Polizeibeamt*innen aufzunehmen.",
        WE,
        C,
        D,
        "G-von-der-landesregierung",
    ),
    (
        "uns gegenüber DSW21 und VRR dafür einsetzen, dass das Fahren ohne gültigen Fahrschein "
        "entkriminalisiert wird.",
        WE,
        C,
        D,
        "G3150-gegenueber-dsw21-vrr",
    ),
    (
        "Wir werden uns auch weiterhin in Berlin für eine Bodenwertsteuer einsetzen, um gerade "
        "hier der Spekulation Einhalt zu gebieten.",
        None,
        S,
        D,
        "S390-in-berlin",
    ),
    (
        "EDG und Grünflächenamt dazu auffordern, benzinbetriebene Klein- und Großgeräte durch "
        "elektrisch betriebene Geräte zu ersetzen.",
        WE,
        C,
        D,
        "G-auffordern",
    ),
    # --- opposition --------------------------------------------------------------------
    (
        "Kein weiterer baulicher Ausbau der Start- und Landebahn des Dortmunder Flughafens und "
        "eine gutachterliche Betrachtung möglicher Nachfolgeszenarien",
        GOAL,
        C,
        OPP,
        "L80",
    ),
    ("Keine betriebsbedingten Kündigungen", GOAL, C, OPP, "L442"),
    (
        "Flächenvergabestopp für Logistik: Keine zusätzlichen Flächen für Logistiksiedlung",
        GOAL,
        C,
        OPP,
        "L364-label-then-keine",
    ),
    (
        "Planungsmoratorium für die OW III a/L 663 n und Umwidmung der beschlossenen "
        "Planungskapazitäten in den Bereich „Radmobilität“",
        GOAL,
        C,
        OPP,
        "L79-moratorium",
    ),
    (
        "die Finanzierung des Flughafens durch die DSW21 zulasten anderer Konzernbereiche, "
        "beispielsweise Bus und Bahn, nicht weiter akzeptieren.",
        WE,
        C,
        OPP,
        "G3027",
    ),
    ("keine städtischen Wohnimmobilien verkaufen.", WE, C, OPP, "G-keine-verkaufen"),
    (
        "Gruppenbezogene Menschenfeindlichkeit lehnen wir entschieden ab und unterstützen "
        "Aktivitäten, die diesen Strukturen in der Stadtgesellschaft entgegenreten.",
        None,
        S,
        OPP,
        "L319-lehnen-wir-ab",
    ),
    ("Die Spekulation mit Boden wollen wir verhindern.", None, S, OPP, "S58-verhindern"),
    (
        "uns weiterhin dafür einsetzen, dass es keine weitere Verlängerung der Betriebszeit des "
        "Flughafens gibt.",
        WE,
        C,
        OPP,
        "G-einsetzen-dass-keine",
    ),
    ("Das werden wir weiterhin nicht hinnehmen!", None, S, OPP, "S199-nicht-hinnehmen"),
    # --- review ------------------------------------------------------------------------
    (
        "Prüfung der Einführung eines Live-Streams in den Sitzungen der politischen Gremien",
        GOAL,
        C,
        R,
        "L309",
    ),
    ("Zu prüfen: Rolle der Wirtschaftsförderung im Verwaltungsvorstand", GOAL, C, R, "L379"),
    (
        "Evaluation der Wirksamkeit der Maßnahmen aus dem Vergleich mit der Deutschen Umwelthilfe",
        GOAL,
        C,
        R,
        "L134",
    ),
    (
        "Nicht nur in Museen: Prüfung eines niederschweligen Zugangs zu öffentlich geförderten "
        "Kulturangeboten",
        GOAL,
        C,
        R,
        "L247-nicht-nur-is-no-negation",
    ),
    ("die Oberflächen in der Stadt auf ihre Wärmewirkung prüfen.", WE, C, R, "G-pruefen"),
    (
        "prüfen, ob eine Wiedereinführung des Stadtbahnbauamtes eine Beschleunigung in der "
        "Verbesserung der Stadtbahninfrastruktur bringen kann.",
        WE,
        C,
        R,
        "G-pruefen-ob",
    ),
    ("Ehrliche Inventur der Flächenpotenziale", GOAL, C, R, "L363-inventur"),
    # --- vision ------------------------------------------------------------------------
    ("Die Innenstadt ist autofrei.", None, V, V, "D62"),
    (
        "Die OWIIIa/L663n wurde nicht weitergebaut und wird sie auch nicht.",
        None,
        V,
        V,
        "D75-negated-state-is-vision",
    ),
    (
        "Es gibt keine Übernachtungsgebühren für Obdachlosenunterkünfte mehr – kostenlose "
        "Übernachtungsplätze werden im Notfall allen zur Verfügung gestellt!",
        None,
        V,
        V,
        "D150",
    ),
    (
        "Dortmund wird seine Hochschullandschaft sowie die außeruniversitären "
        "Forschungseinrichtungen als Innovationsmotoren deutlich ausbauen.",
        None,
        V,
        V,
        "Z-wird",
    ),
    (
        "Dafür muss die Stadtgesellschaft, Wirtschaft, Politik, Kultur, Wissenschaft und "
        "Verwaltung Hand in Hand arbeiten.",
        None,
        V,
        V,
        "Z151-deontic-in-vision",
    ),
    # --- statements and tricky negatives -----------------------------------------------
    (
        "Der Verkehr ist für einen erheblichen Teil der CO2-Emissionen und weiterer "
        "Luftschadstoffe in Dortmund verantwortlich.",
        None,
        S,
        S,
        "L72-fact",
    ),
    (
        "Wir wissen bereits heute, dass wir jedes Jahr 2.000 neue und bezahlbare Wohnungen bauen "
        "müssen, um den Bedarf einer wachsenden Stadt zu decken.",
        None,
        S,
        C,  # guideline §2: the authors say what they must do; "Uns ist klar, dass …" stays S
        "S20-wir-wissen",
    ),
    ("Dortmund wurde oft totgesagt und wir sind immer wieder aufgestanden.", None, S, S, "S11"),
    (
        "Bei einer wachsenden Stadt ist es keine Frage, dass das mit hoher Schlagzahl weitergehen "
        "muss.",
        None,
        S,
        S,
        "S252-keine-frage",
    ),
    (
        "Es geht um kein Regierungsprogramm, es geht nicht um die Einigung auf den kleinsten "
        "gemeinsamen Nenner bei strittigen Themen.",
        None,
        S,
        S,
        "L24-kein-in-prose",
    ),
    ("Die Projektpartnerschaft ist kein Closed Shop.", None, S, S, "L26-kein-closed-shop"),
    (
        "Kein Bereich leistet mehr bei Inklusion, Integration und Innovation im Alltag.",
        None,
        S,
        S,
        "S166-kein-as-subject",
    ),
    (
        "Klar ist jetzt schon, dass wir dabei auch auf die Unterstützung von Land und Bund "
        "angewiesen sind.",
        None,
        S,
        S,
        "L22-land-bund-without-demand",
    ),
    (
        "Die strukturelle Unterfinanzierung der Städte und Gemeinden durch Bund und Land "
        "verschärft sich durch die finanziellen Folgen der COVID-19-Pandemie.",
        None,
        S,
        S,
        "L414-durch-bund-in-prose",
    ),
    (
        "Immer heißere Sommer, überflutete Straßen und zunehmende Wetterextreme zeigen: Wir müssen "
        "jetzt handeln, um unsere Stadt lebenswert zu erhalten.",
        None,
        S,
        S,
        "G83-zeigen-frame",
    ),
    (
        "Im Bereich Radverkehr gibt es bereits viele Ideen, Konzepte und Ansätze zur Förderung, "
        "allerdings herrscht hier ein eklatantes Umsetzungsdefizit in der Verwaltung.",
        None,
        S,
        S,
        "L74-diagnosis",
    ),
    (
        "In der Ratssitzung am 17. Dezember 2020 haben wir mit Antragsinitiativen zwei uns "
        "wichtige Themen auf den Weg gebracht.",
        None,
        S,
        S,
        "L434-achievement",
    ),
    (
        "Kein Mensch soll in Dortmund ausgeschlossen werden – weder durch Barrieren noch durch "
        "hohe Mieten.",
        None,
        S,
        C,
        "G64-kein-mensch-is-no-opposition",
    ),
]


@pytest.mark.parametrize(
    ("text", "lead_in", "default", "expected"),
    [pytest.param(t, li, d, e, id=i) for t, li, d, e, i in CASES],
)
def test_modality_of_corpus_sentence(
    text: str, lead_in: str | None, default: Modality, expected: Modality
) -> None:
    assert classify(text, lead_in=lead_in, default=default) is expected


def test_table_covers_every_modality_with_enough_cases() -> None:
    counts = Counter(e for *_, e, _ in CASES)
    assert len(CASES) >= 40
    assert set(counts) == set(Modality)
    assert min(counts.values()) >= 4


def test_confusion_on_table_is_diagonal() -> None:
    """The whole table, as a confusion matrix; printed with ``-s`` for the report."""
    confusion = Counter(
        (e.value, classify(t, lead_in=li, default=d).value) for t, li, d, e, _ in CASES
    )
    print("\nexpected -> got: count")
    for (exp, got), n in sorted(confusion.items()):
        print(f"  {exp:12} -> {got:12} {n}")
    assert all(exp == got for exp, got in confusion)


def test_lead_in_makes_plain_bullet_a_commitment() -> None:
    bullet = "mehr Trinkbrunnen in der Innenstadt und an belebten Orten schaffen."
    assert classify(bullet, lead_in=WE) is C  # G177
    assert classify(bullet) is S


# --- testability ---------------------------------------------------------------------------
TESTABILITY: list[tuple[str, Modality, Testability, str]] = [
    (
        "Einführung eines Parkraum-Managements unter Einbindung des Dortmunder Einzelhandels",
        C,
        Testability.TESTABLE,
        "L93",
    ),
    ("Errichtung einer Plattform zum Wohnungstausch", C, Testability.TESTABLE, "L64"),
    (
        "Umwandlung von DSW21 in eine GmbH, wenn das Primat der Politik nicht akzeptiert wird",
        C,
        Testability.TESTABLE,
        "L453",
    ),
    ("Neubau von 2.500 Wohnungen jährlich", C, Testability.TESTABLE, "L58-target"),
    ("Ökologisches Grünflächenkonzept", C, Testability.TESTABLE, "L147-artefact-head"),
    ("Keine betriebsbedingten Kündigungen", OPP, Testability.TESTABLE, "L442"),
    ("Förderung ökologischer Logistik auf der „letzten Meile“", C, Testability.ASPIRATIONAL, "L88"),
    ("Ausbau der Ladeinfrastruktur für Elektromobilität", C, Testability.ASPIRATIONAL, "L89"),
    (
        "Stärkere Kooperation mit dem Studierendenwerk zur Schaffung von mehr bezahlbarem "
        "Wohnraum für Studierende",
        C,
        Testability.ASPIRATIONAL,
        "L67-schaffung-von-mehr",
    ),
    (
        "den Rad- und Fußverkehr sowie Busse und Bahnen konsequent stärken",
        C,
        Testability.ASPIRATIONAL,
        "L74-staerken",
    ),
    (
        "Gruppenbezogene Menschenfeindlichkeit lehnen wir entschieden ab",
        OPP,
        Testability.ASPIRATIONAL,
        "L319-attitude",
    ),
    ("Prüfung der Einführung eines Live-Streams", R, Testability.ASPIRATIONAL, "L309"),
    ("Die Innenstadt ist autofrei.", V, Testability.ASPIRATIONAL, "D62"),
    (
        "Die Stadt ist klimaneutral und nachhaltig. Und das nicht erst 2038!",
        V,
        Testability.ASPIRATIONAL,
        "D57-year-is-no-deadline",
    ),
]


@pytest.mark.parametrize(
    ("text", "modality", "expected"),
    [pytest.param(t, m, e, id=i) for t, m, e, i in TESTABILITY],
)
def test_testability_of_corpus_pledge(text: str, modality: Modality, expected: Testability) -> None:
    assert how_testable(text, modality, extract_targets(text)) is expected


def test_quantified_vision_is_testable() -> None:
    text = "Jedes Jahr werden 5.000 Bäume gepflanzt."
    assert how_testable(text, V, extract_targets(text)) is Testability.TESTABLE


# --- addressees ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lead_in", "expected"),
    [
        pytest.param(
            "Aus dem Land und dem Bund erwarten wir klare Vorgaben:",
            None,
            ("Land", "Bund"),
            id="S33",
        ),
        pytest.param(
            "uns gegenüber DSW21 und VRR dafür einsetzen, dass …",
            None,
            ("DSW21", "VRR"),
            id="G3150",
        ),
        pytest.param(
            "von der Landesregierung fordern, das Thema …",
            None,
            ("Landesregierung",),
            id="G-landesregierung",
        ),
        pytest.param(
            "die Bezahlkarte auch in Unterkünften des Landes NRW nicht nutzen",
            None,
            ("Land NRW",),
            id="G-landes-nrw-inflected",
        ),
        pytest.param(
            "Die Kündigungssperrfrist sollte bei fünf Jahren bleiben.",
            "Aus dem Land und dem Bund erwarten wir klare Vorgaben:",
            ("Land", "Bund"),
            id="S35-from-lead-in",
        ),
        pytest.param(
            "Auftrag an Verwaltung, dies in die Aufstellung des Regionalplans einzubringen",
            None,
            ("Verwaltung",),
            id="L371",
        ),
        pytest.param("des Land- und Bundestages", None, (), id="compound-is-no-body"),
    ],
)
def test_addressees_named_as_written(
    text: str, lead_in: str | None, expected: tuple[str, ...]
) -> None:
    assert addressees(text, lead_in=lead_in) == expected


CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_every_cited_corpus_file_exists() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    assert [f.name for f in files] == sorted(d.file for d in load_registry())


# Guideline §3 rules on sentences written for the test (not corpus lines): demands on the
# city's own companies and other levels of government, opposition by refraining, reviews
# named by an analysis or an evaluation.
RULES: list[tuple[str, Modality]] = [
    ("darauf hinwirken, dass die Bezirksregierung mehr Lehrkräfte schickt.", D),
    ("auf die Krankenkassen einwirken, mehr Beratung anzubieten.", D),
    ("die DOGEWO21 verpflichten, alle Aufzüge zu erneuern.", D),
    ("uns dafür einsetzen, dass die städtischen Gesellschaften mehr Azubis einstellen.", D),
    ("bei DSW21 mehr Stellen für Quereinsteigende schaffen.", D),
    ("auf Landes- und Bundesebene für ein Wahlrecht ab 16 kämpfen.", D),
    ("auf Vermieter*innen zugehen und Leerstand erfassen.", D),
    ("uns für gesetzliche Regeln zum Schutz von Bäumen einsetzen.", D),
    ("auf den Bau neuer Parkhäuser verzichten.", OPP),
    ("die Kleingärten nicht in Bauland umwandeln.", OPP),
    ("uns weiterhin für den Erhalt und gegen den Abriss des Hallenbads einsetzen.", OPP),
    ("uns dafür einsetzen, dass das Hallenbad nicht geschlossen wird.", OPP),
    ("ein Moratorium für neue Gewerbegebiete einbringen.", OPP),
    ("keine Schottergärten mehr genehmigen.", OPP),
    ("eine externe Evaluierung der Förderprogramme", R),
    ("einer Kosten-Nutzen-Analyse des Radwegenetzes", R),
    ("uns dafür einsetzen, neue Halte an S-Bahn-Linien zu schaffen.", D),
    ("dabei unterstützen, Regionalbahnstrecken zu elektrifizieren.", D),
    ("den Radverkehr stärken.", C),
    ("die Verwaltung beauftragen, einen Baumkataster anzulegen.", C),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_guideline_rule_on_bullet(text: str, expected: Modality) -> None:
    assert classify(text, lead_in=WE) is expected


def test_fight_against_is_opposition_in_prose() -> None:
    assert classify("Wir kämpfen gegen jede Form von Rassismus.") is OPP


GOALS: list[tuple[str, Modality]] = [
    ("Wir brauchen mehr Schwimmbäder für Kinder.", C),
    ("Für Familien brauchen wir sichere Schulwege.", C),
    ("Unser Ziel ist eine Stadt ohne Armut.", C),
    ("Das Ziel dabei ist klar: Ein Kinobesuch für alle.", C),
    ("Klimaneutralität ist unser Ziel.", C),
    ("Besonders wichtig ist uns, die Vereine zu entlasten.", C),
    ("Jetzt gilt es, die Planung abzuschließen.", C),
    ("Unsere Vision ist eine Stadt ohne Barrieren.", V),
    ("Unser Ziel ist eine Stadt, in der alle sicher Rad fahren.", V),
    ("Eine Stadt, in der alle Wege kurz sind.", V),
    ("Ein Dortmund, das allen Kindern gute Schulen bietet.", V),
    ("Uns ist klar, dass die Mieten steigen werden.", S),
    ("Kinder brauchen Platz zum Spielen.", S),
]


@pytest.mark.parametrize(("text", "expected"), GOALS)
def test_goal_named_by_the_author_is_a_pledge(text: str, expected: Modality) -> None:
    assert classify(text) is expected
