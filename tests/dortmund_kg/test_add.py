"""``dortmund-kg add`` end to end: the README's sequence on a scratch corpus, a PDF made here,
and every refusal. The served corpus and registry are never written (checked byte for byte)."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from dortmund_kg.cli import main
from graph_build import checksums
from graph_build.errors import BuildError
from mappings.forms import parser_for
from mappings.registry import REGISTRY_FILE, load_registry
from mappings.text.source import SourceText

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
FIXTURE = Path(__file__).parent / "data" / "fixture-positionspapier.txt"
FIXTURE_ID = "fixture-positionspapier"


@pytest.fixture(autouse=True)
def served_corpus_untouched() -> Iterator[None]:
    """Whatever a test does, the real registry and corpus stay as they were."""
    before = {p: p.read_bytes() for p in [REGISTRY_FILE, *sorted(CORPUS.iterdir())]}
    yield
    after = {p: p.read_bytes() for p in [REGISTRY_FILE, *sorted(CORPUS.iterdir())]}
    assert after == before


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the corpus and the registry, as the README's first lines make it."""
    (tmp_path / "corpus").mkdir()
    for path in CORPUS.iterdir():
        (tmp_path / "corpus" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "documents.toml").write_bytes(REGISTRY_FILE.read_bytes())
    return tmp_path


