"""The named-query catalog: headers, parameter validation and binding, expected rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.engine.backends import OxigraphBackend
from api.engine.named_queries import (
    QUERIES_DIR,
    CatalogError,
    ParameterError,
    load_catalog,
    load_query,
    run,
)

QUERY_FILES = sorted(QUERIES_DIR.glob("*.rq"))
ID = "https://w3id.org/dortmund-kg/id/"


def test_the_queries_directory_is_not_empty() -> None:
    assert QUERY_FILES


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in QUERY_FILES])
def test_every_query_file_has_a_valid_header(path: Path) -> None:
    query = load_query(path)
    assert query.summary and query.summary != query.name
    assert "PREFIX" in query.text or "prefix" in query.text


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in QUERY_FILES])
def test_every_query_runs_with_its_examples(path: Path, fixture_backend: OxigraphBackend) -> None:
    query = load_query(path)
    values = {p.name: p.example for p in query.params if p.example and p.required}
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        pytest.skip(f"required parameters without example: {missing}")
    result = run(query, fixture_backend, values)
    assert set(result.columns) <= set(result.result.variables) | set(query.columns)


def test_header_with_unknown_type_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad-query.rq"
    bad.write_text("#+ summary: x\n#+ params:\n#+   a:\n#+     type: float\nSELECT * {}\n")
    with pytest.raises(CatalogError, match="bad-query.rq.*unknown type"):
        load_query(bad)


def test_missing_required_parameter_is_named() -> None:
    with pytest.raises(ParameterError, match="'q': is required"):
        load_catalog()["search"].bind({})


@pytest.mark.parametrize(
    ("name", "values", "message"),
    [
        ("search", {"q": "x", "modality": "promise"}, "not one of"),
        ("search", {"q": "x", "author": "<http://evil>"}, "expected a actor slug"),
        ("search", {"q": "x", "colour": "red"}, "unknown parameter"),
        ("document-outline", {"document": "a b"}, "slug"),
    ],
)
def test_bad_values_are_refused_naming_the_parameter(
    name: str, values: dict[str, str], message: str
) -> None:
    with pytest.raises(ParameterError, match=message):
        load_catalog()[name].bind(values)


def test_string_parameter_cannot_inject_sparql(fixture_backend: OxigraphBackend) -> None:
    """A value is bound as a literal, so quotes and braces are just characters to look for."""
    result = run(load_catalog()["search"], fixture_backend, {"q": '" } ; DROP ALL ; { "'})
    assert result.result.rows == []


def test_search_ignores_case_and_umlaut_spelling(fixture_backend: OxigraphBackend) -> None:
    search = load_catalog()["search"]
    for q in ("Oepnv", "ÖPNV", "öpnv"):
        rows = run(search, fixture_backend, {"q": q}).to_json()["rows"]
        assert {r["pledge"].rsplit("/", 1)[-1] for r in rows} == {"a00000000001", "b00000000002"}


def test_search_by_author_and_modality(fixture_backend: OxigraphBackend) -> None:
    rows = run(
        load_catalog()["search"], fixture_backend, {"q": "strasse", "modality": "demand"}
    ).to_json()["rows"]
    assert [(r["authorLabel"], r["lineStart"]) for r in rows] == [
        ("CDU-Fraktion im Rat der Stadt Dortmund", 15),
        ("Fraktion BÜNDNIS 90/DIE GRÜNEN im Rat der Stadt Dortmund", 15),
    ]


def test_document_outline_lists_sections_in_order(fixture_backend: OxigraphBackend) -> None:
    rows = run(
        load_catalog()["document-outline"],
        fixture_backend,
        {"document": "2021-gruene-cdu-leitlinien"},
    ).to_json()["rows"]
    assert [(r["title"], r.get("number"), r["pledges"]) for r in rows] == [
        ("Mobilität und Infrastruktur", "3", 0),
        ("Ziel 18", "18", 2),
    ]
    assert rows[1]["parent"] == rows[0]["section"]


def test_compare_parties_on_dsw21_counts_named_and_inferred(
    fixture_backend: OxigraphBackend,
) -> None:
    rows = run(load_catalog()["compare-parties"], fixture_backend, {"actor": "dsw21"}).to_json()[
        "rows"
    ]
    table = {
        (r["author"].rsplit("/", 1)[-1], r["modality"].rsplit("/", 1)[-1]): r["pledges"]
        for r in rows
    }
    assert table == {
        ("cdu-fraktion-dortmund", "commitment"): 1,
        ("cdu-fraktion-dortmund", "demand"): 1,
        ("gruene-fraktion-dortmund", "commitment"): 1,
        ("gruene-fraktion-dortmund", "demand"): 1,
        ("spd-dortmund", "opposition"): 1,
    }


def test_compare_parties_on_a_topic(fixture_backend: OxigraphBackend) -> None:
    rows = run(load_catalog()["compare-parties"], fixture_backend, {"topic": "wohnen"}).to_json()[
        "rows"
    ]
    assert [(r["authorLabel"], r["pledges"]) for r in rows] == [("SPD Dortmund", 1)]


def test_named_query_route_answers_json_and_csv(client: TestClient) -> None:
    body = client.get("/queries/search", params={"q": "Oepnv"}).json()
    assert body["columns"][0] == "pledge" and len(body["rows"]) == 3
    csv = client.get("/queries/search", params={"q": "Oepnv"}, headers={"Accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("pledge,document,author")
    assert len(csv.text.splitlines()) == 4


def test_named_query_route_400_names_the_parameter(client: TestClient) -> None:
    response = client.get("/queries/compare-parties", params={"actor": "DSW 21"})
    assert response.status_code == 400
    assert response.json()["parameter"] == "actor"


def test_every_named_query_is_a_typed_openapi_operation(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = {op["operationId"]: op for path in spec["paths"].values() for op in path.values()}
    for name, query in load_catalog().items():
        op = operations[name]
        declared = {p["name"]: p for p in op["parameters"]}
        for param in query.params:
            assert declared[param.name]["required"] == param.required
        if "modality" in declared and name == "search":
            assert declared["modality"]["schema"]["enum"][0] == "commitment"


def test_queries_lists_the_catalog(client: TestClient) -> None:
    names = [q["name"] for q in client.get("/queries").json()]
    assert names == sorted(load_catalog())


def test_named_query_route_respects_the_response_size_cap(
    fixture_backend: OxigraphBackend,
) -> None:
    from api.settings import Settings
    from api.web.server import create_app
    from tests.api.conftest import DATA

    settings = Settings(build_dir=DATA, workers=0, rate_limit=0, max_response_bytes=600)
    client = TestClient(create_app(settings, backend=fixture_backend))
    full = TestClient(create_app(Settings(build_dir=DATA, workers=0), backend=fixture_backend))
    path = "/queries/search?q=Oepnv"
    assert len(full.get(path).content) > 600, "the fixture answer must exceed the cap"
    response = client.get(path)
    assert response.status_code == 200 and len(response.content) <= 600
    assert response.headers["x-result-truncated"] == "true; response size limit 600 bytes"
    assert response.json()["truncated"] is True


def test_an_iri_parameter_with_a_forbidden_code_point_is_a_400_naming_it(
    client: TestClient,
) -> None:
    response = client.get("/actors/%EF%80%80")  # U+F000: private use, no IRI may hold it
    assert response.status_code == 400
    from api.engine.named_queries import Param

    with pytest.raises(ParameterError):
        Param("resource", "iri").bind("https://w3id.org/dortmund-kg/id/actor/\uf000")


def test_a_parameter_given_twice_is_refused(client: TestClient) -> None:
    """Issue 10: ``?q=a&q=b`` was answered for ``b`` alone, silently."""
    response = client.get("/queries/search?q=Oepnv&q=Stadtbahn")
    assert response.status_code == 400
    assert response.json()["parameter"] == "q"
