"""Names of the 1990 US census, which the ``names`` package ships, read by two stages: the
rules (a capitalised word that is no surname nor given name is no person's name,
``kg.extract.roles``) and resolution (a person's gender from a given name,
``kg.resolve.gender``; a full name with a common given name is a person's, ``kg.resolve.corpus``).
Each list is empty when the package is missing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FEMALE, MALE = "female", "male"
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


def _file(name: str) -> Path | None:
    """A file of the ``names`` package ("dist.all.last"); None when the package is missing."""
    try:
        import names
    except ImportError:
        return None
    return Path(names.__file__).parent / name


@cache
def _first_names(sex: str) -> dict[str, float]:
    """The given names of one sex ("male", "female") and their shares, read once a process
    for the two lists below; empty when the package is missing."""
    path = _file(f"dist.{sex}.first")
    return _census(path) if path is not None else {}


@cache
def given_names() -> dict[str, str]:
    """Given names that tell a sex, lower-cased; empty when the package is missing."""
    male, female = _first_names("male"), _first_names("female")
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
    return frozenset(name for sex in ("male", "female")
                     for name, share in _first_names(sex).items()
                     if share >= COMMON_GIVEN_SHARE)


@cache
def surnames() -> frozenset[str]:
    """The surnames of the 1990 US census (nearly 89,000, "Park" and "Stone" among them),
    lower-cased; empty when the package is missing."""
    path = _file("dist.all.last")
    return frozenset(_census(path)) if path is not None else frozenset()