def readme_commands() -> str:
    """The shell block of the README's "Adding a document" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a document", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return block


def test_the_readme_sequence_adds_and_builds_the_fixture(tmp_path: Path) -> None:
    block = readme_commands()
    assert "dortmund-kg add" in block and "dortmund-kg build" in block
    env = {k: v for k, v in os.environ.items() if not k.startswith("DORTMUND_KG_")}
    env["SCRATCH"] = str(tmp_path)
    done = subprocess.run(
        ["sh", "-ec", block], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    registered = load_registry(tmp_path / "documents.toml")
    assert [d.id for d in registered] == [d.id for d in load_registry()] + [FIXTURE_ID]
    (info,) = [d for d in registered if d.id == FIXTURE_ID]
    assert info.form == "general" and info.authors == ("rat-der-stadt-dortmund",)
    stored = tmp_path / "corpus" / info.file
    assert stored.read_bytes() == FIXTURE.read_bytes()
    assert f"{info.sha256}  {info.file}" in (tmp_path / "corpus/SHA256SUMS").read_text()
    statements = len(parser_for("general")(SourceText.read(stored), info).statements)
    assert f"{FIXTURE_ID}: {statements} statements" in done.stdout
    dump = (tmp_path / "build" / "dataset.nq").read_text(encoding="utf-8")
    assert f"/graph/document/{FIXTURE_ID}>" in dump


def _pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages show the given lines in Helvetica (WinAnsi: umlauts included)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"50 800 Td"]
        for line in lines:
            raw = line.encode("cp1252")
            raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + raw + b") Tj T*")
        ops.append(b"ET")
        stream = DecodedStreamObject()
        stream.set_data(b"\n".join(ops))
        page[NameObject("/Contents")] = writer._add_object(stream)
        fonts = DictionaryObject({NameObject("/F1"): font_ref})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF_PAGES = [
    [
        "GRÜNFLÄCHEN UND BÄUME",
        "Dortmund braucht mehr Schatten. Dafür werden wir:",
        "• jedes Jahr 300 Bäume pflanzen,",
        "• neue Parks in der Nordstadt anlegen.",
    ],
    ["VERKEHR", "Wir fordern vom Land mehr Busse für die Vororte."],
]


def _add(scratch: Path, path: Path, *extra: str, doc_id: str = "fixture-pdf") -> int:
    return main(
        [
            "add",
            str(path),
            "--id",
            doc_id,
            "--title",
            "TESTFIXTUR: PDF",
            "--author",
            "cdu-fraktion-dortmund,gruene-fraktion-dortmund",
            "--date",
            "2026",
            "--type",
            "CooperationAgreement",
            "--corpus",
            str(scratch / "corpus"),
            "--registry",
            str(scratch / "documents.toml"),
            *extra,
        ]
    )


def test_a_pdf_is_added_as_its_text_with_its_own_checksum_beside(scratch: Path) -> None:
    pdf = scratch / "antrag.pdf"
    pdf.write_bytes(_pdf(PDF_PAGES))
    assert _add(scratch, pdf) == 0
    (info,) = [d for d in load_registry(scratch / "documents.toml") if d.id == "fixture-pdf"]
    assert info.authors == ("cdu-fraktion-dortmund", "gruene-fraktion-dortmund")
    assert info.source_pdf == "fixture-pdf.pdf"
    assert info.source_pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    sums = (scratch / "corpus/SHA256SUMS").read_text()
    assert f"{info.sha256}  fixture-pdf.txt" in sums
    assert f"{info.source_pdf_sha256}  fixture-pdf.pdf" in sums
    text = (scratch / "corpus/fixture-pdf.txt").read_text(encoding="utf-8")
    assert "GRÜNFLÄCHEN UND BÄUME" in text and "Vororte." in text
    doc = parser_for("general")(SourceText.read(scratch / "corpus/fixture-pdf.txt"), info)
    assert [s.title for s in doc.sections] == ["GRÜNFLÄCHEN UND BÄUME", "VERKEHR"]
    assert [s.normalised for s in doc.statements if s.kind in ("bullet", "item")] == [
        "jedes Jahr 300 Bäume pflanzen",
        "neue Parks in der Nordstadt anlegen.",
    ]
    checksums.verify(scratch / "corpus", load_registry(scratch / "documents.toml"))
    pdf_copy = scratch / "corpus/fixture-pdf.pdf"
    pdf_copy.write_bytes(pdf_copy.read_bytes() + b"\n")
    with pytest.raises(BuildError, match="fixture-pdf.pdf: source file changed"):
        checksums.verify(scratch / "corpus", load_registry(scratch / "documents.toml"))


def _refusal(scratch: Path, name: str, content: bytes, *extra: str, doc_id: str) -> None:
    path = scratch / name
    path.write_bytes(content)
    before = _state(scratch)
    assert _add(scratch, path, *extra, doc_id=doc_id) == 2
    assert _state(scratch) == before


def _state(scratch: Path) -> dict[str, bytes]:
    files = [scratch / "documents.toml", *sorted((scratch / "corpus").iterdir())]
    return {p.name: p.read_bytes() for p in files}


GOOD = FIXTURE.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "extra", "doc_id", "message"),
    [
        pytest.param(
            "a.txt",
            GOOD,
            ("--author", "no-such-actor"),
            "x",
            "unknown actor slug",
            id="unknown-author",
        ),
        pytest.param(
            "a.txt", GOOD, ("--type", "Flyer"), "x", "--type 'Flyer': unknown", id="unknown-type"
        ),
        pytest.param("a.txt", GOOD, (), load_registry()[0].id, "already in", id="duplicate-id"),
        pytest.param("a.txt", b"  \n\n", (), "x", "empty", id="empty"),
        pytest.param("a.txt", b"Text\x00\x01\x02", (), "x", "binary", id="binary"),
        pytest.param(
            "a.txt", "Straße".encode("latin-1"), (), "x", "not valid UTF-8", id="not-utf8"
        ),
        pytest.param("a.pdf", b"not a pdf at all", (), "x", "not a PDF", id="fake-pdf"),
        pytest.param("a.doc", GOOD, (), "x", "only .txt", id="other-suffix"),
        pytest.param("a.txt", GOOD, ("--date", "2026-13-01"), "x", "--date", id="bad-date"),
        pytest.param("a.txt", GOOD, ("--form", "nonsense"), "x", "--form", id="unknown-form"),
        pytest.param("a.txt", GOOD, (), "Bad Id", "--id", id="bad-id"),
    ],
)
def test_a_bad_document_is_refused_with_exit_2_and_nothing_written(
    scratch: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    extra: tuple[str, ...],
    doc_id: str,
    message: str,
) -> None:
    _refusal(scratch, name, content, *extra, doc_id=doc_id)
    err = capsys.readouterr().err
    assert err.startswith("dortmund-kg add: error: ") and message in err


def test_the_command_is_on_the_console_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dortmund_kg", "add", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--author SLUG[,SLUG]" in done.stdout
