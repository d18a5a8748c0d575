"""Classify a statement's modality and testability from German cue phrases.

Parsers call :func:`classify` and :func:`addressees` (and
:func:`mappings.classify.testability.testability`) and never re-implement cues. The notion
of a pledge is the Comparative Party Pledges Project's: a statement that commits someone to an
action or outcome. What a statement *does* is read from cue phrases in a fixed
order of precedence; the first rule that fires decides:

1. **Report frames → STATEMENT.** "Wir wissen (bereits heute), dass …", "Uns ist klar, dass
   …", "… hat gezeigt, dass …", "… zeigen: …": the text reports what is known, so the modal
   verbs inside it are quoted, not pledged, unless the authors say what *they* must do ("Wir
   wissen, dass wir jedes Jahr 2.000 Wohnungen bauen müssen" is a pledge, guideline §2).
2. **OPPOSITION.** Rejection is the most specific speech act and the one a reader remembers:
   "Kein weiterer baulicher Ausbau … und eine gutachterliche Betrachtung …" is a No first. Cues:
   a governed item (a numbered goal or a bullet) whose head is a negation ("Keine betriebsbedingten
   Kündigungen", "keine städtischen Wohnimmobilien verkaufen", "Flächenvergabestopp für
   Logistik: Keine …") or a moratorium/stop; and, when the author speaks (a governed item or a
   first-person text), rejection verbs: "lehnen wir ab", "ablehnen", "nicht (weiter) akzeptieren
   / hinnehmen / tolerieren", "uns gegen … einsetzen", "dafür einsetzen, dass kein …", "wollen
   wir verhindern". "kein" elsewhere is not opposition ("keine Frage", "Kein Mensch soll …",
   "Es geht um kein Regierungsprogramm"), nor is a negation in free prose without such a verb.
3. **DEMAND.** The outcome depends on another body, so the author can only ask: "Aus dem Land
   und dem Bund erwarten wir", "fordern wir vom VRR", "von der Landesregierung fordern",
   "uns beim Land … einsetzen", "Druck auf Land und Bund", "das Land muss", "Bund und Land
   müssen", legislation ("muss bundesweit … gesenkt werden", "gesetzlich festgelegte … sollte"),
   and a governed item whose agent is an outside body ("Lösung … durch Bund und Land"). In a
   bullet, "(ein)fordern"/"auffordern" addresses the administration or a company.
4. **REVIEW.** A promise to examine, not to act: the head is "Prüfung", "Überprüfung",
   "Evaluation", "Evaluierung", "Potenzialanalyse", "Machbarkeitsstudie", "gutachterliche
   Betrachtung", "Inventur", "Zu prüfen:"; or "prüfen"/"überprüfen"/"evaluieren" is the first
   verb ("die Oberflächen … auf ihre Wärmewirkung prüfen", but "das Krisenzentrum stärken, …
   und dezentrale Angebote prüfen" is a commitment).
5. **COMMITMENT** by the text's own first-person cue: "wir werden", "wollen wir", "wir
   möchten", "setzen uns (dafür) ein", "Daher unterstützen wir", "Wir schaffen …", "Wir haben
   … geschaffen und werden …", "Unser Ziel ist es, … zu …", "haben uns vorgenommen", "Wir
   brauchen …". Guideline §2: a goal the author names is a pledge too ("Klimaneutralität ist
   unser Ziel.", "Unser Ziel ist eine Stadt, die …", "Das Ziel dabei ist klar: …", "Besonders
   wichtig ist uns, …", "Jetzt gilt es, …"); "Unsere Vision ist …" is a VISION.
6. **The lead-in governs** a bullet or sub-item that has none of the cues above: "Dafür werden
   wir" → COMMITMENT, "Aus dem Land … erwarten wir:" → DEMAND. A reviewing lead-in
   ("Überprüfung und Optimierung …:") passes REVIEW on only to items without an action head of
   their own ("Umsetzung der beschlossenen Radverkehrsplanungen" stays a commitment).
7. **Deontic prose → COMMITMENT.** "Dazu soll eine städtische Servicegesellschaft gegründet
   werden", "Die Klimaneutralität der Stadt muss eher erreicht werden": the author sets a goal.
8. ``default`` otherwise: COMMITMENT for a numbered goal under "Unsere Ziele sind:" (so
   "Neubau von 2.500 Wohnungen jährlich" is a commitment), VISION for a vision paper, STATEMENT
   for prose ("Der Verkehr ist für … verantwortlich", "Dortmund wurde oft totgesagt").

A VISION text (``default=VISION``) keeps its modality unless the authors speak in the first
person: "Die OWIIIa/L663n wurde nicht weitergebaut" describes the goal state, it does not
oppose anyone; "Dortmund wird … ausbauen" is the city's vision, not a party's pledge.

Testability (:func:`testability`) follows CPPP: a pledge is TESTABLE when one can check
objectively whether it was kept, i.e. it has a quantity or deadline target, or it names a
concrete, binary action (introduce, establish, build, found, abolish, convert, draw up *a*
plan or *a* platform: "Einführung eines Parkraum-Managements", "Errichtung einer Plattform",
"Umwandlung von DSW21 in eine GmbH"); it is ASPIRATIONAL when it only promises improvement in a
direction ("stärken", "verbessern", "fördern", "ausbauen", "attraktiver machen").
"""

