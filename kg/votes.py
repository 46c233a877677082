"""How evidence for an entity's class adds up: one rule for the story's classes, which the
extraction rules read, and for the graph's, which resolution decides."""

from __future__ import annotations

import math
from collections.abc import Mapping

from kg.ontology import CONCEPT, THING

NER_WEIGHT = 1.0
SUFFIX_WEIGHT = 2.0  # "Acme Ltd": as strong as a class the text states
# The order that breaks a tie between classes.
CLASS_ORDER = ("Organization", "Person", "Product", "Place", THING, CONCEPT)


def class_scores(votes: Mapping[str, float], ner: Mapping[str, int]) -> dict[str, float]:
    """Evidence per class. The recogniser labels one string the same way each time it recurs,
    so its labels are not independent: their weight grows with the log of their number, and
    one description by the text ("Copilot, an AI assistant") outweighs a few labels.

    >>> class_scores({"Product": 1.5}, {"Organization": 4})
    {'Product': 1.5, 'Organization': 2.0}
    """
    scores = dict(votes)  # a plain dict: this runs for every cluster, many times
    seen = sum(ner.values())
    if seen:
        strength = NER_WEIGHT * (1 + 0.5 * math.log2(seen))
        for label, count in ner.items():
            scores[label] = scores.get(label, 0) + strength * count / seen
    return scores


def best_class(scores: Mapping[str, float]) -> str:
    """The class with the most evidence, ties broken by ``CLASS_ORDER``.

    >>> best_class({"Person": 1.0, "Organization": 1.0})
    'Organization'
    """
    best = max(scores.values())
    top = [c for c, score in scores.items() if score == best]
    if len(top) == 1:  # no tie: nearly always
        return top[0]
    return next(c for c in (*CLASS_ORDER, *sorted(scores)) if scores.get(c) == best)
