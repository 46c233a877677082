"""The README tells the truth: its console examples are what a real run prints, and its other
kg commands use options the command line has. ``make readme`` rewrites the outputs."""

from __future__ import annotations

from tests import readme


def test_the_readme_console_examples_are_a_real_run():
    text = readme.README.read_text(encoding="utf-8")
    assert sum(b.run for b in readme.blocks(text.split("\n"))) >= 7
    fresh = readme.regenerate(text)
    # only a build's seconds differ from run to run
    assert readme.masked(fresh.split("\n")) == readme.masked(text.split("\n")), \
        "the README drifted from a real run: `make readme` rewrites it"


def test_the_readme_kg_commands_use_real_options():
    assert readme.unknown_options(readme.README.read_text(encoding="utf-8")) == []
    stale = "```console\n$ kg build news/ --parallel 4\n$ kg stats --store x\n```"
    assert len(readme.unknown_options(stale)) == 1


def test_an_example_that_fails_is_an_error(tmp_path):
    block = readme.blocks(["<!-- run -->", "```console", "$ kg stats --store nowhere", "```"])
    assert block[0].run
    try:
        readme.run_block(block[0], tmp_path)
    except RuntimeError as err:
        assert "kg stats --store nowhere" in str(err)
    else:
        raise AssertionError("a failing README command went unnoticed")