from __future__ import annotations

import re

from mappings.records import Modality

# --- bodies -------------------------------------------------------------------------------
# Outside bodies whose decision a pledge may depend on (used for DEMAND cues).
_EXTERNAL = (
    r"(?:Land(?:es)?(?:\s+NRW)?(?![\w\-])|Landesregierung|Bund(?:es)?(?![\w\-])|"
    r"Bundesregierung|Bundesgesetzgeber|Gesetzgeber|EU(?![\w\-])|Europäischen?\s+Union|"
    r"VRR|Deutschen?\s+Bahn|DB(?![\w\-])|Berlin|Düsseldorf|Bezirksregierung|"
    r"Regionalverband\s+Ruhr|RVR)"
)
# Every body a demand may address, as it is named (for :func:`addressees`).
_ADDRESSABLE = re.compile(
    r"(?<![\w\-])(?:Land(?:es)?\s+NRW|Landesregierung|Bundesregierung|Land(?:es)?(?![\w\-])|"
    r"Bund(?:es)?(?![\w\-])|EU(?![\w\-])|Europäischen?\s+Union|VRR|DSW\s?21|DEW\s?21|"
    r"DOGEWO\s?21|EDG|Deutschen?\s+Bahn|DB(?![\w\-])|Berlin|Düsseldorf|Bezirksregierung|"
    r"Regionalverband\s+Ruhr|RVR|Stadtverwaltung|Verwaltung|Grünflächenamt|Klimaagentur|"
    r"Kassenärztlichen?\s+Vereinigung|Jobcenter|Polizei)(?![\w\-])"
)

