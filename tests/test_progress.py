"""Progress of long work: plain lines for logs, a live bar on a terminal, nothing with --quiet."""

from __future__ import annotations

import io
import shlex
import shutil
import subprocess
import sys
import time

import pytest

from kg.pipeline import BuildOptions, build
from kg.progress import Reporter, Step, describe


def test_a_progress_line_says_how_far_how_fast_and_how_long_to_go():
    line = describe(Step("parsing", 1200, 5000, "documents", words=310_000), seconds=100)
    assert line == "parsing 1,200/5,000 documents, 3,100 words/s, ETA 5 min"
    assert describe(Step("loading the model"), seconds=1) == "loading the model"
    assert describe(Step("parsing", 5000, 5000, "documents"), seconds=9) == \
        "parsing 5,000/5,000 documents"


def test_plain_lines_are_few_and_a_phase_shown_is_shown_ending():
    out = io.StringIO()
    with Reporter(out, every=3600) as show:
        for done in range(101):
            show(Step("parsing", done, 100, "documents"))
    assert out.getvalue() == ""  # short work: no line at all
    out = io.StringIO()
    with Reporter(out, every=0.2) as show:
        for done in range(101):
            if done == 50:
                time.sleep(0.3)
            show(Step("parsing", done, 100, "documents"))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("parsing 50/100") and lines[-1].startswith("parsing 100/100")
    assert len(lines) == 2


def test_a_terminal_gets_a_bar_and_quiet_gets_nothing():
    bar = io.StringIO()
    with Reporter(bar, terminal=True) as show:
        show(Step("loading the model"))
        show(Step("parsing", 3, 10, "documents", words=900))
    assert "parsing documents" in bar.getvalue() and "\x1b[" in bar.getvalue()
    quiet = io.StringIO()
    with Reporter(quiet, quiet=True, terminal=True) as show:
        show(Step("parsing", 3, 10, "documents"))
    assert quiet.getvalue() == ""


def test_a_build_reports_each_phase(nlp, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Orla Venn founded Quillmark in Dublin.\n")
    out = io.StringIO()
    with Reporter(out, terminal=False, every=0) as show:
        build([tmp_path / "in"], BuildOptions(store=tmp_path / "s", out=tmp_path / "o", jobs=1),
              nlp=nlp, progress=show)
    lines = out.getvalue().splitlines()
    assert lines[0] == "parsing 0/1 documents"
    assert lines[1].startswith("parsing 1/1 documents, ") and lines[1].endswith(" words/s")
    assert lines[2:4] == ["resolving", "writing the store"]
    assert lines[4].startswith("writing ") and lines[4].endswith("graph.ttl")


@pytest.mark.skipif(shutil.which("script") is None, reason="no script(1) for a terminal")
def test_a_build_and_validation_at_a_terminal_show_a_bar_unless_quiet(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Orla Venn founded Quillmark in Dublin.\n")

    def at_a_terminal(*extra: str) -> str:
        command = shlex.join([sys.executable, "-m", "kg", "build", str(tmp_path / "in"),
                              "--store", str(tmp_path / "s"), "--out", str(tmp_path / "o"),
                              "--jobs", "1", "--fresh", *extra])
        done = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout
        assert "documents  1 (1 parsed" in done.stdout
        return done.stdout

    assert "parsing documents" in at_a_terminal()
    assert "parsing" not in at_a_terminal("--quiet")
    validate = subprocess.run(["script", "-qec", shlex.join([
        sys.executable, "-m", "kg", "validate", "--store", str(tmp_path / "s")]), "/dev/null"],
        capture_output=True, text=True, timeout=300)
    assert "validating" in validate.stdout and "valid:" in validate.stdout


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_moves_within_one_long_document(nlp, tmp_path, monkeypatch, jobs):
    import kg.executors

    monkeypatch.setattr(kg.executors, "CHUNK_CHARS", 300)  # "long": more than 300 characters
    (tmp_path / "in").mkdir()
    story = "\n\n".join(f"Orla Venn{n} founded Quillmark{n} in Dublin in 20{n:02d}."
                        for n in range(30))
    (tmp_path / "in" / "digest.txt").write_text(story)
    steps: list[Step] = []
    build([tmp_path / "in"], BuildOptions(store=tmp_path / "s", out=None, jobs=jobs), nlp=nlp,
          progress=steps.append)
    parsing = [s for s in steps if s.phase == "parsing"]
    within = [s for s in parsing if s.done == 0 and s.words]
    assert len(within) >= 3, parsing  # the one document moves the bar before it is done
    assert [s.words for s in within] == sorted(s.words for s in within)
    assert parsing[-1].done == 1 and parsing[-1].words == parsing[-1].words_total > 0
    assert describe(within[-1], 10).startswith("parsing 0/1 documents, ") and "ETA" in \
        describe(within[-1], 10)
