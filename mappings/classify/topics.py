"""Topics of a statement from its section path and its content (``reference/topic_rules.toml``).

The rules are patterns per concept of the topic scheme (CAP major topics with narrower local
concepts). A statement gets every concept whose content or section patterns match; a local
concept brings its CAP major topic along, so a query by major topic needs no reasoning. Every
pledge gets at least one topic: when nothing matches, the scheme's fallback concept, so that a
gap in the rules stays countable instead of silently dropping the pledge from topic queries.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import URIRef

from mappings.link.lexicon import ocr_tolerant
from mappings.rdf import iri
from mappings.records import Statement

RULES_FILE = Path(__file__).resolve().parents[1] / "reference" / "topic_rules.toml"


class TopicRulesError(ValueError):
    """The topic rules file is malformed; the message names the concept."""


@dataclass(frozen=True)
class TopicRule:
    slug: str
    broader: str | None
    content: re.Pattern[str] | None
    section: re.Pattern[str] | None
    fallback: bool = False


def _compile(patterns: list[str], where: str) -> re.Pattern[str] | None:
    """One alternation per rule: a single regex search instead of one per pattern."""
    if not patterns:
        return None
    try:
        for p in patterns:
            re.compile(ocr_tolerant(p))  # so an error names the one bad pattern
        return re.compile("|".join(f"(?:{ocr_tolerant(p)})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise TopicRulesError(f"{where}: {exc}") from None


@cache
def load_rules(path: Path = RULES_FILE) -> tuple[TopicRule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TopicRulesError(f"{path}: {exc}") from None
    rules: list[TopicRule] = []
    for n, raw in enumerate(data.get("concept", []), start=1):
        where = f"{path}: [[concept]] #{n} {raw.get('slug', '?')}"
        if "slug" not in raw:
            raise TopicRulesError(f"{where}: missing slug")
        rules.append(
            TopicRule(
                slug=raw["slug"],
                broader=raw.get("broader"),
                content=_compile(raw.get("content", []), where),
                section=_compile(raw.get("section", []), where),
                fallback=bool(raw.get("fallback", False)),
            )
        )
    if sum(r.fallback for r in rules) != 1:
        raise TopicRulesError(f"{path}: exactly one concept must be the fallback")
    return tuple(rules)


@cache
def _matches_section(pattern: re.Pattern[str], section: str) -> bool:
    """Section paths repeat for every statement of a section: match each once."""
    return pattern.search(section) is not None


def topic_slugs(statement: Statement) -> list[str]:
    """Slugs of the statement's topics, in rule order, broader CAP topics included."""
    rules = load_rules()
    content = " ".join(filter(None, (statement.lead_in, statement.normalised)))
    section = " › ".join(statement.section_path)
    found: list[str] = []
    for rule in rules:
        if (rule.content is not None and rule.content.search(content)) or (
            rule.section is not None and _matches_section(rule.section, section)
        ):
            found.append(rule.slug)
    for rule in rules:
        if rule.slug in found and rule.broader and rule.broader not in found:
            found.append(rule.broader)
    if not found and statement.is_pledge:
        found = [r.slug for r in rules if r.fallback]
    return found


def topics(statement: Statement) -> list[URIRef]:
    """The statement's topic concepts as IRIs (see :func:`topic_slugs`)."""
    return [iri.topic(slug) for slug in topic_slugs(statement)]