# --- frames and cues ----------------------------------------------------------------------
_REPORT = re.compile(
    r"^(?:und\s+|denn\s+)?(?:wir\s+wissen\b|wir\s+sind\s+(?:davon\s+)?überzeugt|wir\s+glauben)"
    r"|\buns\s+ist\s+(?:\w+\s+){0,2}(?:klar|bewusst)\b|^klar\s+ist\b|\bes\s+ist\s+klar\b"
    r"|\b(?:hat|haben)\s+(?:\w+\s+){0,2}gezeigt\b|\bzeig(?:t|en)\s*:",
    re.I,
)
_REPORTED_SELF = re.compile(
    r"\bdass\s+wir\b(?:(?!\.\s)[^!?]){0,150}?\b(?:müssen|werden|wollen|möchten)\b", re.I
)
# Guideline §2: a goal the author names ("Unser Ziel ist …", "Das Ziel dabei ist klar: …").
_GOAL_FRAME = re.compile(
    r"\b[Uu]nser(?:\s+gemeinsames)?\s+Ziel\b(?:\s+für\s+[\w\-]+)?\s*(?:ist\b|:)"
    r"|(?:^|(?<=[.!?]\s))(?:Das\s+|[A-ZÄÖÜ]\w+\s+)?[\w\-]*[Zz]iel\s+(?:dabei\s+)?ist\b"
    r"|\bist\s+(?:es\s+)?unser\s+(?:gemeinsames\s+)?Ziel\b"
    r"|\b(?:[Bb]esonders\s+)?wichtig\s+ist\s+(?:es\s+)?uns\b|\b[Jj]etzt\s+gilt\s+es\b"
)
# "Unsere Vision ist …", and the image of the city as a verbless fragment (guideline §3: "Eine
# Stadt, in der jeder Weg sicher ist.", "Ein Dortmund, das niemanden zurücklässt …").
_VISION_FRAME = re.compile(
    r"\b[Uu]nsere\s+Vision\s+ist\b"
    r"|\b[Uu]nser\s+Ziel\s+ist\s+(?:ein|eine)\s+(?:Dortmund|Stadt)\s*,\s+(?:das|die|in\s+de[mr])\b"
    r"|^(?:Ein|Eine)\s+(?:[a-zäöü][\w\-]*\s+)?(?:Dortmund|Stadt)\s*,\s+(?:das|die|in\s+de[mr])\b"
)
_FIRST_PERSON = re.compile(r"\b(?:wir|uns|unser\w*)\b", re.I)
_LABEL = r"(?:[^:.!?]{1,60}:\s+)?"
NEGATED_HEAD = re.compile(
    rf"^{_LABEL}(?:(?i:kein|keine|keinen|keinem|keiner|keinerlei)\b"
    r"(?!\s+(?:Mensch|Menschen|Kind|Kinder|Frage|Zweifel|Person)\b)"
    r"|\w*(?:[Mm]oratorium|[Ss]topp)\b)",
)
_REJECT = re.compile(
    r"\blehnen\s+wir\b|\bwir\s+lehnen\b|\bablehnen\b|\bAblehnung\s+(?:de[rs]|von)\b"
    r"|\bnicht\s+(?:weiter\s+|länger\s+|mehr\s+)?(?:zu\s+)?"
    r"(?:akzeptieren|hinnehmen|tolerieren|dulden|abfinden)\b"
    r"|\bniemals\s+(?:zu\s+)?(?:akzeptieren|hinnehmen|tolerieren|dulden)\b"
    r"|\b(?:wenden|stellen|sprechen)\s+(?:wir\s+)?uns\b[^.]{0,80}?\bgegen\b"
    r"|\buns\s+[^.;:]{0,60}?\bgegen\b[^.]{0,100}?"
    r"\b(?:einsetzen|stellen|wehren|aussprechen|positionieren)\b"
    r"|\b(?:wir\s+kämpfen|kämpfen\s+wir)\s+(?:[\w\-]+\s+){0,3}gegen\b"
    r"|\b(?:einsetzen|eintreten|hinwirken),?\s+dass\s+(?:es\s+)?kein\w*\b"
    r"|\b(?:einsetzen|eintreten),?\s+dass\s+[^.;:]{0,80}?\bnicht\s+(?:mehr\s+|weiter\s+)?"
    r"[\w\-]+\s+(?:wird|werden)\b"
    r"|(?<!\bzu\s)\bverhindern\b",
    re.I,
)
# In an item the author governs: refraining ("auf … verzichten"), "nicht (weiter) ausbauen",
# "keine … mehr", a moratorium anywhere in the item.
_REFRAIN = re.compile(
    r"\bverzichten\b|\bMoratori(?:um|en)\b"
    r"|\bnicht\s+(?:weiter\s+|mehr\s+)?(?:[\w\-,]+\s+){0,6}?"
    r"(?:aus|um|zu|be|an)?(?:bauen|wandeln|verlängern|erhöhen|einrichten|verkaufen|zulassen|"
    r"genehmigen|ausweisen|privatisieren|bebauen|versiegeln|fällen)\b"
    r"|\bkein\w*\s+[^.,;:]{0,60}?\bmehr\b",
)
_DEMAND_SPOKEN = re.compile(
    r"\bwir\s+(?:erwarten|fordern|verlangen|appellieren)\b"
    r"|\b(?:erwarten|fordern|verlangen|appellieren)\s+wir\b"
    r"|\b(?:von|vom)\s+(?:de[rmn]\s+)?[\w\-]+(?:\s+[\w\-]+){0,4}\s+(?:ein)?fordern\b"
    r"|\bappellieren\s+an\b"
    r"|\b(?:hinwirken|einwirken|anregen|drängen)\b"
    r"|\bauf\s+(?:[\w\-*]+\s+){1,6}zugehen\b"
    r"|\bauf\s+(?:EU|Bundes|Landes)[\w\-]*(?:\s+(?:und|oder)\s+[\w\-]+)?ebene\b"
    r"|\bfür\s+(?:eine\s+)?(?:gesetzlich\w*|Gesetz\w*)\b",
    re.I,
)
# The city's own companies and similar bodies, addressed by the author (guideline §3).
_COMPANY = (
    r"(?:DSW\s?21|DSW|DEW\s?21|DEW|DOGEWO\s?21|DOGEWO|Dogewo|DSG|EDG|DONETZ|DOKOM\s?21|"
    r"DOPARK|DoPark|Sparkasse(?:\s+Dortmund)?|Technologiezentrum|Flughafen\w*|"
    r"städtischen?\s+(?:Gesellschaften|Töchter|Unternehmen)|kommunalen?\s+Wohnungs\w+)"
)
# S-Bahn and regional trains are run for the VRR by rail companies (guideline §4): supporting
# or pressing for them asks another body to act.
_RAIL_DEMAND = re.compile(
    r"\b(?:einsetzen|unterstützen|eintreten)\b[^.]{0,160}?"
    r"(?:S-Bahn|Regionalbahn|Regional-\s+und\s+S-Bahn|Regionalzüge|Regionalexpress)"
    r"|(?:S-Bahn|Regionalbahn|Regional-\s+und\s+S-Bahn|Regionalzüge|Regionalexpress)"
    r"[^.]{0,160}?\b(?:einsetzen|unterstützen|eintreten)\b"
)
_DEMAND_COMPANY = re.compile(
    rf"\b(?:einsetzen|eintreten),?\s+dass\s+(?:de[rmn]\s+|die\s+|das\s+)?{_COMPANY}"
    rf"|(?:die|der|das|den)\s+{_COMPANY}\s+(?:[\w\-]+\s+){{0,2}}(?:verpflichten|beauftragen|"
    rf"auffordern|bitten)\b"
    rf"|\b(?:bei|gegenüber)\s+(?:de[rmn]\s+|den\s+)?{_COMPANY}\b"
)
_DEMAND_BULLET = re.compile(r"\b(?:ein|auf)?fordern\b|\bverlangen\b", re.I)
_DEMAND_BODY = re.compile(
    rf"\buns\s+(?:[\w\-]+\s+){{0,3}}(?:beim|bei\s+(?:der|dem)|gegenüber(?:\s+de[mnr])?|in)\s+"
    rf"(?:[\w\-]+\s+und\s+)?{_EXTERNAL}[^.]{{0,120}}?\b(?:einsetzen|stark\s+machen|eintreten)\b"
    rf"|\b(?:einsetzen|eintreten|hinwirken|drängen),?\s+dass\s+(?:de[rmn]\s+|die\s+|das\s+)?"
    rf"{_EXTERNAL}"
    rf"|\bDruck\s+auf\s+(?:de[nm]\s+|die\s+|das\s+)?{_EXTERNAL}"
    rf"|\bStimme\s+in\s+{_EXTERNAL}"
    rf"|\b(?:in|nach)\s+(?:Berlin|Düsseldorf)\b[^.]{{0,60}}\beinsetzen\b"
    rf"|(?:das|der|die)\s+{_EXTERNAL}(?:\s+und\s+(?:das\s+|der\s+)?{_EXTERNAL})?\s+"
    rf"(?:muss|müssen|soll|sollen|sollte|sollten)\b"
    rf"|\b(?:Bund|Land)\s+und\s+(?:Bund|Land)\s+(?:muss|müssen|soll|sollen|sollte|sollten)\b"
)
_LEGAL = re.compile(
    r"\b(?:bundesweit|landesweit|europaweit|gesetzlich\w*|per\s+Gesetz)\b[^.]*"
    r"\b(?:muss|müssen|soll|sollen|sollte|sollten)\b"
    r"|\b(?:muss|müssen|soll|sollen|sollte|sollten)\b[^.]*"
    r"\b(?:bundesweit|landesweit|europaweit|gesetzlich\w*|per\s+Gesetz)\b",
    re.I,
)
_AGENT = re.compile(rf"\bdurch\s+(?:de[nm]\s+|die\s+|das\s+)?{_EXTERNAL}")
_REVIEW_HEAD = re.compile(
    rf"^{_LABEL}(?:[\w\-]+\s+){{0,2}}(?:[A-ZÄÖÜ][\w\-]*)?(?:Prüfung|prüfung|Überprüfung|"
    r"Evaluation|Evaluierung|Potenzialanalyse|[Aa]nalyse|Machbarkeitsstudie|Inventur|"
    r"Bestandsaufnahme)\b"
    r"|^zu\s+prüfen\b|^(?:eine\s+)?gutachterliche\s+Betrachtung\b",
    re.I,
)
_REVIEW_VERB = re.compile(
    r"\b(?:prüfen|überprüfen|evaluieren|untersuchen|geprüft|überprüft|evaluiert|untersucht)\b"
)
# Verbs that name an action of their own; a review verb after one of them is a side task.
_ACTION_VERB = re.compile(
    r"\b(?:(?:aus|auf|um|neu|weiter)?bauen|stärken|fördern|unterstützen|schaffen|einführen|"
    r"einrichten|errichten|(?:weiter)?entwickeln|umsetzen|verbessern|erhalten|sichern|"
    r"ausweiten|anbieten|beteiligen|ermöglichen|gestalten|erhöhen|reduzieren|senken|"
    r"investieren|fortführen|finanzieren|gründen|abschaffen|umwandeln|auflegen|erstellen|"
    r"erarbeiten|vorlegen|beschließen|verkaufen|anschaffen|nutzen|einsetzen|sorgen|"
    r"verstetigen|intensivieren|optimieren|begrünen|entsiegeln|pflanzen|aufwerten|bereitstellen|"
    r"realisieren|durchführen|starten|verpflichten|beauftragen|vergeben|ausweisen|sanieren)\b"
)
_ACTION_HEAD = re.compile(
    r"^(?:[\w\-]+\s+)?(?:[A-ZÄÖÜ][\w\-]*)?(?:Umsetzung|Bau|Ausbau|Aufbau|Einführung|Einrichtung|"
    r"Errichtung|Schaffung|Optimierung|Realisierung|Entwicklung|Förderung|Stärkung|Erhalt)\b"
)
_COMMIT_VERBS = (
    r"werden|wollen|möchten|mochten|müssen|setzen|treten|streben|sorgen|kämpfen|unterstützen|"
    r"fördern|schaffen|stärken|investieren|bauen|reduzieren|gestalten|schonen|sichern|richten|"
    r"bringen|entwickeln|schützen|erhöhen|senken|verfolgen|machen|bekämpfen|bieten|führen|"
    r"bauen|legen|stellen|setzen|brauchen|sehen\s+uns\s+in\s+der\s+Pflicht"
)
_COMMIT = re.compile(
    rf"\bwir\s+(?:[\w\-]+\s+)?(?:{_COMMIT_VERBS})\b(?!\s+(?:gezeigt|gemacht|gebracht))"
    rf"|\b(?:{_COMMIT_VERBS})\s+wir\b"
    r"|\bsetz(?:en|t)\s+(?:wir\s+)?(?:uns|sich)\b[^.]{0,120}?\bein\b"
    r"|\bwir\b[^.;:]{0,80}?\bund\s+(?:werden|wollen)\b"
    r"|\bZiel\s+ist\s+es\b|\bist\s+es\s+unser\s+(?:gemeinsames\s+)?Ziel\b"
    r"|\bhaben\s+uns\s+vorgenommen\b",
    re.I,
)
_DEONTIC = re.compile(r"\b(?:soll|sollen|sollte|sollten|muss|müssen)\b")
# A subordinate clause carries its modal at the end: "…, dass das weitergehen muss."
_SUBCLAUSE = re.compile(r",\s*(?:dass|ob|wenn|weil|da|sodass|wie|was|wer)\b[^,.;:!?]*")
_PAST_SELF = re.compile(r"\b(?:wir\s+haben|haben\s+wir)\b(?!\s+uns\s+vorgenommen)", re.I)


