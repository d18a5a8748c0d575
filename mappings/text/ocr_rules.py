"""The glyph confusions of an OCR engine without German umlaut support, as rules.

:mod:`mappings.text.ocr` generates repair candidates from them; each rule is tested on
examples in ``tests/mappings/test_ocr.py``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One OCR confusion: the damaged form ``src`` stands for ``dst``.

    ``where`` restricts the position in the token: ``"any"``, ``"start"`` (first character),
    ``"mid"`` (not first) or ``"after_lower"`` (after a lower-case letter: ß and a mid-word
    "U" never start a word and never follow a capital). ``kind`` says how much the damaged
    form proves damage: ``"strong"`` forms hardly occur in clean German ("ii", a capital B
    inside a word, "é", a digit inside a word), so their repair may combine with a second
    edit; ``"weak"`` forms are ordinary letters ("a" for ä); ``"shape"`` rules turn one
    letter into another ("h" → "b") and so also turn real words into other real words,
    which asks for a larger frequency gap.
    """

    src: str
    dst: str
    where: str = "any"
    kind: str = "weak"


# Confusions in lower-case or capitalised words. Umlauts first: the OCR read ü as ii/i/il/iu/
# ti/l/u/U, ä as a/d/da/i/ia/é/@, ö as o/d/é/a/i, and ß as B/BB/Bi/R/f/fi/3. A "d" next to a
# consonant ("Bevdlkerung", "dber") is strong evidence, handled in :func:`_sites`.
LOWER_RULES: tuple[Rule, ...] = (
    Rule("ii", "ü", kind="strong"),
    Rule("iu", "ü", kind="strong"),
    Rule("U", "ü", "after_lower", "strong"),
    Rule("i", "ü"),
    Rule("il", "ü"),
    Rule("ti", "ü", "mid"),
    Rule("l", "ü", "mid"),
    Rule("u", "ü"),
    Rule("a", "ä"),
    Rule("a", "ö"),
    Rule("o", "ö"),
    Rule("i", "ö"),
    Rule("d", "ä"),
    Rule("da", "ä", "mid"),  # "Stabilitdat"
    Rule("i", "ä", "mid"),  # "vielfiltige"
    Rule("ia", "ä", "mid"),  # "zukunftsfiahigen"
    Rule("d", "ö"),
    Rule("d", "ü"),
    Rule("t", "ü", "start"),
    Rule("é", "ä", kind="strong"),
    Rule("é", "ö", kind="strong"),
    Rule("éd", "ä", kind="strong"),
    Rule("éa", "ä", kind="strong"),
    Rule("@", "ä", kind="strong"),
    Rule("B", "ß", "after_lower", "strong"),
    Rule("BB", "ß", "after_lower", "strong"),
    Rule("Bi", "ß", "after_lower", "strong"),
    Rule("R", "ß", "after_lower", "strong"),
    Rule("3", "ß", "after_lower", "strong"),
    Rule("f", "ß", "after_lower"),
    Rule("fi", "ß", "after_lower"),
    Rule("A", "Ä", "start"),
    Rule("O", "Ö", "start"),
    Rule("U", "Ü", "start"),
    # letter shapes
    Rule("F", "E", "start", "shape"),
    Rule("m", "rn", kind="shape"),
    Rule("h", "b", kind="shape"),
    Rule("n", "h", kind="shape"),
    Rule("q", "g", kind="shape"),
    # digits inside words
    Rule("2", "z", kind="strong"),
    Rule("6", "ö", kind="strong"),
    Rule("6", "G", "start", "strong"),
    Rule("1", "l", kind="strong"),
    Rule("0", "o", kind="strong"),
)

# Confusions in words set in capitals (headings, acronyms): umlaut dots lost, O read as D,
# the 2 of CO2 read as Z, I read as l ("Hannibal Il").
UPPER_RULES: tuple[Rule, ...] = (
    Rule("A", "Ä"),
    Rule("O", "Ö"),
    Rule("U", "Ü"),
    Rule("D", "O", "mid", "shape"),
    Rule("Z", "2", "mid", "shape"),
    Rule("l", "I"),
)

# A spurious bracket at the start of a word: "(luartiers" = Quartiers, "(Qualitat",
# "[deen" = Ideen, "[@sst" = lässt. Only used when the bracket is never closed.
BRACKET_RULES: tuple[Rule, ...] = (
    Rule("(l", "Q", "start", "strong"),
    Rule("(", "Q", "start", "strong"),
    Rule("(", "", "start", "strong"),
    Rule("[", "I", "start", "strong"),
    Rule("[", "l", "start", "strong"),
    Rule("[", "", "start", "strong"),
)

# A lost umlaut between two consonants ("Mglichkeit", "tglich", "fr"): short words only.
INSERTIONS = ("ä", "ö", "ü")
MAX_INSERT_LEN = 10
