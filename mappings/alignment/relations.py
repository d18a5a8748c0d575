"""Stance of a pledge and the type of a relation between two pledges on the same issue.

The rules, in order (the first that applies wins):

1. **opposes** — one statement supports what the other rejects, the two are by different
   author families and name a specific entity in common (opposite wordings within one family,
   "kein Ausbau" against "nicht ausgebaut", are one position, and without a shared entity
   the two stances are too often about different things: preventing housing loss is not
   opposing Housing First);
2. **continues** — the later document shares an author family with the earlier one (the
   Grüne faction's Leitlinien 2021 → the Grüne party's programme 2025);
3. **refines** — one statement is clearly more specific: quantified targets, more named
   entities, numbers;
4. **agrees** — otherwise: the same aim.

A stance is read from the modality (opposition rejects) and, for commitments and demands, from
verbs that end or restrict something ("beenden", "stoppen", "keine … mehr", "nur noch"):
"Wir wollen die Subventionen für den Flughafen beenden" rejects although it commits.

>>> stance_of("commitment", "Wir werden die Subventionen für den Flughafen beenden.")
<Stance.REJECTS: 'rejects'>
>>> stance_of("commitment", "Wir bauen den Flughafen aus.")
<Stance.SUPPORTS: 'supports'>
"""

from __future__ import annotations

import re

from mappings.alignment.records import RelationType, Stance, StatementView

_SUPPORTING = frozenset({"commitment", "demand", "vision"})
_REJECTING = re.compile(
    r"\b(beenden|beendet|stoppen|gestoppt|abschaffen|abgeschafft|nur\s+noch|"
    r"verbieten|verboten|ablehnen|lehnen\b[^.]{0,80}\bab|aussteigen|ausstieg|"
    r"nicht\s+(länger|mehr|weiter)\b|keine[nrms]?\b[^.]{0,60}\bmehr\b|"
    r"nicht\s+zulassen|darf\s+es\s+nicht|dürfen\s+nicht|"
    r"nicht\s+(?:\w+\s+)?(?:ausgebaut|verlängert|gebaut|weitergebaut|erweitert)\b)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")
REFINE_MARGIN = 2


def stance_of(modality: str, text: str) -> Stance | None:
    """The statement's stance towards its subject; ``None`` for review and context."""
    if modality == "opposition":
        return Stance.REJECTS
    if modality not in _SUPPORTING:
        return None
    return Stance.REJECTS if _REJECTING.search(text) else Stance.SUPPORTS


def specificity(s: StatementView) -> int:
    """How concrete a statement is: targets count double, then entities, then any number."""
    return 2 * s.targets + len(s.entities) + (1 if _NUMBER.search(s.text) else 0)


def _order(s: StatementView) -> tuple[int, str]:
    return (s.year, s.document)


def relate(a: StatementView, b: StatementView) -> tuple[RelationType, StatementView, StatementView]:
    """The relation type of two statements on one issue, with its (from, to) direction."""
    early, late = (a, b) if _order(a) <= _order(b) else (b, a)
    stances = {stance_of(a.modality, a.text), stance_of(b.modality, b.text)}
    if (
        stances == {Stance.SUPPORTS, Stance.REJECTS}
        and not a.families & b.families
        and a.entities & b.entities
    ):
        return RelationType.OPPOSES, early, late
    if early.families & late.families and late.year > early.year:
        return RelationType.CONTINUES, late, early
    sa, sb = specificity(a), specificity(b)
    if abs(sa - sb) >= REFINE_MARGIN:
        specific, general = (a, b) if sa > sb else (b, a)
        return RelationType.REFINES, specific, general
    return RelationType.AGREES, early, late
