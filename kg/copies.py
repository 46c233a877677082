"""Copies of one story: near-duplicate documents, so that a fact counts once per story.

The same wire story syndicated to several outlets, a page saved twice, an .html and a .txt
copy of it, or its teaser repeated on index pages are one piece of evidence, not several. A
document's ``sketch`` is the winnowed set of hashes of its five-word shingles (Schleimer et
al., "Winnowing", 2003): any passage of eight words or more that two documents share gives
both at least one common hash, so a teaser is found inside its story as well as a copy with
small edits. Two documents are copies when most of the smaller one's hashes are in the
larger one and, when both are dated, they were published within days of each other. A
cluster's documents are copies of its first (the earliest published, then by source), and
``kg:copyOf`` says so in the graph.

Everything is deterministic (CRC-32 hashes, sorted orders), so any order of documents and any
number of workers give the same clusters.
"""

from __future__ import annotations

import base64
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from kg.model import Document

SHINGLE = 5  # words a shingle
WINDOW = 4  # shingles a winnowing window: a shared run of SHINGLE + WINDOW - 1 words shows
# A text of fewer words (figures do not count) is too short to call a copy: a notice that a
# stock is listed, a dividend, a results table, a caption: templates, one company from another.
MIN_WORDS = 20
CONTAINED = 0.7  # share of the smaller document's hashes found in the larger: a copy
# A short text (some fifty words: a brief, a teaser, a results table) must be nearly all in
# the other: its few words that differ are its news (which fund pays, which company earned).
SHORT, CONTAINED_SHORT = 20, 0.85
COMMON = 50  # a hash in more documents than this is boilerplate, not a sign of a copy
# Copies are published within days of each other (an update, a correction, a syndicated
# copy); a text repeated weeks apart with other figures is a recurring report on a template.
MAX_DAYS = 3
SAME_SENTENCE = 10  # words of a sentence two documents cannot have written apart

_WORD = re.compile(r"\w+")


def sketch(text: str) -> bytes:
    """The winnowed hashes of the text's five-word shingles (words lower-cased), sorted,
    four bytes each (an ``array("I")``'s: a build keeps every input's, and a tuple of ints
    takes ten times as much); none for a text of fewer than ``MIN_WORDS`` words that are
    not figures.

    >>> a = sketch("Vexa Labs said on Monday it would buy Orlin Tools for two billion dollars")
    >>> a == sketch("VEXA LABS said, on Monday, it would buy Orlin Tools for two billion dollars.")
    True
    """
    words = _WORD.findall(text.lower())
    if sum(1 for w in words if not w.isdigit()) < MIN_WORDS:
        return b""
    # the shingles and windows as columns zipped side by side (no slice a position); the
    # columns are of unequal lengths: the shortest ends them
    crc32 = zlib.crc32
    shingles = zip(*(words[k:] for k in range(SHINGLE)), strict=False)
    hashes = [crc32(shingle.encode("utf-8")) for shingle in map(" ".join, shingles)]
    return array("I", sorted(set(map(min, *(hashes[k:] for k in range(WINDOW)))))).tobytes()


def hashes(prints: bytes) -> array[int]:
    """A sketch's hashes."""
    return array("I", prints)


def encode(prints: bytes) -> str:
    """A sketch as text for the store's state record."""
    return base64.b64encode(prints).decode("ascii")


def decode(text: str) -> bytes:
    try:
        prints = base64.b64decode(text)
    except (ValueError, TypeError):
        return b""
    return prints if len(prints) % array("I").itemsize == 0 else b""  # whole hashes only


def copies(sketches: Mapping[str, bytes],
           documents: Mapping[str, Document]) -> dict[str, str]:
    """Each copy's first document (``copy id -> first id``) among the documents of
    ``sketches``: the clusters of documents that are copies of one another."""
    parent: dict[str, str] = {}

    def root(d: str) -> str:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    for a, b, n in shared_hashes(sketches):
        if _apart(documents.get(a), documents.get(b)):
            continue
        sa, sb = hashes(sketches[a]), hashes(sketches[b])
        smaller = min(len(sa), len(sb))
        if n < CONTAINED * smaller * 0.5:
            continue  # too few shared even counting the boilerplate left out
        needed = CONTAINED_SHORT if smaller < SHORT else CONTAINED
        if len(set(sa) & set(sb)) >= needed * smaller:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[str, list[str]] = defaultdict(list)
    for d in parent:
        clusters[root(d)].append(d)
    for r in list(clusters):
        if r not in clusters[r]:
            clusters[r].append(r)
    found = {}
    for members in clusters.values():
        first = min(members, key=lambda d: _order(documents.get(d), d))
        found.update({d: first for d in members if d != first})
    return dict(sorted(found.items()))


