"""Whether a pledge can be checked: done or not done, an artefact delivered, a number reached
(Testability.TESTABLE), or an attitude or direction (ASPIRATIONAL). Read from the same kind of
cue phrases as the modality (:mod:`mappings.classify.modality`), whose negated heads it shares.
"""

from __future__ import annotations

import re

from mappings.classify.modality import NEGATED_HEAD
from mappings.records import Modality, Target, Testability

# --- testability --------------------------------------------------------------------------
# Actions that are done or not done, whatever their object: checkable on their own.
_BINARY_NOUN = re.compile(
    r"\b(?:Einführung|Wiedereinführung|Einrichtung|Einrichten|Errichtung|Gründung|Neugründung|"
    r"Bau|Neubau|Aufbau|Umbau|Umwandlung|Abschaffung|Aufhebung|Einsetzung|Anschaffung|"
    r"Ansiedlung|Verankerung|Umwidmung|Auflage|Verkauf|Beitritt|Moratorium|"
    r"Planungsmoratorium|Aussetzung)\b"
)
# Actions that are checkable when they create *a* (or *the*) specific thing.
_ARTEFACT_NOUN = re.compile(
    r"\b(?:Schaffung|Erstellung|Erarbeitung|Entwicklung|Umsetzung|Realisierung|Durchführung|"
    r"Planung|Einrichtung|Besetzung)\s+(?:eine[rsm]?|de[rs]|dem)\b"
)
_BINARY_VERB = re.compile(
    r"\b(?:einführen|einrichten|errichten|gründen|bauen|neu\s+bauen|umbauen|abschaffen|"
    r"beseitigen|aufheben|umwandeln|auflegen|erstellen|vorlegen|beschließen|verkaufen|"
    r"anschaffen|ansiedeln|ernennen|benennen|umbenennen|starten|eröffnen|ausschreiben|"
    r"verpflichten|beitreten|einstellen\s+und|etablieren)\b"
)
_ARTEFACT_VERB = re.compile(
    r"\bein(?:e|en|er)?\s+(?:[\w\-*]+\s+){0,6}?(?:schaffen|aufbauen|entwickeln|erarbeiten|"
    r"umsetzen|einsetzen|anbieten|durchführen|ausrichten|installieren)\b"
)
# A nominal goal whose head noun is itself a thing to be set up: "Ökologisches
# Grünflächenkonzept", "Runder Tisch …", "Kombiticket Kultur", "Stabsstelle bei …".
_ARTEFACT_HEAD = re.compile(
    r"^(?:[\w\-]+\s+)?[A-ZÄÖÜ][\w\-]*(?:[Kk]onzept|[Pp]rogramm|[Pp]lan|[Pp]lattform|[Ss]telle|"
    r"[Aa]pp|[Tt]icket|[Zz]entrum|[Vv]ermögen|[Ff]onds|[Cc]ard|[Bb]üro|[Pp]arlament|"
    r"[Kk]ataster|[Ss]tudie|[Pp]ilotprojekt|[Dd]ach|[Ww]erkstatt|[Vv]ersuch|[Rr]at)(?:e|es|s|n|en)?"
    r"\b|^Runde[rn]?\s+Tisch"
)
_REVIEW_ARTEFACT = re.compile(
    r"(?:[Ss]tudie|[Gg]utachten|gutachterlich\w*|[Aa]nalyse|Evaluation|Evaluierung|Inventur)"
)
_ATTITUDE = re.compile(
    r"\b(?:ablehnen|lehnen|akzeptieren|hinnehmen|tolerieren|dulden|abfinden|verhindern)\b", re.I
)


def testability(text: str, modality: Modality, targets: tuple[Target, ...]) -> Testability:
    """Testable if the pledge names a quantity or deadline, or a concrete, checkable action.

    * Any target (quantity or deadline) makes a pledge testable.
    * STATEMENT (not a pledge) and VISION without a target are aspirational: a goal state
      described in words ("Die Innenstadt ist autofrei") has no agreed test.
    * OPPOSITION is testable when it rules out an act ("Keine betriebsbedingten Kündigungen",
      "Planungsmoratorium für …", "keine städtischen Wohnimmobilien verkaufen"), aspirational
      when it states an attitude ("lehnen … entschieden ab", "niemals akzeptieren").
    * REVIEW is testable when it commissions an artefact (a study, a "gutachterliche
      Betrachtung", an analysis, an evaluation), aspirational for a bare "Prüfung"/"prüfen".
    * COMMITMENT and DEMAND are testable when they name a binary action ("Einführung",
      "Errichtung", "Umwandlung", "einrichten", "abschaffen"), an action that creates a
      specific thing ("Erstellung eines …", "ein … entwickeln"), or when a nominal goal's head
      is such a thing ("Ökologisches Grünflächenkonzept"); otherwise they are aspirational
      ("Förderung von Genossenschaften", "Ausbau der Ladeinfrastruktur", "stärken").

    >>> testability("Einführung eines Parkraum-Managements", Modality.COMMITMENT, ()).value
    'testable'
    >>> testability("Förderung ökologischer Logistik", Modality.COMMITMENT, ()).value
    'aspirational'
    """
    if modality is Modality.STATEMENT:
        return Testability.ASPIRATIONAL
    if targets:
        return Testability.TESTABLE
    if modality is Modality.VISION:
        return Testability.ASPIRATIONAL
    if modality is Modality.OPPOSITION:
        concrete = NEGATED_HEAD.search(text) and not _ATTITUDE.search(text)
        return Testability.TESTABLE if concrete else Testability.ASPIRATIONAL
    if modality is Modality.REVIEW:
        found = _REVIEW_ARTEFACT.search(text)
        return Testability.TESTABLE if found else Testability.ASPIRATIONAL
    if (
        _BINARY_NOUN.search(text)
        or _ARTEFACT_NOUN.search(text)
        or _BINARY_VERB.search(text)
        or _ARTEFACT_VERB.search(text)
        or _ARTEFACT_HEAD.search(text)
    ):
        return Testability.TESTABLE
    return Testability.ASPIRATIONAL
