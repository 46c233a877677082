"""The optional compiled build: with mypy installed (pyproject.toml asks for it to build kg) and
a C compiler, the modules ``[tool.kg.compiled]`` of pyproject.toml names (the extraction rules
and the hottest code past them) are compiled by mypyc to C extensions;
without a compiler, or with ``KG_PURE=1`` set, kg installs as pure Python. The ``.py`` files
stay the source: ``kg.compiled`` never imports an extension older than its ``.py``."""

import os
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).parent


def compiled_sources() -> list[str]:
    """The modules ``[tool.kg.compiled]`` of pyproject.toml names, as paths under the repo."""
    table = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))
    chosen = table["tool"]["kg"]["compiled"]
    found = {str(p.relative_to(HERE)) for pattern in chosen["modules"]
             for p in HERE.glob(pattern)}
    return sorted(found - set(chosen["leave_out"]))


def extensions() -> list:
    if os.environ.get("KG_PURE", "") not in ("", "0"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []
    try:
        built = mypycify(compiled_sources(), opt_level="3", group_name="kg_rules")
    except (Exception, SystemExit) as error:  # a type error in a rule exits mypyc: pure Python
        print(f"kg: not compiled ({error}); installing pure Python", file=sys.stderr)
        return []
    for extension in built:
        extension.optional = True  # no C compiler: the build goes on without it
    return built


if __name__ == "__main__":  # as pip's build runs it; tests/test_compiled.py reads the list
    from setuptools import setup

    setup(ext_modules=extensions())
