"""link() and resolve_actor(): explicit mentions with exact source offsets, topics, signatures."""

from __future__ import annotations

from collections.abc import Callable

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef

from mappings.link.linking import link, resolve_actor, resolve_actors
from mappings.rdf import iri
from mappings.rdf.iri import DOKG
from mappings.records import Modality, Statement, Testability
from mappings.reference.load import reference_graph
from mappings.text.source import SourceText

GRUENE = "2025-gruene-kommunalwahlprogramm"
Make = Callable[..., tuple[SourceText, Statement]]
S = URIRef("https://w3id.org/dortmund-kg/id/statement/test/abc")


def _linked(make: Make, doc: str, first: int, last: int, **kw: object) -> tuple[SourceText, Graph]:
    source, statement = make(doc, first, last, **kw)
    g = Graph()
    for t in link(S, statement, doc):
        g.add(t)
    return source, g


def test_every_mention_points_at_its_exact_source_characters(corpus_statement: Make) -> None:
    source, g = _linked(corpus_statement, GRUENE, 2285, 2286)  # U42, U47, U41, Hörde
    mentions = list(g.objects(S, DOKG.hasMention))
    assert len(mentions) >= 4
    for m in mentions:
        start, end = (int(g.value(m, p)) for p in (DOKG.charStart, DOKG.charEnd))  # type: ignore[arg-type]
        assert source.text[start:end] == str(g.value(m, DOKG.surfaceForm))
        assert source.line_of(start) == int(g.value(m, DOKG.mentionLine))  # type: ignore[arg-type]
    assert {iri.transit_line("u41"), iri.place("hoerde")} <= set(g.objects(S, DOKG.mentions))


def test_compound_forms_are_mentions(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 2266, 2267)  # "Busflotte bei DSW21"
    assert (S, DOKG.mentions, iri.actor("dsw21")) in g
    _, g = _linked(corpus_statement, GRUENE, 2276, 2277)  # "das Stadtbahnnetz bis 2035"
    assert (S, DOKG.mentions, iri.transit_line("stadtbahn-dortmund")) in g


def test_a_name_hyphenated_over_a_line_break_is_one_mention(corpus_statement: Make) -> None:
    source, g = _linked(corpus_statement, GRUENE, 1132, 1133)  # "Dortmunder \nStadtentwicklungs…"
    assert (S, DOKG.mentions, iri.actor("dsg")) in g
    forms = {str(g.value(m, DOKG.surfaceForm)) for m in g.objects(S, DOKG.hasMention)}
    assert any("\n" in f and "Stadtentwicklungsgesellschaft" in f for f in forms)


def test_ocr_damaged_forms_in_the_spd_text_are_found(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, "2020-spd-kommunalwahlprogramm", 116, 117)  # "OPNV", H-Bahn
    assert (S, DOKG.mentions, iri.transit_line("oepnv-dortmund")) in g
    assert (S, DOKG.mentions, iri.transit_line("h-bahn")) in g


def test_a_safe_harbour_is_not_the_port(corpus_statement: Make) -> None:
    for doc, line in (("2020-dos-visionen", 205), (GRUENE, 3649)):
        _, g = _linked(corpus_statement, doc, line, line)
        assert (S, DOKG.mentions, iri.place("hafen")) not in g
    _, g = _linked(corpus_statement, "2021-gruene-cdu-leitlinien", 372, 372)
    assert (S, DOKG.mentions, iri.place("hafen")) in g


def test_the_wall_is_the_ring_road_only_with_its_article(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 2883, 2883)  # "den Wall auch tagsüber …"
    assert (S, DOKG.mentions, iri.place("wall")) in g
    g = Graph()
    for t in link(S, _adhoc("eine Hall of Fame und eine Wall of Fame für die Sprayer*innen"), "x"):
        g.add(t)
    assert (S, DOKG.mentions, iri.place("wall")) not in g


def test_fare_pledges_link_to_their_ticket_product(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 3149, 3149)  # Deutschlandticket Sozial
    assert (S, DOKG.mentions, iri.service("deutschlandticket-sozial")) in g
    assert (S, DOKG.mentions, iri.transit_line("oepnv-dortmund")) not in g


def test_every_pledge_has_a_topic_and_context_may_have_none(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 2216, 2216)
    assert (S, DOKG.topic, iri.topic("public-transport")) in g
    assert (S, DOKG.topic, iri.topic("cap-10-transportation")) in g
    _, g = _linked(corpus_statement, GRUENE, 5220, 5220)  # "das Ehrenamt besser vernetzen …"
    assert list(g.objects(S, DOKG.topic))


