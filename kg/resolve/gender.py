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

from kg.census import FEMALE, MALE, given_names

PRONOUNS = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
            "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}


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
