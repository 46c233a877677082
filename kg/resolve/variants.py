"""Which names of one document are one entity: a person's surname or misspelt name, an
organization's short form, spelling or spacing variant, and its initials. Each finder returns
(kept cluster, merged cluster, reason) pairs for ``kg.resolve.clusters.group``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

from kg.names import close, initials, legal_name, surname, titled
from kg.ontology import THING
from kg.resolve.clusters import Cluster

Pairs = list[tuple[int, int, str]]
# A short name used this often before a longer name that opens with it names the maker of what
# the longer name names ("Vexa ... Vexa said ... Vexa Maps"), not the same thing.
MAKER_MENTIONS = 2


def person_variants(clusters: list[Cluster], key_index: dict[str, int]) -> Pairs:
    """A lone surname, given name or misspelt name of a person named in full elsewhere in the
    text. The
    entity recogniser often tags a lone unusual surname as an organization ("Ruiz-Vega said"):
    only what the text states about its class keeps it apart."""
    full: list[tuple[int, list[str]]] = [
        (i, k.split()) for k, i in key_index.items()
        if len(k.split()) > 1 and clusters[i].type == "Person"]
    pairs = []
    for key, i in key_index.items():
        words = key.split()
        c = clusters[i]
        lone = len(words) == 1 and (c.ner["Person"] > 0 or c.votes["Person"] > 0 or not any(
            v > 0 for cls, v in c.votes.items() if cls != "Person"))
        if c.type not in ("Person", THING) and c.scores() and not lone:
            continue
        matches = {j for j, fw in full if j != i and (
            (len(words) == 1 and close(words[0], surname(" ".join(fw))))
            or (len(words) == len(fw) and words[:-1] == fw[:-1] and close(words[-1], fw[-1])))}
        if not matches and len(words) == 1 and c.type == "Person":
            # "Fran Finney ... Fran said": a given name alone, of exactly one person of the
            # text, and no one's surname
            matches = {j for j, fw in full if j != i and fw[0] == words[0]}
            if any(surname(" ".join(fw)) == words[0] for _, fw in full):
                matches = set()
        if len(matches) == 1:
            j = matches.pop()
            pairs.append((j, i, f"short or variant form: {key}"))
            if len(words) == 1:  # the recogniser's label was the person's surname's
                c.ner = Counter({"Person": sum(c.ner.values())})
    return pairs


def event_short_forms(clusters: list[Cluster], key_index: dict[str, int],
                      titles: Collection[str]) -> Pairs:
    """"Hurricane Vexa ... Vexa": a one-word name that only the recogniser classes (a
    person's, an organization's: nothing the text states), and that is the given name of
    exactly one event of the story named after it (``titles``: "hurricane") and no person's
    name, is that event."""
    events: dict[str, set[int]] = defaultdict(set)  # a given name → the events it names
    people = set()
    for key, i in key_index.items():
        words = key.split()
        if clusters[i].type == THING and titled(key, titles):
            events[words[-1]].add(i)
        elif clusters[i].type == "Person" and len(words) > 1:
            people.update(words)
    pairs = []
    for key, i in key_index.items():
        c = clusters[i]
        matches = events.get(key, set()) - {i}
        if len(matches) == 1 and c.type in ("Person", "Organization") and \
                key not in people and not c.stated:
            pairs.append((matches.pop(), i, f"short form: {key}"))
            c.recognised_wrongly()
    return pairs


def organization_short_forms(clusters: list[Cluster], key_index: dict[str, int],
                             starts: dict[int, list[int]],
                             heads: Collection[str] = (),
                             scopes: Collection[str] = ()) -> Pairs:
    """"The Times" for "The New York Times", "Stanford" for "Stanford University": an
    organization's name that is the start or the end of exactly one longer organization name
    (or of names nested in one another: "Vexa Mutual", "Vexa Mutual Life Insurance").
    A name written with its legal suffix ("Vexa Holdings Inc") is a full name, not a short
    one; a short form joins only a name that is not itself short ("Capital" does not join
    "Vexa Capital Markets" through "Capital Markets"). A name only the recogniser took for a
    person's opens an organization's name ("Quintana" of "Quintana de Cobre", "Reed Lowe" of
    "Reed Lowe Financial Inc.") when no person of the text has that surname. A name ending in
    a word that ends firms' names (``heads``: "Vexa Airways") is whole, not the start of a
    unit's or a brand's name ("Vexa Airways Express"). A name used before a longer one is
    its maker's, except before the same name and words that widen its scope (``scopes``:
    "Vexa ... Vexa said ... Vexa International")."""
    orgs = [(i, _words(k)) for k, i in key_index.items()
            if clusters[i].type == "Organization"]
    org_keys = {k: sum(clusters[i].names.values()) for k, i in key_index.items()
                if clusters[i].type == "Organization"}
    surnames = {surname(k) for k, i in key_index.items()
                if len(k.split()) > 1 and clusters[i].type == "Person"}
    found = {}
    for key, i in key_index.items():
        words = _words(key)
        c = clusters[i]
        ner = c.ner.most_common(1)
        # a person's name the recogniser alone calls so, opening an organization's name
        # ("Quintana" of "Quintana de Cobre", "Reed Lowe" of "Reed Lowe Financial Inc.")
        person = c.type == "Person" and not c.votes and key not in surnames
        # not a nationality, an event or a place the recogniser saw ("Freedonian", "U.K."),
        # unless the text says it is an organization ("a cofounder of Vexas")
        said = c.votes["Organization"] > 0
        if (c.type not in ("Organization", THING) and not person) or len(words) > 3 or (
                ner and (ner[0][0] == "Place" or (ner[0][0] == THING and not said))) or \
                _suffixed(c):
            continue
        # a one-word name opening an organization's name is its short form ("Quintana de
        # Cobre"); a longer one only if the text says the organization is one ("Reed Lowe")
        whole = len(words) > 1 and words[-1] in heads
        matches = {j for j, long in orgs if j != i and len(long) > len(words) and (
            (long[:len(words)] == words and not whole)
            or (long[-len(words):] == words and not person))
            and (clusters[j].votes["Organization"] > 0 or not person or len(words) == 1)}
        if len(matches) > 1:  # "Vexa" of "Vexa SA", not of "Quill Vexa", Quill's venture
            matches = {j for j in matches if not any(
                _venture(_words(k), words, org_keys, sum(clusters[j].names.values()))
                for k in clusters[j].keys)} or matches
        longest = max(matches, key=lambda j: len(clusters[j].keys and max(
            clusters[j].keys, key=len)), default=None)
        if longest is not None and all(
                any(_nested(k, m) for k in clusters[longest].keys for m in clusters[j].keys)
                for j in matches):
            matches = {longest}
        if len(matches) == 1:
            j = matches.pop()
            scoped = any(len(long := _words(k)) > len(words) and long[:len(words)] == words
                         and set(long[len(words):]) <= set(scopes) for k in clusters[j].keys)
            if scoped or sum(s < min(starts[j]) for s in starts.get(i, ())) < MAKER_MENTIONS:
                found[i] = (j, key)
                if person or (ner and ner[0][0] == THING):
                    # the recogniser's label was the organization's name's
                    c.ner = Counter({"Organization": sum(c.ner.values())})
    return [(j, i, f"short form: {key}") for i, (j, key) in found.items() if j not in found]


def _venture(long: list[str], short: list[str], org_keys: dict[str, int], used: int) -> bool:
    """"Quill Vexa" beside "Quill" and "Vexa": a name made of two organizations' names, the
    other named alone more often than the pair (``used`` times), is their venture, not the
    long form of either ("Vexa Capital Markets" beside a "Capital Markets" once is Vexa's)."""
    n = len(short)
    rest = long[:-n] if long[-n:] == short else long[n:] if long[:n] == short else []
    return bool(rest) and org_keys.get(" ".join(rest), 0) > used


def _words(key: str) -> list[str]:
    """A name's words, "and" left out: "Vexa & Quill Foundation" (whose key drops the "&")
    is the end of "Dorne Vexa and Quill Foundation"."""
    return [w for w in key.split() if w != "and"]


def _nested(long: str, short: str) -> bool:
    a, b = long.split(), short.split()
    return len(b) <= len(a) and (a[:len(b)] == b or a[-len(b):] == b)


def _suffixed(cluster: Cluster) -> bool:
    return any(legal_name(n) for n in cluster.names)


def organization_variants(clusters: list[Cluster], key_index: dict[str, int]) -> Pairs:
    """"Quillport Land" and "Quill Port Land", "VexaNet" and "Vexa Net": names that differ only
    in their spaces or hyphens; "Talbott Group" and "Talbot Group", "Quarrwo AG" and
    "Quarrow AG": organization names that differ by one slip in one long word; "Vexabots",
    the plural of the product "Vexabot"."""
    pairs = []
    compact: dict[str, int] = {}
    for key, i in sorted(key_index.items()):
        j = compact.setdefault(key.replace(" ", "").replace("-", ""), i)
        if j != i:
            pairs.append((j, i, f"spacing variant: {key}"))
    for key, i in sorted(key_index.items()):
        single = key_index.get(key[:-1]) if key.endswith("s") and len(key) > 4 else None
        if single is not None and single != i and clusters[single].type == "Product":
            pairs.append((single, i, f"plural of a product: {key}"))  # "two Vexabots"
    orgs = sorted((k.split(), i) for k, i in key_index.items()
                  if clusters[i].type == "Organization")
    for n, (words, i) in enumerate(orgs):
        for other, j in orgs[n + 1:]:
            differ = [(a, b) for a, b in zip(words, other, strict=False) if a != b]
            if i != j and len(words) == len(other) and len(differ) == 1 and \
                    close(*differ[0], swaps=True):
                pairs.append((i, j, f"spelling variant: {' '.join(other)}"))
    return pairs


def initialisms(clusters: list[Cluster], key_index: dict[str, int]) -> Pairs:
    """"SEC" in a story that names the "Securities and Exchange Commission": an all-capital
    name that spells the initials of exactly one longer organization name of the document."""
    longs = {i: {s for n in c.names if len(n.split()) > 1 for s in initials(n)}
             for i, c in enumerate(clusters) if c.type == "Organization"}
    pairs = []
    for i, c in enumerate(clusters):
        short = {n for n in c.names if n.isupper() and n.isalpha() and 2 <= len(n) <= 6}
        matches = {j for j, initials in longs.items() if j != i and short & initials}
        if short and len(matches) == 1:
            pairs.append((matches.pop(), i, f"initials: {sorted(short)[0]}"))
    return pairs


def unambiguous(pairs: Pairs) -> Pairs:
    """The pairs whose merged name has one reading: "VTP" as both the initials of "Vexa Talbot
    Plastics" and the short form of "VTP U.K. Ltd" joins neither."""
    targets: dict[int, set[int]] = {}
    for kept, merged, _ in pairs:
        targets.setdefault(merged, set()).add(kept)
    return [p for p in pairs if len(targets[p[1]]) == 1]
