"""What follows from a statement's text once its modality is known: targets, testability and
addressees — decided in one place, so every parser treats them the same way.

Targets are read from pledges only (a number in context, "derzeit 51 Prozent", is not a
target); addressees only from demands, whose lead-in may name them ("Aus dem Land und dem Bund
erwarten wir …").
"""

from __future__ import annotations

from dataclasses import dataclass

from mappings import modality as cues
from mappings.records import Modality, Target, Testability
from mappings.targets import extract_targets


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
    targets = extract_targets(text) if modality.is_pledge else ()
    addressees = cues.addressees(text, lead_in=lead_in) if modality is Modality.DEMAND else ()
    return Assessment(
        targets=targets,
        testability=cues.testability(text, modality, targets),
        addressees=addressees,
    )