def classify(
    text: str, *, lead_in: str | None = None, default: Modality = Modality.STATEMENT
) -> Modality:
    """The modality of ``text`` (normalised), read with its ``lead_in`` if it has one.

    ``default`` is what a statement is when no cue decides, e.g. ``COMMITMENT`` for a numbered
    goal under "Unsere Ziele sind:", ``VISION`` for a DOS vision. The order of the rules is
    the module docstring's.

    >>> classify("Kein weiterer baulicher Ausbau der Start- und Landebahn",
    ...          default=Modality.COMMITMENT).value
    'opposition'
    >>> classify("die Oberflächen in der Stadt auf ihre Wärmewirkung prüfen.",
    ...          lead_in="Dafür werden wir").value
    'review'
    """
    text = text.strip()
    governed = lead_in is not None or default is Modality.COMMITMENT
    author = governed or bool(_FIRST_PERSON.search(text))
    if _REPORT.search(text) and not _REPORTED_SELF.search(text):
        return Modality.STATEMENT
    if default is Modality.VISION and not _FIRST_PERSON.search(text):
        return Modality.VISION
    own = _own_cue(text, governed=governed, author=author)
    if own is not None:
        return own
    if lead_in:
        led = classify(lead_in, default=Modality.STATEMENT)
        if led in (Modality.DEMAND, Modality.OPPOSITION, Modality.COMMITMENT):
            return led
        if led is Modality.REVIEW:
            return Modality.COMMITMENT if _ACTION_HEAD.search(text) else Modality.REVIEW
    if (
        default is Modality.STATEMENT
        and _DEONTIC.search(_SUBCLAUSE.sub("", text))
        and not _PAST_SELF.search(text)
        and not re.match(r"^(?:wer|wenn|ob|dass)\b", text, re.I)
    ):
        return Modality.COMMITMENT
    return default