def test_no_literal_is_the_object_of_a_link(corpus_statement: Make) -> None:
    """The build reasons over non-literal link triples; links themselves must be IRIs."""
    _, g = _linked(corpus_statement, GRUENE, 2330, 2333)
    for p in (DOKG.mentions, DOKG.refersTo, DOKG.topic, DOKG.hasMention):
        assert all(not isinstance(o, Literal) for o in g.objects(None, p))


@pytest.fixture(scope="module")
def world() -> Graph:
    g = Graph().parse("ontology/entities.ttl")
    g += reference_graph()
    return g


def _reason(world: Graph, *mentioned: URIRef) -> Graph:
    g = Graph()
    g += world
    for n, thing in enumerate(mentioned):
        g.add((URIRef(f"{S}{n}"), DOKG.mentions, thing))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


def test_inferred_concerns_follow_operators_ownership_and_part_of(world: Graph) -> None:
    g = _reason(
        world,
        iri.transit_line("u41"),
        iri.actor("flughafen-dortmund"),
        iri.place("phoenix-see"),
        iri.transit_line("s4"),
        iri.service("vrr-tarif"),
        iri.service("deutschlandticket-sozial"),
    )
    u41, airport, see, s4, tariff, ticket = (URIRef(f"{S}{n}") for n in range(6))
    dsw21 = iri.actor("dsw21")
    assert (u41, DOKG.concernsIndirectly, dsw21) in g
    assert (u41, DOKG.mentions, dsw21) not in g
    assert (u41, DOKG.concerns, dsw21) in g
    assert (airport, DOKG.concernsIndirectly, dsw21) not in g  # a subsidiary's business
    assert (airport, DOKG.concernsGroup, dsw21) in g
    assert (airport, DOKG.concerns, dsw21) in g
    assert (see, DOKG.concernsIndirectly, iri.place("stadtbezirk-hoerde")) in g
    assert (see, DOKG.concernsIndirectly, iri.place("dortmund")) in g
    assert (ticket, DOKG.concernsIndirectly, dsw21) in g  # sold and honoured by DSW21
    assert (ticket, DOKG.concernsIndirectly, iri.actor("vrr")) in g
    for not_dsw21 in (s4, tariff):
        assert (not_dsw21, DOKG.concerns, dsw21) not in g
        assert (not_dsw21, DOKG.concernsIndirectly, iri.actor("vrr")) in g


def test_a_subsidiarys_operations_reach_the_parent_only_as_its_group(world: Graph) -> None:
    g = _reason(world, iri.service("fernwaerme-dortmund"), iri.actor("dopark"))
    heating, dopark = (URIRef(f"{S}{n}") for n in range(2))
    assert (heating, DOKG.concernsIndirectly, iri.actor("dew21")) in g
    assert (heating, DOKG.concernsIndirectly, iri.actor("dsw21")) not in g
    assert (heating, DOKG.concernsGroup, iri.actor("dsw21")) in g
    for parent in ("flughafen-dortmund", "dsw21"):
        assert (dopark, DOKG.concernsGroup, iri.actor(parent)) in g
        assert (dopark, DOKG.concernsIndirectly, iri.actor(parent)) not in g


def test_ontology_and_reference_data_are_consistent_under_owl_rl(world: Graph) -> None:
    g = _reason(world, iri.transit_line("u41"))
    errors = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
    assert list(g.objects(None, errors)) == []


@pytest.mark.parametrize(
    ("printed", "slug"),
    [
        ("Fraktion B90/DIE GRÜNEN", "gruene-fraktion-dortmund"),
        ("Kreisverband B90/Die GRÜNEN", "gruene-dortmund"),
        ("CDU-Ratsfraktion", "cdu-fraktion-dortmund"),
        ("Kreisverband CDU", "cdu-dortmund"),
        (
            "CDU-Ratsfraktion und\nkommissarischer Vorsitzender\ndes Kreisverbandes CDU",
            "cdu-fraktion-dortmund",
        ),
        ("DOS", "dos"),
        ("Stadt Dortmund", "stadt-dortmund"),
    ],
)
def test_signature_organisations_resolve_to_actors(printed: str, slug: str) -> None:
    assert resolve_actor(printed) == iri.actor(slug)


def test_a_double_role_resolves_to_both_organisations_in_order() -> None:
    assert resolve_actors(
        "CDU-Ratsfraktion und kommissarischer Vorsitzender des Kreisverbandes CDU"
    ) == [iri.actor("cdu-fraktion-dortmund"), iri.actor("cdu-dortmund")]


