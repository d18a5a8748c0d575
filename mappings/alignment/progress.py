"""Progress claims: statements that report something as achieved, started or decided.

A claim needs a verb of achievement in the perfect or past ("wurden … eingerichtet", "haben
wir … verankert", "konnten wir … durchsetzen", "ist es gelungen") or a participle naming the
author's deed ("die von uns durchgesetzte Verhinderung", "auf GRÜNE Initiative im Rat
durchgesetzte Neuplanung"). Any verb counts when the grammar says it is done: a participle
before its auxiliary at a clause's end ("…, die 2023 vom Land finanziert wurde"), an auxiliary
whose participle closes the clause ("Dortmund hat … wichtige Schritte getan,"), or "bereits",
"schon", "neu" … with a participle ("die bereits eingeführten Klassenhelfer*innen"), or
keeping what was done ("die erweiterten Öffnungszeiten … aufrechterhalten"). The same
participle with "werden" after it is a passive of the future or of obligation ("muss erreicht
werden") and is no claim, unless "bereits" or "endlich" says it is under way ("der bereits in
Dortmund eingeführt wird", "wird endlich geahndet"); nor are intentions ("haben uns
vorgenommen") or present participles ("die bereits bestehenden Flächen").

>>> is_progress_claim("Seit 2020 wurden 18 neue Kindertageseinrichtungen eingerichtet.")
True
>>> is_progress_claim("Das Ziel der Klimaneutralität muss erreicht werden.")
False
>>> is_progress_claim("die Meldestelle stärken, die 2023 vom Land finanziert wurde.")
True
>>> is_progress_claim("die bereits eingeführten Klassenhelfer*innen verstetigen")
True
>>> is_progress_claim("die bereits eingeführten systemischen Klassenhelfer*innen verstetigen")
True
>>> is_progress_claim("Dortmund hat bereits wichtige Schritte getan, jetzt geht es weiter.")
True
>>> is_progress_claim("die bereits bestehenden Gewerbegebiete nutzen")
False
>>> is_progress_claim("Wir haben das Ziel, die Teilhabe zu stärken, gemeinsam.")
False
>>> claimed_period("Seit 2020 wurden 18 neue Kitas eingerichtet.", document_year=2025)
(2020, 2025)
>>> claimed_period("ab November 2024 wurden Workshops durchgeführt", document_year=2025)
(2024, 2025)
>>> claimed_period("der vor zehn Jahren ins Leben gerufen wurde", document_year=2025)
(2015, 2015)
"""

from __future__ import annotations

import re