def _own_cue(text: str, *, governed: bool, author: bool) -> Modality | None:
    """Rules 2–5: the speech act the text itself marks, or ``None``."""
    if governed and NEGATED_HEAD.search(text):
        return Modality.OPPOSITION
    if author and _REJECT.search(text):
        return Modality.OPPOSITION
    if governed and _REFRAIN.search(text) and not _DEMAND_BODY.search(text):
        return Modality.OPPOSITION
    if (
        _DEMAND_SPOKEN.search(text)
        or _DEMAND_BODY.search(text)
        or _LEGAL.search(text)
        or (author and _DEMAND_COMPANY.search(text))
        or (author and _RAIL_DEMAND.search(text))
        or (governed and _AGENT.search(text))
        or (governed and not _FIRST_PERSON.search(text) and _DEMAND_BULLET.search(text))
    ):
        return Modality.DEMAND
    if _REVIEW_HEAD.search(text):
        return Modality.REVIEW
    review = _REVIEW_VERB.search(text)
    if review and (author or _DEONTIC.search(text)):
        action = _ACTION_VERB.search(text)
        if action is None or action.start() > review.start():
            return Modality.REVIEW
    if _VISION_FRAME.search(text) and not _COMMIT.search(text):
        return Modality.VISION
    if _COMMIT.search(text) or _GOAL_FRAME.search(text):
        return Modality.COMMITMENT
    return None


def addressees(text: str, *, lead_in: str | None = None) -> tuple[str, ...]:
    """Bodies a demand is addressed to, as they are named, in order of first mention.

    Inflection is undone ("vom Land", "des Landes NRW" → "Land", "Land NRW"); the lead-in is
    read too, because "Aus dem Land und dem Bund erwarten wir:" names who its items address.

    >>> addressees("uns gegenüber DSW21 und VRR dafür einsetzen, dass …")
    ('DSW21', 'VRR')
    """
    found: list[str] = []
    for source in (lead_in or "", text):
        for m in _ADDRESSABLE.finditer(source):
            name = re.sub(r"\s+", " ", m.group(0))
            name = re.sub(r"^(Land|Bund)es\b", r"\1", name)
            name = re.sub(r"^(DSW|DEW|DOGEWO) (21)$", r"\1\2", name)
            name = re.sub(r"^(Europäische|Deutsche)n\b", r"\1", name)
            if name not in found:
                found.append(name)
    return tuple(found)
