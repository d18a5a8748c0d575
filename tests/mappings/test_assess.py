"""Targets of context statements (guideline §5): a context sentence that quotes a goal keeps its
targets, one that describes what is or was has none."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mappings.classify.assess import assess
from mappings.records import Modality


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("Wir wissen, dass wir jedes Jahr 3.000 Wohnungen bauen müssen.", [Decimal("3000")]),
        ("Der Plan sieht vor, den Verbrauch um 40 Prozent zu senken.", [Decimal("40")]),
        ("Seit 2015 ist die Miete um 12 Prozent gestiegen.", []),
        ("Insgesamt haben 180 Teilnehmende 400 Beiträge eingereicht.", []),
        ("Der Hafen wurde mit mehr als 20 Millionen Euro gefördert.", []),
    ],
)
def test_context_keeps_only_targets_it_quotes_as_goals(
    text: str, quantities: list[Decimal]
) -> None:
    found = assess(text, Modality.STATEMENT).targets
    assert [t.quantity for t in found] == quantities


def test_pledge_keeps_its_targets() -> None:
    assert assess("Neubau von 500 Wohnungen", Modality.COMMITMENT).targets