@pytest.mark.parametrize("printed", ["", "   ", "Verein der Freunde des Gartenbaus"])
def test_unknown_organisations_resolve_to_none(printed: str) -> None:
    assert resolve_actor(printed) is None


def test_a_context_statement_without_topic_words_gets_no_fallback_topic() -> None:
    statement = _adhoc("Einleitung:", modality=Modality.STATEMENT)
    assert [t for t in link(S, statement, "x") if t[1] == DOKG.topic] == []
    pledge = _adhoc("Einleitung:", modality=Modality.COMMITMENT)
    assert [t[2] for t in link(S, pledge, "x") if t[1] == DOKG.topic] == [
        iri.topic("general-local-policy")
    ]


def _adhoc(text: str, *, modality: Modality = Modality.COMMITMENT) -> Statement:
    source = SourceText.from_string(text + "\n")
    return Statement(
        ordinal=1,
        kind="sentence",
        section_key=None,
        section_path=(),
        verbatim=text,
        normalised=text,
        span=source.span(0, len(text)),
        modality=modality,
        testability=Testability.ASPIRATIONAL,
    )


def test_an_institution_is_a_place_where_the_text_speaks_of_its_site(
    corpus_statement: Make,
) -> None:
    # "die Anbindung der Universität … an den ÖPNV verbessern" (guideline §6)
    _, g = _linked(corpus_statement, GRUENE, 1688, 1690)
    assert (S, DOKG.mentions, iri.actor("tu-dortmund")) in g
    assert (S, DOKG.mentions, iri.place("campus-tu")) in g
    # "Die Technische Universität, die Fachhochschule … prägen die Stadt": actors, no place
    _, g = _linked(corpus_statement, GRUENE, 1663, 1664)
    assert (S, DOKG.mentions, iri.actor("tu-dortmund")) in g
    assert (S, DOKG.mentions, iri.place("campus-tu")) not in g
    assert (S, DOKG.mentions, iri.place("fachhochschule-dortmund")) not in g


def test_the_mention_of_a_site_refers_to_company_and_place(corpus_statement: Make) -> None:
    _, g = _linked(
        corpus_statement, GRUENE, 579, 580
    )  # "gegen den Ausbau des Dortmunder Flughafens"
    (mention,) = [
        m for m in g.objects(S, DOKG.hasMention) if "Flughafen" in str(g.value(m, DOKG.surfaceForm))
    ]
    assert set(g.objects(mention, DOKG.refersTo)) == {
        iri.actor("flughafen-dortmund"),
        iri.place("flughafen-dortmund"),
    }


def test_a_company_written_as_the_legal_entity_names_no_site(corpus_statement: Make) -> None:
    _, g = _linked(
        corpus_statement, GRUENE, 2133, 2135
    )  # "der Flughafengesellschaft an der DoPark"
    assert (S, DOKG.mentions, iri.actor("flughafen-dortmund")) in g
    assert (S, DOKG.mentions, iri.place("flughafen-dortmund")) not in g


def test_a_building_complex_and_a_route_are_always_places(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 2432, 2433)  # "der Radschnellweg Ruhr (RS1)"
    assert (S, DOKG.mentions, iri.project("radschnellweg-rs1")) in g
    assert (S, DOKG.mentions, iri.place("radschnellweg-ruhr")) in g


def test_a_neighbouring_town_is_no_place_mention(corpus_statement: Make) -> None:
    _, g = _linked(corpus_statement, GRUENE, 3008, 3009)  # "siedeln sich … in Holzwickede an"
    assert (S, DOKG.mentions, iri.place("holzwickede")) not in g


@pytest.mark.parametrize(
    ("text", "slug"),
    [  # the spellings annotation guideline §4 lists as naming a company, OCR damage included
        ("mit der Stadtentwicklungsgesellschaft bauen", "dsg"),
        ("die D0GEWO soll", "dogewo21"),
        ("Busse der DSW2l", "dsw21"),
        ("die Dortmunder Hafen AG", "dortmunder-hafen"),
        ("die H-Bahn-Gesellschaft", "h-bahn21"),
        ("in den städtischen Kliniken", "klinikum-dortmund"),
    ],
)
def test_guideline_spellings_name_the_company(text: str, slug: str) -> None:
    from mappings.link.lexicon import find_mentions

    assert iri.actor(slug) in {hit.entry.entity for hit in find_mentions(text)}
