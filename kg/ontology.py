"""The ontology as data: classes, relations and the words that map text to them; IRI minting.

Everything the extractor knows about vocabulary comes from ``ontology/kg.ttl`` through the
``Vocabulary`` object loaded here, so users extend the graph by editing Turtle, not Python.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.confidence import ConfidenceModel, load_model
from kg.errors import OntologyError

if TYPE_CHECKING:
    from spacy.tokens import Token

KG = "https://w3id.org/kg/ontology#"
REL = "https://w3id.org/kg/rel/"
ENT = "https://w3id.org/kg/entity/"
DOC = "https://w3id.org/kg/doc/"
STATEMENT = "https://w3id.org/kg/statement/"
GRAPH = "https://w3id.org/kg/graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
ENTITY_GRAPH = GRAPH + "entities"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GN = "https://www.geonames.org/ontology#"
GEONAMES = "https://sws.geonames.org/"  # a GeoNames feature is GEONAMES + its id + "/"

PREFIXES = {
    "kg": KG, "rel": REL, "ent": ENT, "doc": DOC, "stmt": STATEMENT, "rdf": RDF, "rdfs": RDFS,
    "owl": OWL, "skos": SKOS, "xsd": XSD, "prov": PROV, "nif": NIF, "dcterms": DCTERMS,
    "schema": SCHEMA, "geo": GEO, "gn": GN,
}

DEFAULT_ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"

# Classes every vocabulary must have: the resolver falls back on them.
THING = "Thing"
CONCEPT = "Concept"


# The cue words of a fact's modality (``kg.extract.modality``): ontology property -> field of
# ``ModalityCues``. Each property's words include those of its subproperties.
MODALITY_CUES = {"intendingVerb": "intending", "attemptingVerb": "attempting",
                 "obligingVerb": "obliging",
                 "strivingVerb": "striving", "denyingVerb": "denying", "tellingVerb": "telling",
                 "forecastingWord": "forecasting", "befallingVerb": "befalling",
                 "guessingWord": "guessing", "timeToComeWord": "to_come",
                 "pursuingVerb": "pursuing", "pendingNoun": "pending",
                 "unrealisedModifier": "unrealised", "disclosingVerb": "disclosing",
                 "publishingVerb": "publishing", "approvingVerb": "approving"}
# Word lists read with their subproperties' words (rdfs:subPropertyOf): one vocabulary of
# verbs of saying, a narrower list where a rule needs one.
WORD_LISTS = frozenset({"speechVerb", "announcingVerb", "leavingVerb", "dismissingVerb",
                        "leavingNoun", "mourningWord", "envoyNoun", "dealingNoun",
                        "countrySuffix", "scopeWord", "leadingNoun", "standingWord",
                        "figurativeNoun", "companyVerb",
                        *MODALITY_CUES})


@dataclass(frozen=True)
class ModalityCues:
    """The words that tell what a sentence claims of a fact (``kg.extract.modality``); the
    ontology property of each is in ``MODALITY_CUES``, its comment says what they do."""

    intending: frozenset[str] = frozenset()  # "plans to buy": planned
    attempting: frozenset[str] = frozenset()  # "tried to buy": possible, not planned
    obliging: frozenset[str] = frozenset()  # "needs to buy", "was urged to": possible
    striving: frozenset[str] = frozenset()  # "is pushing to": the subject's own aim
    denying: frozenset[str] = frozenset()  # "denied buying"
    telling: frozenset[str] = frozenset()  # "declined to confirm": left open, not denied
    forecasting: frozenset[str] = frozenset()  # "is expected to buy": possible
    befalling: frozenset[str] = frozenset()  # "will benefit from": a forecast
    guessing: frozenset[str] = frozenset()  # "perhaps": speculation
    to_come: frozenset[str] = frozenset()  # "is opening a plant next week": planned
    pursuing: frozenset[str] = frozenset()  # "pushed for a settlement": planned
    pending: frozenset[str] = frozenset()  # "talks on a merger": planned
    unrealised: frozenset[str] = frozenset()  # "a proposed takeover": proposed
    disclosing: frozenset[str] = frozenset()  # "said it would buy": its plan, told
    publishing: frozenset[str] = frozenset()  # "announced that Ruiz would": planned
    approving: frozenset[str] = frozenset()  # "approved the takeover of X": planned
    # head nouns of a class (kg:classNoun: "company", "minister", "city", "chip"): what can
    # mean to do a thing, or be made to; "the move will give X" names nothing of the kind
    classed: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Vocabulary:
    """What the ontology says, in the shape the extractor and resolver need."""

    classes: frozenset[str]
    ner_classes: dict[str, str]  # spaCy label -> class local name
    class_nouns: dict[str, str]  # head noun -> class local name
    verbs: dict[str, str]  # "release" / "invest in" -> relation local name
    relation_nouns: dict[str, str]  # "developer of" -> relation local name
    role_nouns: frozenset[str]
    ranges: dict[str, str]  # relation -> class local name of its range
    domains: dict[str, str]
    possessives: dict[tuple[str, str], str]  # (owner class, owned class) -> relation
    event_nouns: dict[str, str] = field(default_factory=dict)  # "murder" -> relation
    demonyms: dict[str, str] = field(default_factory=dict)  # "swiss" -> "Switzerland"
    office_nouns: frozenset[str] = frozenset()  # "governor": a person of the place it governs
    name_suffixes: dict[str, str] = field(default_factory=dict)  # "corp" / "jr" -> class
    honorifics: dict[str, str] = field(default_factory=dict)  # "mr" -> class
    name_heads: dict[str, str] = field(default_factory=dict)  # "analytics" -> class
    exchanges: frozenset[str] = frozenset()  # "nasdaq": "Vexa (NASDAQ: VXA)" is listed
    triples: tuple[ox.Triple, ...] = field(repr=False, default=())
    title_words: frozenset[str] = frozenset()  # words of titles that are no role alone
    # (owner class, owned class) -> relation read from the owned to the owner: "Orbis's Li Wu"
    inverse_possessives: dict[tuple[str, str], str] = field(default_factory=dict)
    # "sell to" -> "acquired": "A sold B to C" gives C -relation-> B
    inverse_verbs: dict[str, str] = field(default_factory=dict)
    share_nouns: frozenset[str] = frozenset()  # "stake", "pct": "bought 12 pct of X" is of X
    symmetric: frozenset[str] = frozenset()  # relations declared owl:SymmetricProperty
    news_agencies: frozenset[str] = frozenset()  # "ap", "reuters": "AP - " opens wire copy
    # "government", "court": a description of a body the story may leave unnamed
    body_nouns: frozenset[str] = frozenset()
    # "supreme court": lower-case names many countries' bodies bear (kg:sharedBodyName)
    shared_body_names: frozenset[str] = frozenset()
    # "U.S." / "USA" -> "United States": the names of one place, as written, to its usual one
    place_names: dict[str, str] = field(default_factory=dict)
    # "steve" -> {"steven", "stephen"}: a given name's short form to the full names it shortens
    given_names: dict[str, frozenset[str]] = field(default_factory=dict)
    event_titles: frozenset[str] = frozenset()  # "hurricane": "Hurricane Vexa" is named after Vexa
    speech_verbs: frozenset[str] = frozenset()  # "say", "add": verbs that attribute a quote
    # "say", "announce": verbs of saying by which a speaker makes known what it does
    announcing_verbs: frozenset[str] = frozenset()
    # "resign", "retire": a person who did so held the post named before, not now
    leaving_verbs: frozenset[str] = frozenset()
    # "sack", "oust": a person one did so to held the post named before, not now
    dismissing_verbs: frozenset[str] = frozenset()
    # "resignation": "after the resignation of chairman Jo Park" names a post held before
    leaving_nouns: frozenset[str] = frozenset()
    # "funeral", "honour": "the funeral of chairman Jo Park" names a post of one now dead
    mourning_words: frozenset[str] = frozenset()
    # "ambassador": "U.S. Ambassador Jo Park" is of the country he serves abroad, no resident
    envoy_nouns: frozenset[str] = frozenset()
    # "department": "the union's Vexa Motors department" deals with Vexa Motors, owns it not
    dealing_nouns: frozenset[str] = frozenset()
    # "sa", "ag": legal forms of one country's law; "Vexa SA" and "Vexa Corp" are two firms
    country_suffixes: frozenset[str] = frozenset()
    # "international": "Vexa International" is the story's "Vexa", not another's "Vexa Inc."
    scope_words: frozenset[str] = frozenset()
    # "direction", "helm": "took over the direction of X" leads X, buys nothing
    leading_nouns: frozenset[str] = frozenset()
    # "overnight", "points": "the overnight leader" is a place in a contest, no post
    standing_words: frozenset[str] = frozenset()
    # "giant": a big firm ("the software giant Vexa") or a big man ("basketball giant Jo Park")
    figurative_nouns: frozenset[str] = frozenset()
    # "hire", "report": "Zephyr hired ..." is a firm's deed, which no product line does
    company_verbs: frozenset[str] = frozenset()
    modality: ModalityCues = field(default_factory=ModalityCues)
    water_nouns: frozenset[str] = frozenset()  # "sea": "Red Sea" is the water, no province
    # "boss", "owner": "Vexland boss Jo Park" is the post of a body named Vexland, no home
    owner_nouns: frozenset[str] = frozenset()
    # "spokesman": "a spokesman for Vexa said" gives the words to Vexa
    speaker_nouns: frozenset[str] = frozenset()
    # "mrs" -> "female", "spokesman" -> "male": what a title or noun tells of a person
    gender_words: dict[str, str] = field(default_factory=dict)
    # how likely a statement is right, and from what confidence a fact is asserted
    confidence: ConfidenceModel | None = field(repr=False, default=None)

    @cached_property
    def countries(self) -> frozenset[str]:
        """The names of the countries the demonyms name ("Germany", "South Korea")."""
        return frozenset(self.demonyms.values())

    @cached_property
    def country_keys(self) -> frozenset[str]:
        """The same names in lower case, to match a name as written ("GERMANY")."""
        return frozenset(c.lower() for c in self.countries)

    @cached_property
    def with_heads(self) -> frozenset[str]:
        """The last words of the relation nouns listed with "with" ("venture" of "joint
        venture with"): a noun that is none of them heads no such phrase."""
        return frozenset(key[:-len(" with")].rsplit(" ", 1)[-1]
                         for key in self.relation_nouns if key.endswith(" with"))

    @cached_property
    def relation_heads(self) -> frozenset[str]:
        """The last two words of every relation noun as listed ("company" and "of" of "parent
        company of"): the head of a noun phrase that is neither ends no listed one, with its
        preposition or without."""
        return frozenset(w for key in self.relation_nouns for w in key.split(" ")[-2:])

    def noun_class(self, noun: Token) -> str | None:
        """The class a head noun (a spaCy token) names, reading the modifier right before it
        first: "social network" may name another class than "network"."""
        lemma = noun.lemma_.lower()
        if noun.i > 0:
            before = noun.doc[noun.i - 1]
            if before.head.i == noun.i and before.dep_ in ("compound", "amod"):
                cls = self.class_nouns.get(f"{before.lower_} {lemma}")
                if cls:
                    return cls
        return self.class_nouns.get(lemma)

    def relation_for_verb(self, lemma: str, preposition: str = "") -> str | None:
        """The ontology relation a verb (with an optional preposition) maps to, if any."""
        if preposition:
            return self.verbs.get(f"{lemma} {preposition}")
        return self.verbs.get(lemma)


@cache
def shipped_vocabulary() -> Vocabulary:
    """The vocabulary of the ontology kg ships, read once: what must not depend on one build's
    options (a name's key, the wire agencies furniture removal knows) reads this one."""
    return _parse_vocabulary(DEFAULT_ONTOLOGY)


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """The ``Vocabulary`` of an ontology Turtle file; the shipped one is parsed once."""
    path = Path(path) if path else DEFAULT_ONTOLOGY
    if path.resolve() == DEFAULT_ONTOLOGY:
        return shipped_vocabulary()
    return _parse_vocabulary(path)


def _parse_vocabulary(path: Path) -> Vocabulary:
    try:
        triples = tuple(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except OSError as err:
        raise OntologyError(f"{path}: cannot read the ontology ({err})") from err
    except SyntaxError as err:
        raise OntologyError(f"{path}: invalid Turtle: {err}") from err

    def local(term: object) -> str:
        return str(getattr(term, "value", term)).removeprefix(KG)

    classes: set[str] = set()
    ner: dict[str, str] = {}
    class_nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    relation_nouns: dict[str, str] = {}
    roles: set[str] = set()
    title_words: set[str] = set()
    inverse_possessives: dict[tuple[str, str], str] = {}
    inverse_verbs: dict[str, str] = {}
    share_nouns: set[str] = set()
    symmetric: set[str] = set()
    ranges: dict[str, str] = {}
    domains: dict[str, str] = {}
    object_properties: set[str] = set()
    possessives: dict[tuple[str, str], str] = {}
    event_nouns: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    offices: set[str] = set()
    name_suffixes: dict[str, str] = {}
    honorifics: dict[str, str] = {}
    name_heads: dict[str, str] = {}
    exchanges: set[str] = set()
    agencies: set[str] = set()
    bodies: set[str] = set()
    shared_bodies: set[str] = set()
    place_names: dict[str, str] = {}
    given_names: dict[str, set[str]] = defaultdict(set)
    event_titles: set[str] = set()
    words: dict[str, set[str]] = defaultdict(set)  # WORD_LISTS property -> its own words
    supers: dict[str, set[str]] = defaultdict(set)  # property -> its rdfs:subPropertyOf
    speaker_nouns: set[str] = set()
    water_nouns: set[str] = set()
    owner_nouns: set[str] = set()
    gender_words: dict[str, str] = {}
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if not isinstance(s, ox.NamedNode) or not s.value.startswith(KG):
            continue
        name = local(s)
        value = o.value if isinstance(o, ox.Literal) else ""
        if p == RDF + "type" and o == ox.NamedNode(OWL + "Class"):
            classes.add(name)
        elif p == RDF + "type" and o == ox.NamedNode(OWL + "ObjectProperty"):
            object_properties.add(name)
        elif p == RDF + "type" and o == ox.NamedNode(OWL + "SymmetricProperty"):
            symmetric.add(name)
        elif p == KG + "nerLabel":
            ner[value] = name
        elif p == KG + "nounCue" and value:
            target = relation_nouns if name[0].islower() else class_nouns
            target[value.lower()] = name
        elif p == KG + "verb":
            verbs[value.lower()] = name
        elif p == KG + "possessive" and len(value.split()) == 2:
            owner, owned = value.split()
            possessives[(owner, owned)] = name
        elif p == KG + "inversePossessive" and len(value.split()) == 2:
            owner, owned = value.split()
            inverse_possessives[(owner, owned)] = name
        elif p == KG + "eventNoun":
            event_nouns[value.lower()] = name
        elif p == KG + "demonym" and value.count("|") == 1:
            adjective, place = value.split("|")
            demonyms[adjective.strip().lower()] = place.strip()
        elif p == KG + "officeNoun":
            offices.add(value.lower())
        elif p == KG + "roleNoun":
            roles.add(value.lower())
        elif p == KG + "titleWord":
            title_words.add(value.lower())
        elif p == KG + "inverseVerb":
            inverse_verbs[value.lower()] = name
        elif p == KG + "shareNoun":
            share_nouns.add(value.lower())
        elif p == KG + "nameSuffix":
            name_suffixes[value.lower()] = name
        elif p == KG + "honorific":
            honorifics[value.lower()] = name
        elif p == KG + "nameHead":
            name_heads[value.lower()] = name
        elif p == KG + "exchange":
            exchanges.add(value.lower())
        elif p == KG + "newsAgency":
            agencies.add(value.lower())
        elif p == KG + "bodyNoun":
            bodies.add(value.lower())
        elif p == KG + "sharedBodyName":
            shared_bodies.add(" ".join(value.lower().split()))
        elif p == KG + "placeNames" and value.strip():
            names = [n.strip() for n in value.split("|") if n.strip()]
            place_names.update((n, names[0]) for n in names)
        elif p == KG + "eventTitle":
            event_titles.add(value.lower())
        elif p.startswith(KG) and p.removeprefix(KG) in WORD_LISTS:
            words[p.removeprefix(KG)].add(value.lower())
        elif p == RDFS + "subPropertyOf" and isinstance(o, ox.NamedNode) and \
                o.value.startswith(KG):
            supers[name].add(local(o))
        elif p == KG + "speakerNoun":
            speaker_nouns.add(value.lower())
        elif p == KG + "waterNoun":
            water_nouns.add(value.lower())
        elif p == KG + "ownerNoun":
            owner_nouns.add(value.lower())
        elif p in (KG + "femaleWord", KG + "maleWord"):
            gender_words[value.lower()] = "female" if p == KG + "femaleWord" else "male"
        elif p == KG + "givenNames" and value.strip():
            full, *short = [n.strip().lower() for n in value.split("|") if n.strip()]
            for n in short:
                given_names[n].add(full)
        elif p == RDFS + "range" and isinstance(o, ox.NamedNode) and o.value.startswith(KG):
            ranges[name] = local(o)
        elif p == RDFS + "domain" and isinstance(o, ox.NamedNode) and o.value.startswith(KG):
            domains[name] = local(o)
    lists = _with_subproperties(words, supers)
    missing = {THING, CONCEPT} - classes
    if missing:
        raise OntologyError(f"{path}: the ontology must declare the classes "
                            f"{', '.join('kg:' + m for m in sorted(missing))}")
    return Vocabulary(
        classes=frozenset(classes), ner_classes=ner, class_nouns=class_nouns, verbs=verbs,
        relation_nouns=relation_nouns, role_nouns=frozenset(roles), ranges=ranges,
        domains=domains, possessives=possessives, event_nouns=event_nouns, demonyms=demonyms,
        office_nouns=frozenset(offices), triples=triples,
        title_words=frozenset(title_words), inverse_possessives=inverse_possessives,
        inverse_verbs=inverse_verbs, share_nouns=frozenset(share_nouns),
        symmetric=frozenset(symmetric), name_suffixes=name_suffixes, honorifics=honorifics,
        name_heads=name_heads, exchanges=frozenset(exchanges),
        news_agencies=frozenset(agencies), body_nouns=frozenset(bodies),
        shared_body_names=frozenset(shared_bodies),
        place_names=place_names, given_names={n: frozenset(f) for n, f in given_names.items()},
        event_titles=frozenset(event_titles), speech_verbs=lists["speechVerb"],
        announcing_verbs=lists["announcingVerb"], leaving_verbs=lists["leavingVerb"],
        dismissing_verbs=lists["dismissingVerb"], leaving_nouns=lists["leavingNoun"],
        mourning_words=lists["mourningWord"],
        envoy_nouns=lists["envoyNoun"], dealing_nouns=lists["dealingNoun"],
        country_suffixes=lists["countrySuffix"], scope_words=lists["scopeWord"],
        leading_nouns=lists["leadingNoun"], standing_words=lists["standingWord"],
        figurative_nouns=lists["figurativeNoun"], company_verbs=lists["companyVerb"],
        water_nouns=frozenset(water_nouns), owner_nouns=frozenset(owner_nouns),
        modality=ModalityCues(**{f: lists[p] for p, f in MODALITY_CUES.items()},
                              classed=frozenset(class_nouns)),
        speaker_nouns=frozenset(speaker_nouns), gender_words=gender_words,
        confidence=load_model(),
    )


def _with_subproperties(words: dict[str, set[str]],
                        supers: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """Each word list of ``WORD_LISTS`` with the words of its subproperties, at any depth
    ("say" of kg:announcingVerb is a kg:speechVerb too)."""
    found: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    for prop, own in words.items():
        todo, seen = [prop], set()
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                found.setdefault(current, set()).update(own)
                todo.extend(supers.get(current, ()))
    return {name: frozenset(w) for name, w in found.items()}


_SLUG_DROP = re.compile(r"[^\w\-.]+")


def slug(text: str) -> str:
    """A readable IRI path segment for a name.

    >>> slug("Mark Zuckerberg")
    'Mark_Zuckerberg'
    >>> slug("GPT-4 (model)")
    'GPT-4_model'
    """
    return _SLUG_DROP.sub("_", text).strip("_.") or "_"


def entity_iri(key: str) -> str:
    """The IRI of an entity from its key (see ``kg.resolve``)."""
    return ENT + key


def relation_name(iri: str) -> str:
    """The local name of a relation IRI, ontology or open: the inverse of ``relation_iri``.

    >>> relation_name(KG + "worksFor"), relation_name(REL + "commitTo")
    ('worksFor', 'commitTo')
    """
    return iri.removeprefix(KG).removeprefix(REL)


def relation_iri(name: str, canonical: bool) -> str:
    """The IRI of a relation: an ontology property, or an open verb relation in ``rel:``.

    >>> relation_iri("commit to", canonical=False)
    'https://w3id.org/kg/rel/commitTo'
    """
    if canonical:
        return KG + name
    words = [w for w in re.split(r"[\s_\-]+", name) if w]
    camel = words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])
    return REL + slug(camel)


def class_iri(name: str) -> str:
    return KG + name
