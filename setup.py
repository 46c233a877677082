"""The optional compiled build: with mypy installed (pyproject.toml asks for it to build kg) and
a C compiler, the extraction rules' modules (``COMPILED``) are compiled by mypyc to C extensions;
without a compiler, or with ``KG_PURE=1`` set, kg installs as pure Python. The ``.py`` files
stay the source: ``kg.compiled`` never imports an extension older than its ``.py``."""

import os
import sys
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent
# the rules: not ``words`` (its tokens keep their attributes in ``__dict__``, which a compiled
# class has none of), ``story`` (its votes, counters of floats) nor ``openie`` (``kg extract``,
# which no build runs)
NOT_COMPILED = {"__init__.py", "words.py", "story.py", "openie.py"}
COMPILED = sorted(f"kg/extract/{p.name}" for p in (HERE / "kg" / "extract").glob("*.py")
                  if p.name not in NOT_COMPILED)


def extensions() -> list:
    if os.environ.get("KG_PURE", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        built = mypycify(COMPILED, opt_level="3", group_name="kg_rules")
    except (Exception, SystemExit) as error:  # a type error in a rule exits mypyc: pure Python
        print(f"kg: not compiled ({error}); installing pure Python", file=sys.stderr)
        return []
    for extension in built:
        extension.optional = True  # no C compiler: the build goes on without it
    return built


setup(ext_modules=extensions())
