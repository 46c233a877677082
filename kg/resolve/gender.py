"""A person's gender as a story tells it, so that "she" refers to no man and "he" to no
woman.

The story tells it by a title or a noun it gives the person ("Mrs Ruiz", "Ruiz, a
spokeswoman", "Queen Ana": ``kg:femaleWord`` and ``kg:maleWord`` in the ontology), else by
the given name of a full name ("Ana Ruiz"), from the first names of the 1990 US census that
the ``names`` package ships: a name counts only when one sex bears it far more often than
the other ("Jordan" and "Kim" tell nothing). Evidence that disagrees tells nothing either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

FEMALE, MALE = "female", "male"
PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
            "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
# a given name tells a sex when the census counts it this many times as often for one
# ("Maria", "John"; not "Jordan", "Kelly", "Jean")
GIVEN_DOMINANCE = 20.0


def _census(path: Path) -> dict[str, float]:
    """A census file's names and their share of the population of its sex (in percent)."""
    shares: dict[str, float] = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            shares[parts[0].lower()] = float(parts[1])
    return shares


@cache
def given_names() -> dict[str, str]:
    """Given names that tell a sex, lower-cased; empty when the package is missing."""
    try:
        import names
    except ImportError:
        return {}
    folder = Path(names.__file__).parent
    male = _census(folder / "dist.male.first")
    female = _census(folder / "dist.female.first")
    told = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= GIVEN_DOMINANCE * f:
            told[name] = MALE
        elif f >= GIVEN_DOMINANCE * m:
            told[name] = FEMALE
    return told


# a given name common enough to tell a person's full name from a product's ("Chris", "Dana":
# at least 1 in 10,000 of either sex bears it; not "Lincoln", "Alexa", "Echo")
COMMON_GIVEN_SHARE = 0.01


@cache
def common_given_names() -> frozenset[str]:
    """Given names of either sex that the census counts often enough, lower-cased; empty
    when the package is missing."""
    try:
        import names
    except ImportError:
        return frozenset()
    folder = Path(names.__file__).parent
    return frozenset(name for sex in ("male", "female")
                     for name, share in _census(folder / f"dist.{sex}.first").items()
                     if share >= COMMON_GIVEN_SHARE)


@cache
def surnames() -> frozenset[str]:
    """The surnames of the 1990 US census (nearly 89,000, "Park" and "Stone" among them),
    lower-cased; empty when the package is missing."""
    try:
        import names
    except ImportError:
        return frozenset()
    return frozenset(_census(Path(names.__file__).parent / "dist.all.last"))


def of_pronoun(pronoun: str) -> str:
    """The gender a pronoun refers to ("" for "it", "they")."""
    return PRONOUNS.get(pronoun.lower(), "")


def of_person(full_names: Iterable[str], words: Iterable[str],
              gender_words: Mapping[str, str]) -> str:
    """A person's gender from the titles and nouns the story gives it (``words``), else from
    the given names of its names of two words or more; "" when nothing tells, or when what
    tells disagrees."""
    full_names = list(full_names)
    # the story's nouns, and a title inside a name ("Pope Francis", "Queen Rania")
    titles = (n.split()[0].lower().rstrip(".") for n in full_names if len(n.split()) > 1)
    stated = {gender_words[w] for w in (*words, *titles) if w in gender_words}
    if stated:
        return stated.pop() if len(stated) == 1 else ""
    told = given_names()
    given = {told.get(name.split()[0].lower(), "") for name in full_names
             if len(name.split()) > 1} - {""}
    return given.pop() if len(given) == 1 else ""
