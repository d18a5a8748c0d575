"""The document page is rendered and gzipped once per build (the marks: test_built_graph)."""

from __future__ import annotations

from fastapi.testclient import TestClient

PAGE = "/id/document/2021-gruene-cdu-leitlinien"


def test_document_page_is_gzipped_for_clients_that_accept_it(client: TestClient) -> None:
    packed = client.get(PAGE, headers={"Accept": "text/html", "Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["vary"]
    plain = client.get(PAGE, headers={"Accept": "text/html", "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == packed.text