def shared_hashes(sketches: Mapping[str, bytes]) -> Iterator[tuple[str, str, int]]:
    """Each pair of documents (a before b, by id) that share a hash held by no more than
    ``COMMON`` documents, with how many they share, pairs in order. Counted from every
    (hash, document) packed in one integer of eight bytes and sorted, not from a table of
    each hash's documents: that table, some 130 bytes a hash, was the largest part of a
    large build's resolution (150 MiB at 2.7M words of Reuters-21578; this takes 20)."""
    import numpy as np

    ids = sorted(sketches)
    width = array("I").itemsize
    sizes = np.fromiter((len(sketches[d]) // width for d in ids), dtype=np.int64,
                        count=len(ids))
    if len(ids) < 2 or not sizes.any():
        return
    # (hash << 32 | the document's place in ``ids``), sorted: each hash's documents in a run
    packed = np.frombuffer(b"".join(sketches[d] for d in ids),
                           dtype=np.dtype(f"=u{width}")).astype(np.uint64)
    packed <<= np.uint64(32)
    packed |= np.repeat(np.arange(len(ids), dtype=np.uint64), sizes)
    packed.sort()
    docs = (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    packed >>= np.uint64(32)
    starts: Any = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
    del packed
    lengths: Any = np.diff(np.append(starts, len(docs)))
    kept = (lengths > 1) & (lengths <= COMMON)
    starts, lengths = starts[kept], lengths[kept]
    # each pair of a run's documents as one integer, first * count + second, by run length
    count = np.int64(len(ids))
    found = []
    for length in np.unique(lengths).tolist():
        runs = starts[lengths == length]
        # a row a hash: its documents, in order
        held = docs[runs[:, None] + np.arange(length)].astype(np.int64)
        first, second = np.triu_indices(length, 1)
        found.append((held[:, first] * count + held[:, second]).ravel())
    if not found:
        return
    pairs, shared = np.unique(np.concatenate(found), return_counts=True)
    for pair, n in zip(pairs.tolist(), shared.tolist(), strict=True):
        a, b = divmod(pair, len(ids))
        yield ids[a], ids[b], n


def _apart(a: Document | None, b: Document | None) -> bool:
    """Whether both documents are dated, more than ``MAX_DAYS`` apart."""
    try:
        days = [date.fromisoformat(d.published[:10]) for d in (a, b) if d and d.published]
    except ValueError:
        return False
    return len(days) == 2 and abs((days[0] - days[1]).days) > MAX_DAYS


def _order(doc: Document | None, doc_id: str) -> tuple[str, str, str]:
    """The first of a cluster: the earliest published, then by source (undated last)."""
    if doc is None:
        return ("\uffff", "", doc_id)
    return (doc.published or "\uffff", doc.source, doc_id)


def outlet(doc: Document) -> str:
    """Who published a document: its site, else its URL's host (without ``www.``), else ""."""
    if doc.site:
        return doc.site.strip()
    host = re.match(r"https?://([^/:?#]+)", doc.url or "")
    return host.group(1).lower().removeprefix("www.") if host else ""


def stories(found: Iterable[tuple[str, str]], first: Mapping[str, str]) -> dict[str, str]:
    """The story of each document of ``found`` (document id, the sentence it states a fact
    in): its cluster's first document (``first``: each copy's); and documents that state
    the fact in the same sentence of ``SAME_SENTENCE`` words or more, word for word, are one
    story too (a teaser on index pages that hold other teasers, a wire paragraph quoted whole:
    one source's words, however many pages carry them)."""
    parent: dict[str, str] = {}

    def root(d: str) -> str:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    said: dict[str, str] = {}
    docs = set()
    for doc_id, sentence in found:
        docs.add(doc_id)
        join(doc_id, first.get(doc_id, doc_id))
        words = _WORD.findall(sentence.lower())
        if len(words) >= SAME_SENTENCE:
            join(doc_id, said.setdefault(" ".join(words), doc_id))
    return {d: root(d) for d in sorted(docs)}
