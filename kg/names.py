"""Names: the normalised key under which two names are the same entity, and the tests
for short, misspelt and abbreviated forms."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from kg.ontology import shipped_vocabulary

# Words that end names without changing who is meant ("Acme Corp" is "Acme", "Tom Reed Jr" is
# Tom Reed), and titles before a person's name, as the shipped ontology lists them: a name's
# key must not depend on the options of one build, or stored keys would disagree.
_VOCABULARY = shipped_vocabulary()
CORPORATE_SUFFIXES = frozenset(w for w, c in _VOCABULARY.name_suffixes.items()
                               if c == "Organization")
PERSON_SUFFIXES = frozenset(w for w, c in _VOCABULARY.name_suffixes.items() if c == "Person")
# legal forms of one country's law ("sa", "ag"): "Vexa SA" and "Vexa Corp" are two companies
COUNTRY_SUFFIXES = _VOCABULARY.country_suffixes
# "international": a suffix that widens a firm's scope, which the initials may leave out ("CA"
# of "Computer Associates International") but the key keeps ("Vexa International" is not
# "Vexa Inc."): the suffixes a key drops are the others
KEY_SUFFIXES = CORPORATE_SUFFIXES - _VOCABULARY.scope_words
HONORIFICS = frozenset(_VOCABULARY.honorifics)
# A nationality's word ("american") is no key of a firm on its own: "American Holdings Group"
# keys as "american holdings", not as every story's bare "American".
DEMONYMS = frozenset(_VOCABULARY.demonyms)
ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"[\w\-]+")


def _words(name: str) -> list[str]:
    text = name.lower().replace("’", "'").replace("'s", "").replace(".", "")
    words = _WORD.findall(text)
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return words


# The names of one place ("U.S.", "USA", "America") share the key of its usual name. A name of
# up to three letters is that place only as listed, dots aside ("US", "U.S.", not "Us"; "Va.",
# not "VA").
PLACE_KEYS = {" ".join(_words(name)): " ".join(_words(usual))
              for name, usual in _VOCABULARY.place_names.items()
              if sum(c.isalpha() for c in name) > 3}
_SHORT_PLACES = {name: " ".join(_words(usual)) for name, usual in
                 _VOCABULARY.place_names.items() if sum(c.isalpha() for c in name) <= 3}
_ARTICLE = re.compile(r"^(the|The|THE)\s+")
PLACE_LABELS = {" ".join(_words(usual)): usual for usual in _VOCABULARY.place_names.values()}


# Resolution asks for the key of the same few thousand names again and again (every cluster,
# mention, alias and statement argument): remember the most recent ones.
@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The normalised form under which names are the same entity.

    >>> name_key("The Wall Street Journal"), name_key("Meta Platforms, Inc."), name_key("NVIDIA")
    ('wall street journal', 'meta', 'nvidia')
    >>> name_key("Co Inc"), name_key("Acme Oil Co N.L."), name_key("Tom Reed Jr")
    ('', 'acme oil', 'tom reed jr')
    >>> name_key("International Plc"), name_key("Vexa International Inc.")
    ('', 'vexa international')
    >>> name_key("American Holdings Group Ltd"), name_key("American")
    ('american holdings', 'american')
    >>> name_key("the U.S."), name_key("USA"), name_key("US Steel"), name_key("Va."), name_key("VA")
    ('united states', 'united states', 'us steel', 'virginia', 'va')
    """
    words = _words(name)
    joined = " ".join(words)
    if joined in PLACE_KEYS:
        return PLACE_KEYS[joined]
    written = _ARTICLE.sub("", name.strip())
    place = _SHORT_PLACES.get(written) or _SHORT_PLACES.get(written.replace(".", ""))
    if place:
        return place
    if all(w in CORPORATE_SUFFIXES for w in words):
        return ""  # "Co Inc", "International Plc" left over from a wire line break: nothing
    while len(words) > 1 and words[-1] in KEY_SUFFIXES and \
            not (len(words) == 2 and words[0] in DEMONYMS):
        words = words[:-1]
    return " ".join(words)


def close(a: str, b: str, swaps: bool = False) -> bool:
    """Spelling variants of one long word: edit distance 1 ("Doombouya"/"Doumbouya"), and
    with ``swaps`` two neighbouring letters exchanged ("Talbtos"/"Talbots").

    >>> close("doombouya", "doumbouya"), close("talbtos", "talbots", swaps=True)
    (True, True)
    >>> close("talbtos", "talbots"), close("llama", "lama")
    (False, False)
    """
    if a == b or min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(differ) == 1 or (swaps and len(differ) == 2 and differ[1] == differ[0] + 1
                                     and a[differ[0]] == b[differ[1]]
                                     and a[differ[1]] == b[differ[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def surname(key: str) -> str:
    """The family name of a person's key: its last word before "Jr", "III"...

    >>> surname("tom reed jr"), surname("ana ruiz-vega")
    ('reed', 'ruiz-vega')
    """
    words = key.split()
    while len(words) > 1 and words[-1] in PERSON_SUFFIXES:
        words = words[:-1]
    return words[-1] if words else ""


def shortens(short: str, long: str) -> bool:
    """"Times" shortens "New York Times"; "Meta" does not shorten "Meta Platforms" (only a
    corporate suffix differs, and the short form is the usual name)."""
    a, b = name_key(short).split(), name_key(long).split()
    if len(a) >= len(b) or not a:
        return False
    extra = b[len(a):] if b[:len(a)] == a else b[:-len(a)] if b[-len(a):] == a else None
    return extra is not None and not all(w in KEY_SUFFIXES for w in extra)



def legal_name(name: str) -> bool:
    """Whether a name is written with its legal suffix ("Vexa Inc.", "Orbis S.A.")."""
    words = name.split()
    return len(words) > 1 and words[-1].lower().replace(".", "") in CORPORATE_SUFFIXES


def legal_form(name: str) -> str | None:
    """The legal form a name is written with: None without a legal suffix, "" with one of no
    one country ("Corp", "Ltd"), else the country's suffix ("Vexa S.A." → "sa").

    >>> legal_form("Vexa"), legal_form("Vexa Corp."), legal_form("Vexa S.A.")
    (None, '', 'sa')
    """
    words = name.split()
    last = words[-1].lower().replace(".", "") if len(words) > 1 else ""
    if last not in CORPORATE_SUFFIXES:
        return None
    return last if last in COUNTRY_SUFFIXES else ""


def initials(name: str) -> set[str]:
    """"Securities and Exchange Commission" → {"SEC"} (function words left out); a legal
    suffix may or may not count: "Vexa Business Machines Corp" → {"VBMC", "VBM"}."""
    words = [w for w in name.split() if w[:1].isupper()]
    found = {"".join(w[0] for w in words)}
    while len(words) > 1 and words[-1].lower().replace(".", "") in CORPORATE_SUFFIXES:
        words = words[:-1]
        found.add("".join(w[0] for w in words))
    return found


def titled(key: str, titles: Collection[str]) -> bool:
    """"hurricane vexa": an event's title and the one word of the name it is named after."""
    first = key.rpartition(" ")[0]
    return bool(first) and first in titles



def is_region(text: str) -> bool:
    """Whether what follows a place's name and a comma is the region it is in: one or two
    capitalised words ("Del.", "New Hampshire")."""
    return 0 < len(text.split()) <= 2 and text[:1].isupper()
