"""The rules' view of a parsed paragraph: spaCy's ``Doc``, ``Span`` and ``Token``, each token's
attributes read from spaCy once.

The rules walk a paragraph's tokens and read their attributes again and again (``pos_``,
``dep_``, ``lower_``, ``head``, ``children``...): about a hundred reads a token. On a spaCy token
each read goes through Cython and makes a new string, and ``doc[i]``, ``head`` and ``children``
make new token objects every time. Here a paragraph holds one ``Token`` per token, made once,
with what nearly every rule reads already read (for the whole paragraph at once); the rest is
read from spaCy the first time it is asked and kept. These classes answer as spaCy's of the
same names do for what the rules read. They never hand out a spaCy object: one that is not
mapped here is an error, not a silent mix of the two kinds (which compare unequal).

The module is compiled with the rules (``kg.compiled``): its classes are then native, their
attributes fields the compiled rules read as a C struct's, a third of the rules' time; so
every attribute is declared in ``__init__`` (a native object takes no other) and what is kept
when first asked has a field of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter
from typing import Any

from spacy import attrs
from spacy import tokens as spacy

# What nearly every rule reads, read for a whole paragraph at once (``Doc.to_array``): strings
# come as hashes, ``HEAD`` as an offset, flags as 0 or 1.
_READ = (attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.IDX,
         attrs.SPACY, attrs.HEAD, attrs.IS_PUNCT, attrs.IS_TITLE, attrs.SENT_START)

# The string of each hash read, from the string store of the paragraph being read when first
# asked (not a pass over every hash of every paragraph): a hash is the same string in every
# pipeline, so they are kept across paragraphs.
_STRINGS: dict[int, str] = {}
_NONE: list[Token] = []  # no token has the value asked (never changed)
_position = attrgetter("i")


def _plain(owner: object, name: str, value: Any) -> Any:
    """``value`` if it can be kept as it is: no spaCy object (nor a tuple of them), iterator
    (spaCy's are Cython generators) or method."""
    items = value if isinstance(value, (tuple, list)) else (value,)
    if isinstance(value, Iterator) or callable(value) or any(
            isinstance(item, (spacy.Token, spacy.Span, spacy.Doc)) for item in items):
        raise TypeError(f"{type(owner).__name__}.{name} is not mapped from spaCy")
    return value


class Token:
    """One token of a ``Doc``; compares and hashes by identity (one per token). Its
    attributes are fields (the compiled rules read them as a C struct's), set at once; what a
    few rules read is read from spaCy when first asked and kept (``_kept``)."""

    def __init__(self, i: int, doc: Doc, text: str, lower_: str, lemma_: str, pos_: str,
                 tag_: str, dep_: str, idx: int, whitespace_: str, is_punct: bool,
                 is_title: bool) -> None:
        self.i = i
        self.doc = doc
        self.text = text
        self.lower_ = lower_
        self.lemma_ = lemma_
        self.pos_ = pos_
        self.tag_ = tag_
        self.dep_ = dep_
        self.idx = idx
        self.whitespace_ = whitespace_
        self.is_punct = is_punct
        self.is_title = is_title
        self._head = i  # the head's position: a token points down its tree, never up (no cycle)
        self.children: tuple[Token, ...] = ()  # in order, as spaCy gives them
        self._kept: dict[str, Any] | None = None
        self._lefts: tuple[Token, ...] | None = None
        self._rights: tuple[Token, ...] | None = None
        self._subtree: tuple[Token, ...] | None = None
        self._ancestors: tuple[Token, ...] | None = None
        self._conjuncts: tuple[Token, ...] | None = None
        self._left_edge: Token | None = None
        self._right_edge: Token | None = None

    @property
    def head(self) -> Token:
        return self.doc.words[self._head]

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __lt__(self, other: Token) -> bool:
        return self.i < other.i

    def __hash__(self) -> int:  # by identity; compiled, a class that orders has no hash
        return object.__hash__(self)

    # told from the word alone, as spaCy's lexeme tells them (``spacy.lang.lex_attrs``)
    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_digit(self) -> bool:
        return self.text.isdigit()

    @property
    def is_space(self) -> bool:
        return self.text.isspace()

    def _spacy(self, name: str) -> Any:
        """An attribute of the spaCy token, read when first asked and kept."""
        kept = self._kept
        if kept is None:
            kept = self._kept = {}
        elif name in kept:
            return kept[name]
        value = kept[name] = getattr(self.doc.parsed[self.i], name)
        return value

    # read by a few rules
    @property
    def like_num(self) -> bool:
        return self._spacy("like_num")

    @property
    def ent_type_(self) -> str:
        return self._spacy("ent_type_")

    @property
    def ent_iob_(self) -> str:
        return self._spacy("ent_iob_")

    @property
    def norm_(self) -> str:
        return self._spacy("norm_")

    @property
    def is_stop(self) -> bool:
        return self._spacy("is_stop")

    @property
    def is_quote(self) -> bool:
        return self._spacy("is_quote")

    @property
    def is_sent_start(self) -> Any:
        return self._spacy("is_sent_start")

    @property
    def is_sent_end(self) -> Any:
        return self._spacy("is_sent_end")

    def _tokens(self, name: str) -> tuple[Token, ...]:
        words = self.doc.words
        return tuple(words[t.i] for t in getattr(self.doc.parsed[self.i], name))

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def lefts(self) -> tuple[Token, ...]:
        found = self._lefts
        if found is None:
            found = self._lefts = tuple(t for t in self.children if t.i < self.i)
        return found

    @property
    def rights(self) -> tuple[Token, ...]:
        found = self._rights
        if found is None:
            found = self._rights = tuple(t for t in self.children if t.i > self.i)
        return found

    @property
    def subtree(self) -> tuple[Token, ...]:
        found = self._subtree
        if found is None:
            found = self._subtree = (
                *(t for left in self.lefts for t in left.subtree), self,
                *(t for right in self.rights for t in right.subtree))
        return found

    @property
    def ancestors(self) -> tuple[Token, ...]:
        found = self._ancestors
        if found is None:
            found = self._ancestors = self._tokens("ancestors")
        return found

    @property
    def conjuncts(self) -> tuple[Token, ...]:
        found = self._conjuncts
        if found is None:
            found = self._conjuncts = self._tokens("conjuncts")
        return found

    @property
    def left_edge(self) -> Token:
        found = self._left_edge
        if found is None:
            found = self._left_edge = self.doc.words[self.doc.parsed[self.i].left_edge.i]
        return found

    @property
    def right_edge(self) -> Token:
        found = self._right_edge
        if found is None:
            found = self._right_edge = self.doc.words[self.doc.parsed[self.i].right_edge.i]
        return found

    @property
    def sent(self) -> Span:
        return self.doc.sentence_of(self.i)

    def nbor(self, i: int = 1) -> Token:
        j = self.i + i
        if not 0 <= j < len(self.doc.words):
            raise IndexError(f"token {j} is outside the paragraph")
        return self.doc.words[j]

    def _release(self) -> None:
        self.children = ()
        self._lefts = self._rights = self._subtree = self._ancestors = self._conjuncts = None
        self._left_edge = self._right_edge = None


class Span:
    """Tokens ``start`` to ``end`` (exclusive) of a ``Doc``, as a spaCy ``Span``: equal
    to another of the same paragraph, bounds and label."""

    def __init__(self, doc: Doc, start: int, end: int, label_: str = "") -> None:
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label_
        self._parsed: Any = None  # spaCy's span, when first asked
        self._text: str | None = None
        self._root: Token | None = None
        self._sent: Span | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and other.doc is self.doc and (
            other.start, other.end, other.label_) == (self.start, self.end, self.label_)

    def __hash__(self) -> int:
        return hash((id(self.doc), self.start, self.end, self.label_))

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Any:
        return iter(self.doc.words[self.start:self.end])

    def __reversed__(self) -> Any:
        return reversed(self.doc.words[self.start:self.end])

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, end = _bounds(len(self), key)
            return Span(self.doc, self.start + start, self.start + end)
        i = self.end + key if key < 0 else self.start + key
        if not self.start <= i < self.end:
            raise IndexError(f"token {key} is outside the span")
        return self.doc.words[i]

    def __repr__(self) -> str:
        return self.text

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _plain(self, name, getattr(self._span, name))

    @property
    def _span(self) -> Any:
        found = self._parsed
        if found is None:
            found = self._parsed = self.doc.parsed[self.start:self.end]
        return found

    @property
    def start_char(self) -> int:
        if self.start < self.end:
            return self.doc.words[self.start].idx
        return self._span.start_char

    @property
    def end_char(self) -> int:
        if self.start < self.end:
            last = self.doc.words[self.end - 1]
            return last.idx + len(last.text)
        return self._span.end_char

    @property
    def text(self) -> str:
        found = self._text
        if found is None:
            found = self._text = (self.doc.text[self.start_char:self.end_char]
                                  if self.start < self.end else "")
        return found

    @property
    def text_with_ws(self) -> str:
        return "".join([t.text_with_ws for t in self.doc.words[self.start:self.end]])

    @property
    def root(self) -> Token:
        found = self._root
        if found is None:
            found = self._root = self.doc.words[
                self._span.root.i if self.start >= self.end else self._root_at()]
        return found

    def _root_at(self) -> int:
        """The position of spaCy's ``Span.root``, read as it reads it: the sentence's root if
        the span holds it, else the first of the tokens nearest to it whose head is outside
        (a punctuation mark or space with no children of its own counts as farthest)."""
        words = self.doc.words
        for i in range(self.start, self.end):
            if words[i]._head == i:
                return i
        length = len(words)
        best, root = length, -1
        for i in range(self.start, self.end):
            word = words[i]
            if self.start <= word._head < self.end:
                continue
            if not word.children and (word.is_punct or word.text.isspace()):
                steps = length - 1
            else:
                steps, at = 0, word
                while at._head != at.i:
                    at = words[at._head]
                    steps += 1
                    if steps >= length:
                        raise RuntimeError("the parse's heads hold a cycle")
            if steps < best:
                best, root = steps, i
        return self.start if root == -1 else root

    @property
    def sent(self) -> Span:
        """The sentence of the span's first token (as spaCy's ``Span.sent``)."""
        found = self._sent
        if found is None:
            doc = self.doc
            if self.start >= len(doc.words) or not doc.sentences_known:
                sent = self._span.sent
                found = Span(doc, sent.start, sent.end)
            else:
                starts = doc.sentence_starts
                start = self.start
                while not starts[start] and start > 0:
                    start -= 1
                end = self.start + 1
                while end < len(starts) and not starts[end]:
                    end += 1
                found = Span(doc, start, end)
            self._sent = found
        return found

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple(e for e in self.doc.ents if self.start <= e.start and e.end <= self.end)


def _string(strings: dict[int, str], store: Any, key: int) -> str:
    """The string of hash ``key``, from ``store`` when first asked (``_STRINGS``)."""
    found = strings.get(key)
    if found is None:
        found = strings[key] = store[key]
    return found


class Doc:
    """A parsed paragraph (a spaCy ``Doc``) as ``Token`` objects."""

    def __init__(self, parsed: spacy.Doc) -> None:
        self.parsed: Any = parsed
        rows: list[list[int]] = parsed.to_array(_READ).tolist() if len(parsed) else []
        strings, store = _STRINGS, parsed.vocab.strings
        words: list[Token] = []
        children: list[list[Token]] = []
        heads: list[int] = []
        # where spaCy's sentences start (``SENT_START`` 1; -1 and 0 are no start)
        starts: list[bool] = []
        for i, row in enumerate(rows):
            text, lower, lemma, pos, tag, dep, idx, space, head, punct, title, start = row
            starts.append(start == 1)
            words.append(Token(
                i, self, _string(strings, store, text), _string(strings, store, lower),
                _string(strings, store, lemma), _string(strings, store, pos),
                _string(strings, store, tag), _string(strings, store, dep), idx,
                " " if space else "", punct == 1, title == 1))
            heads.append(i + (head if head < 2 ** 63 else head - 2 ** 64))  # a signed offset
            children.append([])
        self.words: tuple[Token, ...] = tuple(words)
        # the text as spaCy's ``Doc.text`` joins it, from the strings read (that joins them
        # again from a new spaCy token each)
        self.text = "".join([w.text + w.whitespace_ for w in words])
        self._by: dict[str, dict[Any, list[Token]]] = {}  # see ``having``
        for word, head in zip(words, heads, strict=True):
            word._head = head
            if head != word.i:
                children[head].append(word)
        for word, below in zip(words, children, strict=True):
            word.children = tuple(below)
        self.sentence_starts = starts
        # a paragraph parsed has them; one made by hand may not (spaCy then reads none)
        self.sentences_known: bool = parsed.has_annotation("SENT_START")
        self._sentences: tuple[Span, ...] | None = None
        self._sentence_of: tuple[Span, ...] | None = None
        self._ents: tuple[Span, ...] | None = None

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Any:
        return iter(self.words)

    def __reversed__(self) -> Any:
        return reversed(self.words)

    def having(self, attribute: str, *values: str) -> list[Token]:
        """The paragraph's tokens whose ``attribute`` ("pos_" or "dep_") is one of
        ``values``, in order: a rule that looks at the verbs, say, reads them alone instead
        of testing every token (some thirty rules each passed over every token, a tenth of
        what the rules cost). Shared: not to be changed."""
        by = self._by.get(attribute)
        if by is None:  # the tokens grouped by the attribute's values, when first asked
            by = self._by[attribute] = defaultdict(list)
            for word in self.words:
                by[word.pos_ if attribute == "pos_" else word.dep_ if attribute == "dep_"
                   else getattr(word, attribute)].append(word)
        if len(values) == 1:
            return by.get(values[0], _NONE)
        merged = by.get(values)  # asked before (a tuple is no value of a token)
        if merged is None:
            merged = by[values] = sorted((t for v in values for t in by.get(v, ())),
                                         key=_position)
        return merged

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, end = key.start, key.stop
            if key.step is None and start.__class__ is int and end.__class__ is int and \
                    0 <= start <= end <= len(self.words):
                return Span(self, start, end)  # most slices: nothing to read as spaCy would
            return Span(self, *_bounds(len(self.words), key))
        return self.words[key]

    def __repr__(self) -> str:
        return self.text

    @property
    def sentences(self) -> tuple[Span, ...]:
        found = self._sentences
        if found is None:
            if not self.sentences_known:  # spaCy says why it has none
                found = tuple(Span(self, s.start, s.end) for s in self.parsed.sents)
            else:  # as spaCy's ``Doc.sents`` reads them
                bounds = [i for i, start in enumerate(self.sentence_starts) if start and i]
                found = tuple(Span(self, a, b) for a, b in
                              zip([0, *bounds], [*bounds, len(self.words)], strict=True)
                              if a < b)
            self._sentences = found
        return found

    @property
    def sents(self) -> Any:
        return iter(self.sentences)

    def release(self) -> None:
        """Drop the links between the paragraph and its tokens. The tokens point at the
        paragraph, which points at the tokens (and at its sentences, which point back):
        left alone, these cycles wait for the cycle collector, which walks every object the
        build holds each time it runs. Released, they are freed at once. The paragraph is
        not read after."""
        for word in self.words:
            word._release()
        self.words = ()
        self._by = {}
        self._sentences = self._sentence_of = self._ents = None
        self.parsed = None

    def sentence_of(self, i: int) -> Span:
        """The sentence of token ``i``."""
        found = self._sentence_of
        if found is None:
            found = self._sentence_of = tuple(s for s in self.sentences for _ in range(len(s)))
        return found[i]

    @property
    def ents(self) -> tuple[Span, ...]:
        found = self._ents
        if found is None:
            found = self._ents = tuple(Span(self, e.start, e.end, e.label_)
                                       for e in self.parsed.ents)
        return found


def _bounds(length: int, key: slice) -> tuple[int, int]:
    """A slice's bounds as spaCy reads them (``spacy.util.normalize_slice``)."""
    if key.step not in (None, 1):
        raise ValueError("a slice of tokens has no step")
    start = 0 if key.start is None else key.start + length if key.start < 0 else key.start
    start = min(length, max(0, start))
    end = length if key.stop is None else key.stop + length if key.stop < 0 else key.stop
    return start, min(length, max(start, end))
