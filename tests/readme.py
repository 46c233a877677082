"""The README's console examples, run for real.

A ```console block right after a ``<!-- run -->`` line is run command by command (``$ kg ...``,
continuation lines included) in a scratch copy of ``seeds/`` and ``examples/``, in order, and
its output is what those commands print. Where the README shows only the start of an output
(a line ``...`` after it), the same number of lines is kept. The ``seconds`` line of a build
summary is the one line that differs from run to run.

    python tests/readme.py            # exit 1 and show the difference if the README drifted
    python tests/readme.py --update   # rewrite the README's outputs from a real run

Other console blocks show commands that need what a test does not have (a server, a cluster,
a corpus): their ``kg`` commands are parsed by the real command line, so a renamed option
shows.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = "<!-- run -->"
ELIDED = "..."
_SECONDS = re.compile(r"^(seconds\s+)\d+(\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Command:
    text: str  # as the README shows it, continuation lines included
    output: tuple[str, ...]
    elision: str  # the line "..." after the first lines of its output, or "" if it is whole
    blank: int = 0  # blank lines after it


@dataclass(frozen=True, slots=True)
class Block:
    first: int  # the index of the block's first line in the README (after ```console)
    last: int  # the index of its closing ```
    run: bool
    commands: tuple[Command, ...]


def _complete(text: str) -> bool:
    try:
        shlex.split(text)
    except ValueError:
        return False
    return True


def blocks(lines: list[str]) -> list[Block]:
    found = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        run = i > 0 and lines[i - 1].strip() == MARKER
        first = i + 1
        last = next(j for j in range(first, len(lines)) if lines[j].strip() == "```")
        commands: list[Command] = []
        j = first
        while j < last:
            if not lines[j].startswith("$ "):
                j += 1
                continue
            text = lines[j][2:]
            j += 1
            while not _complete(text) and j < last:
                text += "\n" + lines[j]
                j += 1
            output = []
            while j < last and not lines[j].startswith("$ "):
                output.append(lines[j])
                j += 1
            blank = 0  # blank lines that set the next command apart
            while output and not output[-1].strip():
                output.pop()
                blank += 1
            elision = output.pop() if output and output[-1].strip() == ELIDED else ""
            commands.append(Command(text, tuple(output), elision, blank))
        found.append(Block(first, last, run, tuple(commands)))
        i = last + 1
    return found


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update(COLUMNS="100", LINES="50", TERM="dumb", NO_COLOR="1")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_block(block: Block, workdir: Path) -> list[str]:
    """The block's lines as a real run prints them."""
    lines = []
    for command in block.commands:
        done = subprocess.run(["bash", "-c", command.text], cwd=workdir, env=_environment(),
                              capture_output=True, text=True, timeout=600)
        if done.returncode not in (0, 3):  # 3: an ASK that answered false
            raise RuntimeError(f"README command failed ({done.returncode}): {command.text}\n"
                               f"{done.stderr}")
        output = done.stdout.rstrip("\n").split("\n") if done.stdout.strip() else []
        if command.elision:
            output = [*output[:len(command.output)], command.elision]
        lines += ["$ " + command.text, *output, *[""] * command.blank]
    return lines


def masked(lines: list[str]) -> list[str]:
    return [_SECONDS.sub(r"\1…", line) for line in lines]


def regenerate(text: str) -> str:
    """The README with the output of every ``<!-- run -->`` block from a real run (the blocks
    run in order and share one scratch folder, so a build feeds the queries after it)."""
    lines = text.split("\n")
    found = [b for b in blocks(lines) if b.run]
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        for folder in ("seeds", "examples"):
            shutil.copytree(ROOT / folder, workdir / folder)
        outputs = [run_block(b, workdir) for b in found]
    for block, output in reversed(list(zip(found, outputs, strict=True))):
        lines[block.first:block.last] = output
    return "\n".join(lines)


def unknown_options(text: str) -> list[str]:
    """Commands of the README's other console blocks that kg's command line refuses."""
    import click

    from kg.cli import cli

    refused = []
    for block in blocks(text.split("\n")):
        if block.run:
            continue
        for command in block.commands:
            words = shlex.split(command.text, comments=True)
            if len(words) < 2 or words[0] != "kg" or words[1] not in cli.commands:
                continue
            try:
                cli.commands[words[1]].make_context(words[1], [w for w in words[2:] if w != "&"])
            except click.exceptions.NoSuchOption as err:
                refused.append(f"{command.text}: {err.format_message()}")
            except click.exceptions.UsageError:
                pass  # a path that exists only where the example is run
    return refused


def main() -> int:
    text = README.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if "--update" in sys.argv:
        README.write_text(fresh, encoding="utf-8")
        return 0
    drift = list(difflib.unified_diff(masked(text.split("\n")), masked(fresh.split("\n")),
                                      "README.md", "a real run", lineterm=""))
    print("\n".join(drift))
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
