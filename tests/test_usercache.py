"""What kg derives once and keeps in the user's cache folder (kg.usercache): the language
model unpacked and the gazetteer's index give the same answers from the cache as derived
again, and a missing, damaged or unwritable cache only costs the time to derive them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg import gazetteer as geo
from kg import usercache
from kg.sources import language

# invented texts: German and French news copy without English function words
GERMAN = ("Die Vorstandsvorsitzende der Nordbank, Helga Brandner, hat am Montag in Hamburg "
          "angekündigt, dass das Unternehmen im kommenden Jahr zwei neue Filialen eröffnen "
          "wird. Die Aktionäre reagierten zurückhaltend auf die Nachricht aus dem Norden.")
FRENCH = ("La présidente du groupe Valmont, Chantal Drouet, a annoncé lundi à Lyon que "
          "l'entreprise ouvrira deux nouvelles usines l'année prochaine. Les actionnaires ont "
          "accueilli la nouvelle avec prudence, selon un communiqué publié mardi soir.")
TABLE = "Vexa Systems Qtr net shr 12 cts vs 9 cts net 1,234,000 vs 987,000 revs 9.8 mln " * 4


def _guesses() -> list[tuple[str, float]]:
    model = language._load()
    return [model.classify(text) for text in (GERMAN, FRENCH, TABLE)]


def _index() -> tuple[dict[str, list[tuple[object, ...]]], list[tuple[object, ...]]]:
    geo.index.cache_clear()
    regions, rows = geo.index()
    geo.index.cache_clear()  # the next test's process state is not this test's
    return ({k: [tuple(getattr(f, n) for n in geo.Feature.__slots__) for f in fs]
             for k, fs in regions.items()}, rows)


def _entry(cache: Path, name: str) -> Path:
    """The one entry of ``name`` in ``cache``."""
    [path] = cache.glob(f"{name}-*")
    return path


@pytest.fixture(scope="module")
def derived(tmp_path_factory: pytest.TempPathFactory):
    """The language guesses and the gazetteer's index, derived with an empty cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(usercache.VARIABLE, str(tmp_path_factory.mktemp("first")))
        return _guesses(), _index()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(usercache.VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache" / usercache.FOLDER_NAME


def test_the_cache_is_made_once_and_read_after_with_the_same_answers(derived, cache):
    assert _guesses() == derived[0]
    assert _index() == derived[1]
    made = {p.name: p.stat().st_ino for p in cache.iterdir()}
    assert sorted(n.rsplit("-", 1)[0] for n in made) == sorted([language.CACHE_NAME,
                                                                geo.CACHE_NAME])
    assert _guesses() == derived[0]
    assert _index() == derived[1]
    assert {p.name: p.stat().st_ino for p in cache.iterdir()} == made  # read, not made
    assert derived[0][0][0] == "de" and derived[0][1][0] == "fr"


@pytest.mark.parametrize("damage", ["truncated", "garbled", "empty", "other key"])
def test_a_damaged_entry_is_made_again_with_the_same_answers(derived, cache, damage):
    _guesses(), _index()
    for name in (language.CACHE_NAME, geo.CACHE_NAME):
        path = _entry(cache, name)
        data = path.read_bytes()
        head, _, body = data.partition(b"\n")
        path.write_bytes({"truncated": data[:len(data) // 2],
                          "garbled": head + b"\n" + bytes(reversed(body[:4096])) + body[4096:],
                          "empty": b"",
                          "other key": b"0.0.0 3.0" + b"\n" + body}[damage])
    assert _guesses() == derived[0]
    assert _index() == derived[1]
    # made again whole
    assert _guesses() == derived[0]
    assert _index() == derived[1]
    assert _entry(cache, language.CACHE_NAME).stat().st_size > 1_000_000


def test_a_cache_folder_that_cannot_be_written_keeps_nothing(derived, tmp_path, monkeypatch):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(usercache.VARIABLE, str(blocked))
    assert _guesses() == derived[0]
    assert _index() == derived[1]
    assert blocked.read_text() == "not a folder"


def test_a_read_only_cache_folder_gives_the_same_answers(derived, cache):
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        assert _guesses() == derived[0]
        assert _index() == derived[1]
    finally:
        cache.chmod(0o700)


def test_a_new_source_file_makes_a_new_key(tmp_path):
    source = tmp_path / "data.json"
    source.write_text("[1]")
    before = usercache.key(source, "v1")
    source.write_text("[1, 2]")
    assert usercache.key(source, "v1") != before
    assert usercache.key(source, "v2") != usercache.key(source, "v1")


def test_two_versions_keep_an_entry_each_and_the_last_used_are_kept(cache):
    # two versions of kg on one machine read their own entries, not each other's made again
    usercache.keep("thing", "version one", b"one")
    usercache.keep("thing", "version two", b"two")
    assert bytes(usercache.load("thing", "version one") or b"") == b"one"
    assert bytes(usercache.load("thing", "version two") or b"") == b"two"
    assert usercache.load("thing", "version three") is None
    # an entry of an earlier kg (named without its key's digest) and entries beyond the last
    # few used are removed when a new one is kept (times set: the order of use is certain)
    (cache / "thing").write_bytes(b"version zero\nzero")
    os.utime(usercache.entry("thing", "version one"), (1000, 1000))
    os.utime(usercache.entry("thing", "version two"), (2000, 2000))
    made = [f"version {n}" for n in range(10, 10 + usercache.KEPT + 1)]
    for n, key in enumerate(made):
        usercache.keep("thing", key, b"new")
        os.utime(usercache.entry("thing", key), (3000 + n, 3000 + n))
    names = {p.name for p in cache.iterdir()}
    assert names == {usercache.entry("thing", key).name for key in made[-usercache.KEPT:]}
