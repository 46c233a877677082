"""How likely a statement is to be right, learned from statements read by hand.

A rule's own confidence barely tells right from wrong on news it was not written on. So a
statement's ``kg:confidence`` is a logistic model over what its record says of how it was
read: the rule, the relation (one of the ontology, or an open verb), what its object is (an
entity, a concept, a literal), whether an argument was found through a pronoun or a
description, the length of the sentence, and how clearly the sentence states the fact (its
cues: both ends named or not, how far apart, in one clause or two, other names of their class
around them, a quote; ``kg.extract.cues``). ``benchmarks/judged/train_confidence.py`` fits it
on the judged set (``benchmarks/judged/statements.tsv``) and writes ``ontology/confidence.json``:
the weights, and the confidence at which a fact stated as done is asserted, chosen by
cross-validation so that the facts asserted on stories of outlets the rules were not written
on are right at least as often as the file's ``target`` says. A fact below it keeps its
statement record (``kg:asserted false``), not an edge of the graph; so does an open relation
(a verb outside the ontology) while the file's ``assert_open`` is false, as it is while the
judged open relations are right less often than the target.

The model is data, like the ontology: retrain it when the judged set grows or the rules change.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent.parent / "ontology" / "confidence.json"
OBJECTS = ("entity", "concept", "literal")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the model reads of one statement. ``relation`` is the ontology relation's local
    name, or ``""`` for an open relation (a verb); ``obj`` one of ``OBJECTS``."""

    rule: str
    relation: str
    obj: str
    coreference: bool
    words: int
    # how clearly the sentence states it: its parse's cues (``kg.extract.cues``) and the
    # document's ("repeated": the document states the fact in another sentence too)
    cues: tuple[str, ...] = ()


def features(reading: Reading) -> tuple[str, ...]:
    """The model's features of a statement.

    >>> features(Reading("title-before", "role", "literal", False, 18))
    ('rule=title-before', 'relation=role', 'object=literal', 'relation+object=role|literal', \
'coreference=no', 'length=short')
    """
    relation = reading.relation or "open"
    length = "short" if reading.words <= 20 else "medium" if reading.words <= 35 else "long"
    return (f"rule={reading.rule}", f"relation={relation}", f"object={reading.obj}",
            f"relation+object={relation}|{reading.obj}",
            f"coreference={'yes' if reading.coreference else 'no'}", f"length={length}",
            *reading.cues)


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A logistic model: ``bias`` plus the weight of each feature a statement has. A feature
    the judged set never showed weighs nothing. ``assert_at`` is the confidence from which a
    fact stated as done is asserted."""

    bias: float
    weights: dict[str, float] = field(default_factory=dict)
    assert_at: float = 0.0
    # whether an open relation (a verb outside the ontology) may be asserted at all: the
    # judged set shows none of its kinds right often enough to be an edge by default
    assert_open: bool = True
    digest: str = ""  # of the file it was read from: graphs built with another model differ

    def probability(self, reading: Reading) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(reading))
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)

    def without_gate(self) -> ConfidenceModel:
        """The same confidences, every fact stated as done asserted whatever its confidence
        (``kg build --no-gate``, as ``train_confidence.py --no-gate`` writes it): open
        relations stay records unless the file asserts them."""
        return replace(self, assert_at=0.0, digest=f"{self.digest}:no-gate")

    def asserts(self, confidence: float, reading: Reading | None = None) -> bool:
        if reading is not None and not reading.relation and not self.assert_open:
            return False
        return confidence >= self.assert_at


def load_model(path: Path | None = None) -> ConfidenceModel:
    """The model of ``path`` (default: the one that ships, ``ontology/confidence.json``)."""
    data = (path or MODEL_FILE).read_bytes()
    found = json.loads(data)
    return ConfidenceModel(bias=float(found["bias"]),
                           weights={k: float(v) for k, v in found["weights"].items()},
                           assert_at=float(found["assert_at"]),
                           assert_open=bool(found.get("assert_open", True)),
                           digest=hashlib.sha256(data).hexdigest()[:16])
