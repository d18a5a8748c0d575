"""The alignment evaluation: loader errors name file and line; scoring on the session build
counts a found pair, a shown hard negative and a claim as a reader would."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import alignment_eval as ev

DATA = Path(__file__).parent / "data" / "alignment"


def test_sample_annotation_loads() -> None:
    pairs = ev.load_pairs(DATA / "pairs-sample.tsv")
    claims = ev.load_claims(DATA / "progress-sample.tsv")
    assert [p.relation for p in pairs] == ["continues", "none"]
    assert claims[0].period == "2020/2025" and claims[0].reports_on is None


def test_unknown_relation_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "pairs.tsv"
    text = (DATA / "pairs-sample.tsv").read_text(encoding="utf-8").replace("\tnone\n", "\tmaybe\n")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ev.AnnotationError, match=r"pairs\.tsv:3: relation 'maybe'"):
        ev.load_pairs(bad)


def test_missing_column_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "progress.tsv"
    bad.write_text("doc\tline_start\n", encoding="utf-8")
    with pytest.raises(ev.AnnotationError, match="missing column"):
        ev.load_claims(bad)


def test_scores_on_the_build(built_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "alignment-eval"
    code = ev.main(["--annotations", str(DATA), "--build", str(built_dir), "--out", str(out)])
    assert code == 0
    import json

    scores = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert scores["pairs"]["recall_at_10"] == 1.0
    assert scores["pairs"]["type_accuracy"] == 1.0
    assert scores["pairs"]["shown_judged"] == 1  # the hard negative is not shown
    assert scores["claims"]["claim_recall"] == 1.0
    assert scores["claims"]["period_accuracy"] == 1.0
    assert 0 < scores["claims"]["claim_precision"] < 1  # other claims are not in the sample
    assert "| recall at 10 | 1.000 ✓ |" in out.with_suffix(".md").read_text(encoding="utf-8")


def test_no_annotation_exits_2(tmp_path: Path) -> None:
    assert ev.main(["--annotations", str(tmp_path), "--build", str(tmp_path)]) == 2


def test_precision_counts_only_the_annotated_half(built_dir: Path, tmp_path: Path) -> None:
    """The claims gold is split by sections: a claim in the other half is not a false one."""
    import json

    def claims(*extra: str) -> dict[str, float]:
        out = tmp_path / ("eval" + "".join(extra))
        args = ["--annotations", str(DATA), "--build", str(built_dir), "--out", str(out)]
        assert ev.main([*args, *extra]) == 0
        scored: dict[str, float] = json.loads(out.with_suffix(".json").read_text())["claims"]
        return scored

    whole, dev = claims(), claims("--half", "dev")
    assert dev["system_claims"] < whole["system_claims"]
    assert dev["claim_precision"] > whole["claim_precision"]
    assert dev["claim_recall"] == whole["claim_recall"] == 1.0  # the sample claim is in dev
