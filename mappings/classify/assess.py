"""What follows from a statement's text once its modality is known: targets, testability and
addressees — decided in one place, so every parser treats them the same way.

Targets are read from pledges, and from context that quotes a goal (guideline §5: "Das
Handlungsprogramm sieht vor, … um 55 Prozent reduzieren", "Wir wissen, dass wir jedes Jahr
2.000 Wohnungen bauen müssen"): a context sentence counts when it speaks of what shall be
("soll", "müssen", "Ziel", "bis 2030", "um die Zahl … auf Null zu senken") and does not
report the past ("seit 2019 … gestiegen", "wurde … finanziert", "Insgesamt haben 220
Teilnehmende …"); addressees only from demands, whose lead-in may name them ("Aus dem Land
und dem Bund erwarten wir …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mappings.classify import modality as cues
from mappings.classify.targets import extract_targets
from mappings.classify.testability import testability
from mappings.records import Modality, Target, Testability

_GOAL = re.compile(
    r"\b(?:soll|sollen|sollte|sollten|muss|müssen|müsste|müssten|wollen|will|Ziel\w*|"
    r"sieht\s+vor|vorsieht|vorsehen|[Aa]nstreb\w*|bis\s+(?:zum\s+Jahr\s+)?(?:19|20)\d\d)\b"
    r"|\b[Uu]m\s[^.;]{0,80}?\bzu\s+(?:senken|erreichen|steigern|erhöhen|verringern|reduzieren)\b"
)
_PAST = re.compile(r"\b(?:seit|wurden?|worden|bisher|bislang|haben\s+sich|hat\s+sich)\b", re.I)


def quotes_goal(text: str) -> bool:
    """Whether a context sentence speaks of a goal rather than of what is or was.

    >>> quotes_goal("Seit 2019 ist die Miete um 20 Prozent gestiegen.")
    False
    >>> quotes_goal("Der Plan sieht vor, den Ausstoß um 55 Prozent zu senken.")
    True
    >>> quotes_goal("Um die Zahl der Verkehrstoten auf Null zu senken, braucht es Radwege.")
    True
    """
    return bool(_GOAL.search(text)) and not _PAST.search(text)


@dataclass(frozen=True)
class Assessment:
    targets: tuple[Target, ...]
    testability: Testability
    addressees: tuple[str, ...]


def assess(text: str, modality: Modality, *, lead_in: str | None = None) -> Assessment:
    """Targets, testability and addressees of a normalised statement text.

    >>> a = assess("Neubau von 2.500 Wohnungen jährlich", Modality.COMMITMENT)
    >>> (a.testability.value, [t.quantity for t in a.targets])
    ('testable', [Decimal('2500')])
    """
    targets = extract_targets(text) if modality.is_pledge or quotes_goal(text) else ()
    addressees = cues.addressees(text, lead_in=lead_in) if modality is Modality.DEMAND else ()
    return Assessment(
        targets=targets,
        testability=testability(text, modality, targets),
        addressees=addressees,
    )
