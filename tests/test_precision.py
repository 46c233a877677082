"""The arithmetic of benchmarks/judged/precision.py on a tiny invented judged set."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "judged" / "precision.py"
spec = importlib.util.spec_from_file_location("precision", SCRIPT)
precision = importlib.util.module_from_spec(spec)
sys.modules["precision"] = precision   # its dataclasses look their module up
spec.loader.exec_module(precision)

HEADER = ("key\tsource\tsubject\trelation\tobject\tasserted\tmodality\trule\tconfidence\t"
          "sentence\tverdict\terror_class\tcoreference\targuments\n")
ROWS = [
    # key source subject relation object asserted modality rule confidence sentence verdict class
    ("k1", "alpha", "Vexa", "worksFor", "Quillon", "yes", "asserted", "named-employer", "0.9",
     "Ada Vexa works for Quillon.", "right", "", "", "entity-entity"),
    ("k2", "alpha", "Quillon", "buy", "Zeno", "yes", "asserted", "verb", "0.9",
     "Quillon will buy Zeno.", "wrong", "modality", "", "entity-entity"),
    ("k3", "beta", "Zeno", "locatedIn", "Tarsk", "yes", "asserted", "place-of", "0.7",
     "Zeno of Tarsk.", "right", "", '"it" = Zeno (the story\'s focus)', "entity-entity"),
    ("k4", "beta", "Zeno", "make", "radios", "yes", "asserted", "verb", "0.6",
     "The firm makes radios.", "right", "", '"The firm" = Zeno (the latest named)',
     "entity-concept"),
    ("k5", "beta", "Zeno", "sell", "Vexa", "no", "proposed", "verb", "0.5",
     "Zeno may sell Vexa.", "right", "", "", "entity-entity"),
    ("k6", "beta", "Tarsk", "owns", "Zeno", "yes", "asserted", "owner", "0.8",
     "Tarsk holds 8 % of Zeno.", "", "", "", "entity-entity"),
]


@pytest.fixture
def rows(tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / "judged.tsv"
    path.write_text(HEADER + "".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    return precision.read([path])


def test_wilson_interval_matches_the_formula() -> None:
    low, high = precision.wilson(8, 10)
    # the Wilson interval of 8/10 at z=1.96, worked by hand
    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)
    assert precision.wilson(0, 0) == (0.0, 1.0)
    low, high = precision.wilson(5, 5)
    assert high == 1.0 and math.isclose(low, 0.5655, abs_tol=1e-4)


def test_only_judged_asserted_records_are_scored(rows: list[dict[str, str]]) -> None:
    scored = [r for r in precision.judged(rows) if r["asserted"] == "yes"]
    overall = precision.tally(scored, lambda r: "all")["all"]
    assert (overall.n, overall.right) == (4, 3)   # k5 is a candidate, k6 has no verdict
    assert overall.mean_confidence == pytest.approx((0.9 + 0.9 + 0.7 + 0.6) / 4)


def test_groups_by_source_relation_kind_and_arguments_found(rows: list[dict[str, str]]) -> None:
    scored = [r for r in precision.judged(rows) if r["asserted"] == "yes"]
    curated = frozenset({"worksFor", "locatedIn", "owns"})
    by_kind = precision.tally(scored, lambda r: precision.relation_kind(r["relation"], curated))
    assert {k: (t.n, t.right) for k, t in by_kind.items()} == {
        "worksFor": (1, 1), "rel:*": (2, 1), "locatedIn": (1, 1)}
    by_found = precision.tally(scored, precision.found)
    assert {k: (t.n, t.right) for k, t in by_found.items()} == {
        "named": (2, 1), "pronoun": (1, 1), "description": (1, 1)}
    by_source = precision.tally(scored, lambda r: r["source"])
    assert by_source["alpha"].precision == 0.5 and by_source["beta"].precision == 1.0


def test_confidence_bands_and_calibration(rows: list[dict[str, str]]) -> None:
    assert precision.band(0.9) == "0.90-0.95"
    assert precision.band(0.97) == "0.95-1.00"
    assert precision.band(0.3) == "0.00-0.50"
    scored = [r for r in precision.judged(rows) if r["asserted"] == "yes"]
    bands = precision.tally(scored, lambda r: precision.band(precision.confidence_of(r)))
    top = bands["0.90-0.95"]
    assert (top.n, top.right, top.mean_confidence) == (2, 1, pytest.approx(0.9))
    line = next(x for x in precision.calibration(bands) if x.startswith("0.90-0.95"))
    assert "-0.400" in line   # observed 0.5 against a mean confidence of 0.9


def test_report_counts_errors_and_candidates(rows: list[dict[str, str]]) -> None:
    lines = precision.report(rows, frozenset({"worksFor", "locatedIn"}))
    assert "Errors of asserted records: modality 1" in lines
    assert "Candidates (not asserted): 1 judged, 1 right" in lines
    assert any(x.startswith("all ") and "0.75" in x for x in lines)


def test_rows_drawn_before_the_coreference_note_count_as_unknown() -> None:
    assert precision.found({"verdict": "right"}) == "unknown"
    assert precision.found({"coreference": "?"}) == "unknown"


def test_trusted_kinds_need_the_floor_and_enough_records(rows: list[dict[str, str]]) -> None:
    scored = [r for r in precision.judged(rows) if r["asserted"] == "yes"]
    lines = precision.trusted(scored, frozenset({"worksFor", "locatedIn"}), floor=0.9, least=1)
    assert "  relation worksFor: 1/1 = 1.00 (>= 0.21)" in lines
    assert not any("rel:*" in x for x in lines)   # 1 of 2 right
    assert precision.trusted(scored, frozenset(), floor=0.9, least=2)[1:] == []


def test_open_relations_are_broken_down_by_argument_kinds(rows: list[dict[str, str]]) -> None:
    lines = precision.report(rows, frozenset({"worksFor", "locatedIn"}))
    start = next(i for i, x in enumerate(lines) if x.startswith("open relation"))
    block = lines[start + 1:lines.index("", start)]
    assert any(x.startswith("entity-entity named") and " 1      0 " in x for x in block)
    assert any(x.startswith("entity-concept description") for x in block)
