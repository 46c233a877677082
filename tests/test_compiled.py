"""The optional compiled build's choice at import (``kg.compiled``): ``KG_PURE`` and the finder
that takes a module's ``.py`` over its compiled extension."""

import importlib.util
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from kg.compiled import _FromSource, extensions, pure


def test_pure_reads_the_variable(monkeypatch):
    monkeypatch.delenv("KG_PURE", raising=False)
    assert not pure()
    monkeypatch.setenv("KG_PURE", "0")
    assert not pure()
    monkeypatch.setenv("KG_PURE", "1")
    assert pure()


def test_finder_takes_the_source_of_the_modules_named(tmp_path):
    source = tmp_path / "quillon_rules.py"
    source.write_text("ANSWER = 42\n", encoding="utf-8")
    finder = _FromSource({"quillon_rules": source})
    spec = finder.find_spec("quillon_rules", None)
    assert spec is not None and spec.origin == str(source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.ANSWER == 42
    assert finder.find_spec("quillon_other", None) is None


def test_kg_pure_imports_every_rule_from_its_source():
    code = ("import kg.compiled, kg.extract.run, kg.extract.names; "
            "print(kg.extract.run.__file__, kg.extract.names.__file__)")
    env = {**os.environ, "KG_PURE": "1"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    assert all(path.endswith(".py") for path in out)


def test_each_extension_has_its_source():
    for name, (extension, source) in extensions().items():
        assert name.startswith("kg.") and source.suffix == ".py"
        assert extension.name.startswith(source.stem + ".")


ROOT = Path(__file__).resolve().parent.parent


def _compiled_sources() -> list[str]:
    """The modules the install compiles, as setup.py reads them from pyproject.toml."""
    return runpy.run_path(str(ROOT / "setup.py"), run_name="kg_setup")["compiled_sources"]()


def test_the_modules_compiled_type_check_as_mypyc_reads_them(tmp_path):
    # a type error makes the install fall back to pure Python, the build slower
    # with nothing said but one line of pip's output: it fails here instead
    pytest.importorskip("mypy")
    sources = _compiled_sources()
    assert "kg/extract/roles.py" in sources and "kg/extract/story.py" not in sources
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file",
                           str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path),
                           *sources], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