_ACHIEVED = (
    r"eingerichtet|beschlossen|umgesetzt|durchgesetzt|verankert|entwickelt|geschaffen|gebaut|"
    r"eröffnet|erreicht|eingeführt|gestartet|realisiert|ausgebaut|saniert|erhöht|verdoppelt|"
    r"gesenkt|erweitert|angestoßen|initiiert|verabschiedet|gegründet|beauftragt|ermöglicht|gepflanzt|"
    r"installiert|fertiggestellt|geplant|erarbeitet|eingereicht|durchgeführt|gesichert|"
    r"verhindert|gelungen|vorangebracht|aufgestockt|eingestellt|angeschafft|modernisiert|"
    r"auf\s+den\s+Weg\s+gebracht|durchsetzen|erreichen|umsetzen|einführen"
)
_PAST = re.compile(
    r"\b(wurden?|worden|haben\s+wir|hat\s+(?:die|der|das)\b|konnten?\s+wir|ist\s+es\b[^.]{0,60}"
    r"gelungen|sind\b[^.]{0,80}\b(?:" + _ACHIEVED + r")\b(?!\s+werden))",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(r"\b(" + _ACHIEVED + r")\b(?!\s+(?:werden|zu|wollen|wir))", re.IGNORECASE)
_DEED = re.compile(
    r"\b(?:von\s+uns|auf\s+\w+\s+Initiative(?:\s+hin)?|dank\s+\w+\s+Initiative)\b[^.]{0,80}?"
    r"\b(?:erfolgreich\s+)?\w*(?:durchgesetzte|beschlossene|eingeführte|erreichte|initiierte|"
    r"angestoßene|geschaffene|umgesetzte)[nrs]?\b",
    re.IGNORECASE,
)
# A past participle by its form: …ge-…-t/-en ("eingeführt", "angestoßen"), -iert
# ("finanziert"), or an inseparable prefix and -t ("erarbeitet", "verbessert"); lower case, so
# no noun ("Gesundheit"); "ge-" words that are adjectives ("gemeinsamen", "gesetzlichen") are none.
_NO_GE_ADJECTIVE = r"(?!ge\w*(?:lich|ig|isch|sam|bar|haft)\w*\b|gegen\b|gerne?\b|gestern\b)"
_FORM = r"(?:[a-zäöüß]\w*ge\w+(?:t|en)|[a-zäöüß]\w+iert|(?:be|er|ent|ver|zer|emp)\w+t)"
# with plain "ge-" participles too ("getan", "gekommen"), where an auxiliary of the perfect
# opens the clause; at a relative clause's end they describe others ("die gerettet wurden")
_FORM_ANY = rf"(?:{_FORM}|{_NO_GE_ADJECTIVE}ge(?:\w+(?:t|en)|tan))"
_NOT_DONE = r"(?!vorgenommen\b|geplant\b|gefordert\b)"  # intentions and plans are no deeds
# The participle right before its auxiliary at a clause's end: "…, die 2023 vom Land finanziert
# wurde", "… eingeführt worden", "…, den die Polizei angestoßen hat".
_VERB_FINAL = re.compile(
    rf"\b{_NOT_DONE}(?:{_FORM}|{_ACHIEVED})\s+(?:worden\s+(?:ist|sind)|worden|wurden?|hat|haben)\b"
    r"(?!\s+(?:zu|werden|wird|soll|sollen|muss|müssen)\b)"
)
# The auxiliary first and the participle closing the clause: "Dortmund hat … Schritte getan,",
# "Insgesamt haben 220 Teilnehmende 650 Beiträge … eingereicht."
# a reflexive perfect of a change is the world changing ("haben sich seit 1950 halbiert"), not
# a deed ("hat sich für den Radweg eingesetzt" is one)
_NOT_CHANGED = (
    r"(?!\s+sich\b[^,.;:!?]{0,80}?\b(?:halbiert|verdoppelt|verändert|verringert|vergrößert|"
    r"verkleinert|verschlechtert|verbessert|erhöht|gewandelt|entwickelt|verschärft)\b)"
)
_BRACKET = re.compile(
    rf"\b(?:hat|haben|wurden?)\b{_NOT_CHANGED}[^,.;:!?]{{0,160}}?\b{_NOT_DONE}{_FORM_ANY}"
    r"(?=\s*(?:[,.;:!?]|$))"
)
# What is already done, said as an attribute or with "sein": "die bereits eingeführten
# Klassenhelfer*innen", "das neu eingeführte Angebot", "im gerade beschlossenen Waldkonzept",
# "alle bisher erarbeiteten Ergebnisse", "sind wir bereits weit gekommen".
_ALREADY = r"(?:bereits|schon|bisher|gerade|kürzlich|jüngst|in\s+den\s+letzten\s+Jahren)"
_ATTRIBUTE_FORM = (
    r"(?![a-zäöüß]\w*(?:end|bar)(?:e|en|er|es|em)?\b)"  # "bestehenden", "verfügbaren"
    r"(?:[a-zäöüß]\w*ge\w+(?:t|en)|[a-zäöüß]\w+iert|(?:be|er|ent|ver|zer|emp)\w+(?:t|en))"
)
# the participle, up to two more attributes, the noun: "die bereits eingeführten systemischen
# Klassenhelfer*innen"
# "neu" makes a deed only of a verb of achievement: "das neu eingeführte Angebot", not "neu
# eingebürgerte Menschen" (who they are, not what was done).
_DONE_ATTRIBUTE = re.compile(
    rf"(?:\b{_ALREADY}\s+(?:[\w*-]+\s+){{0,4}}?{_NOT_DONE}|\bneu\s+(?=(?:{_ACHIEVED})))"
    rf"{_ATTRIBUTE_FORM}"
    r"(?:(?:e|en|er|es|em)\s+(?:[a-zäöüß][\w-]*\s+){0,2}|\s+)[A-ZÄÖÜ]"
)
_ALREADY_PERFECT = re.compile(
    rf"\b(?:ist|sind)\b[^,.;:!?]{{0,60}}?\b{_ALREADY}\b[^,.;:!?]{{0,60}}?\b{_NOT_DONE}{_FORM_ANY}"
    r"(?=\s*(?:[,.;:!?]|und\b|$))"
)
# Under way: a present passive closing a main clause with "endlich" ("Falschparken wird endlich
# geahndet") or a relative clause with "bereits" ("…, der auf GRÜNE Initiative bereits in
# Dortmund eingeführt wird"); not one of obligation or wish ("muss bereits … geprüft werden",
# "dass endlich mehr Wohnungen gebaut werden") nor of a time to come ("wird schon 2026
# gebaut", "…, die bereits ab dem nächsten Jahr abgeschafft werden").
_STILL = r"(?:bereits|schon|endlich)"
_LATER = r"(?!(?:[^,.;:!?]*?\b(?:ab|bald|künftig|zukünftig|nächste\w*|(?:19|20)\d\d)\b))"
_UNDERWAY = re.compile(
    rf"(?:\b(?:wird|werden)\b{_LATER}[^,.;:!?]{{0,60}}?\bendlich\b[^,.;:!?]{{0,60}}?\b{_NOT_DONE}"
    rf"{_FORM_ANY}|,\s*(?:der|die|das|den|dem|deren|dessen|welche[rsnm]?)\b{_LATER}"
    rf"[^,.;:!?]{{0,80}}?\b{_STILL}\b[^,.;:!?]{{0,60}}?\b{_NOT_DONE}{_FORM_ANY}\s+(?:wird|werden))"
    r"(?=\s*(?:[,.;:!?]|$))"
)
# The perfect with "sein" of a verb of getting somewhere: "Alle Ergebnisse sind in die
# Zielbilder eingeflossen", "sind wir weit gekommen" (not a change of the world: "ist größer
# geworden", "sind zurückgegangen", "ist zum Erliegen gekommen").
_SEIN_PERFECT = re.compile(
    r"\b(?:ist|sind|war|waren)\b[^,.;:!?]{0,100}?\b(?:[a-zäöüß]*(?:eingeflossen|gelungen|"
    r"entstanden|gelangt|vorangekommen)|weit\s+gekommen)(?=\s*(?:[,.;:!?]|$))"
)
_MONTH = (
    r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"Anfang|Mitte|Ende|Frühjahr|Sommer|Herbst|Winter)"
)
# "seit 2020", "seit März 2020", "ab November 2024" (a past year: from then until the document)
_SINCE = re.compile(
    rf"\b(?:seit|ab)\s+(?:dem\s+Jahr\s+|(?:dem\s+)?{_MONTH}\s+)?((?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_NUMBERS = {
    "einem": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "fünfzehn": 15,
    "zwanzig": 20,
    "dreißig": 30,
}
# "vor zehn Jahren", "vor 5 Jahren": a year counted back from the document's
_YEARS_AGO = re.compile(r"\bvor\s+(\d{1,2}|" + "|".join(_NUMBERS) + r")\s+Jahr(?:en)?\b", re.I)
_SPAN = re.compile(r"\b(?:von\s+)?((?:19|20)\d{2})\s*(?:bis|–|-)\s*((?:19|20)\d{2})\b")
_YEAR = re.compile(r"(?<!bis )(?<!ab )(?<!Bis )\b(?:im\s+Jahr\s+|in\s+)?((?:19|20)\d{2})\b")


# Keeping what was done: "die erweiterten Öffnungszeiten … aufrechterhalten" says they were
# extended; "wie es seit letztem Jahr bereits vermehrt geschieht" that it happens already.
_KEPT = re.compile(
    rf"\b(?:die|den|das|der)\s+(?:{_ACHIEVED})(?:e|en|er|es|em)\s+[^.;:!?]{{0,80}}?"
    r"\b(?:aufrechterhalten|beibehalten|fortführen|fortsetzen|weiterführen)\b"
    r"|\b(?:bereits|schon)\s+(?:\w+\s+)?(?:geschieht|stattfindet|läuft|passiert)\b"
)
_CLAIM_RULES = (
    _DEED,
    _VERB_FINAL,
    _BRACKET,
    _DONE_ATTRIBUTE,
    _ALREADY_PERFECT,
    _SEIN_PERFECT,
    _UNDERWAY,
    _KEPT,
)


def is_progress_claim(text: str) -> bool:
    """Whether ``text`` reports something as achieved, started or decided."""
    if any(rule.search(text) for rule in _CLAIM_RULES):
        return True
    for past in _PAST.finditer(text):
        clause_end = text.find(".", past.end())
        clause = text[past.start() : clause_end if clause_end >= 0 else len(text)]
        if _PARTICIPLE.search(clause) or past.group(0).lower().endswith("gelungen"):
            return True
    return False


def claimed_period(text: str, *, document_year: int) -> tuple[int | None, int | None]:
    """(from, until) years of a claim where the text gives them; "seit Y" runs to the document."""
    since = _SINCE.search(text)
    if since and int(since.group(1)) <= document_year:
        return int(since.group(1)), document_year
    ago = _YEARS_AGO.search(text)
    if ago:
        count = ago.group(1).lower()
        year = document_year - (int(count) if count.isdigit() else _NUMBERS[count])
        return year, year
    span = _SPAN.search(text)
    if span and int(span.group(2)) <= document_year:
        return int(span.group(1)), int(span.group(2))
    past = [int(m.group(1)) for m in _YEAR.finditer(text) if int(m.group(1)) < document_year]
    if past:
        return min(past), max(past)
    return None, None
