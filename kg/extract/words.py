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
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from operator import attrgetter
from typing import Any

from spacy import attrs
from spacy import tokens as spacy

# What nearly every rule reads, read for a whole paragraph at once (``Doc.to_array``): strings
# come as hashes, ``HEAD`` as an offset, flags as 0 or 1.
_READ = (attrs.ORTH, attrs.LOWER, attrs.LEMMA, attrs.POS, attrs.TAG, attrs.DEP, attrs.IDX,
         attrs.SPACY, attrs.HEAD, attrs.IS_PUNCT, attrs.IS_TITLE)


class _Strings(dict[int, str]):
    """The string of each hash read, from the string store of the paragraph being read when
    first asked (a lookup that misses, not a pass over every hash of every paragraph): a hash
    is the same string in every pipeline, so they are kept across paragraphs."""

    reading = threading.local()  # ``store``: the string store of this thread's paragraph

    def __missing__(self, key: int) -> str:
        value = self[key] = self.reading.store[key]
        return value


_STRINGS = _Strings()
_new = object.__new__
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


class _Kept:
    """A token attribute (a string or a flag) read from spaCy when first asked, then kept on
    the token, where a later read finds it before this descriptor."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, token: Token, owner: type) -> Any:
        value = getattr(token.doc.parsed[token.i], self.name)
        setattr(token, self.name, value)
        return value


class _Told:
    """A token flag spaCy tells from the word alone with a ``str`` method (its lexeme's
    ``is_space``, ``is_lower``...: ``spacy.lang.lex_attrs``), told here the same way when first
    asked, then kept: no spaCy token made to read it (``is_space`` is asked of half of all
    tokens)."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.test = test

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, token: Token, owner: type) -> bool:
        value = self.test(token.text)
        setattr(token, self.name, value)
        return value


class _once:  # a decorator, named as functools.cached_property
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    read): the value is made when first asked and kept on the object."""

    def __init__(self, making: Callable[[Any], Any]) -> None:
        self.making = making
        self.name = making.__name__

    def __get__(self, owner: Any, cls: type) -> Any:
        value = self.making(owner)
        setattr(owner, self.name, value)
        return value


class Token:
    """One token of a ``Doc``; compares and hashes by identity (one per token). No
    ``__getattr__``: it would slow every attribute read down."""

    text: str
    lower_: str
    lemma_: str
    pos_: str
    tag_: str
    dep_: str
    idx: int
    whitespace_: str
    is_punct: bool
    is_title: bool
    head: Token
    children: tuple[Token, ...]  # in order, as spaCy gives them

    # read by a few rules
    is_upper = _Told(str.isupper)
    is_lower = _Told(str.islower)
    is_alpha = _Told(str.isalpha)
    is_digit = _Told(str.isdigit)
    is_space = _Told(str.isspace)
    like_num = _Kept()
    ent_type_ = _Kept()
    ent_iob_ = _Kept()
    norm_ = _Kept()
    is_stop = _Kept()
    is_quote = _Kept()
    is_sent_start = _Kept()
    is_sent_end = _Kept()

    def __init__(self, i: int, doc: Doc) -> None:
        self.i = i
        self.doc = doc

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text

    def __lt__(self, other: Token) -> bool:
        return self.i < other.i

    def _tokens(self, name: str) -> tuple[Token, ...]:
        words = self.doc.words
        return tuple(words[t.i] for t in getattr(self.doc.parsed[self.i], name))

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @_once
    def lefts(self) -> tuple[Token, ...]:
        return tuple(t for t in self.children if t.i < self.i)

    @_once
    def rights(self) -> tuple[Token, ...]:
        return tuple(t for t in self.children if t.i > self.i)

    @_once
    def subtree(self) -> tuple[Token, ...]:
        return (*(t for left in self.lefts for t in left.subtree), self,
                *(t for right in self.rights for t in right.subtree))

    @_once
    def ancestors(self) -> tuple[Token, ...]:
        return self._tokens("ancestors")

    @_once
    def conjuncts(self) -> tuple[Token, ...]:
        return self._tokens("conjuncts")

    @_once
    def left_edge(self) -> Token:
        return self.doc.words[self.doc.parsed[self.i].left_edge.i]

    @_once
    def right_edge(self) -> Token:
        return self.doc.words[self.doc.parsed[self.i].right_edge.i]

    @property
    def sent(self) -> Span:
        return self.doc.sentence_of(self.i)

    def nbor(self, i: int = 1) -> Token:
        j = self.i + i
        if not 0 <= j < len(self.doc.words):
            raise IndexError(f"token {j} is outside the paragraph")
        return self.doc.words[j]


class Span:
    """Tokens ``start`` to ``end`` (exclusive) of a ``Doc``, as a spaCy ``Span``: equal
    to another of the same paragraph, bounds and label."""

    def __init__(self, doc: Doc, start: int, end: int, label_: str = "") -> None:
        self.doc = doc
        self.start = start
        self.end = end
        self.label_ = label_

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and other.doc is self.doc and (
            other.start, other.end, other.label_) == (self.start, self.end, self.label_)

    def __hash__(self) -> int:
        return hash((id(self.doc), self.start, self.end, self.label_))

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Any:
        return iter(self.doc.words[self.start:self.end])

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
        if name.startswith("__") or name in ("doc", "start", "end", "label_"):
            raise AttributeError(name)
        return _plain(self, name, getattr(self._span, name))

    @_once
    def _span(self) -> spacy.Span:
        return self.doc.parsed[self.start:self.end]

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

    @_once
    def text(self) -> str:
        return self.doc.text[self.start_char:self.end_char] if self.start < self.end else ""

    @property
    def text_with_ws(self) -> str:
        return "".join(t.text_with_ws for t in self)

    @_once
    def root(self) -> Token:
        return self.doc.words[self._span.root.i]

    @_once
    def sent(self) -> Span:
        sent = self._span.sent
        return Span(self.doc, sent.start, sent.end)

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple(e for e in self.doc.ents if self.start <= e.start and e.end <= self.end)


class Doc:
    """A parsed paragraph (a spaCy ``Doc``) as ``Token`` objects."""

    def __init__(self, parsed: spacy.Doc) -> None:
        self.parsed = parsed
        rows = parsed.to_array(_READ).tolist() if len(parsed) else []
        strings = _STRINGS
        strings.reading.store = parsed.vocab.strings
        words: list[Token] = []
        heads: list[int] = []
        for i, (text, lower, lemma, pos, tag, dep, idx, space, head, punct, title) in \
                enumerate(rows):
            # each token's attributes set at once, without ``Token.__init__`` and a dozen
            # attribute writes: the paragraph's tokens are most of what making it costs
            word = _new(Token)
            word.__dict__ = {
                "i": i, "doc": self, "text": strings[text], "lower_": strings[lower],
                "lemma_": strings[lemma], "pos_": strings[pos], "tag_": strings[tag],
                "dep_": strings[dep], "idx": idx, "whitespace_": " " if space else "",
                "is_punct": punct == 1, "is_title": title == 1}
            words.append(word)
            heads.append(i + (head if head < 2 ** 63 else head - 2 ** 64))  # a signed offset
        self.words = tuple(words)
        # the text as spaCy's ``Doc.text`` joins it, from the strings read (that joins them
        # again from a new spaCy token each)
        self.text = "".join([w.text + w.whitespace_ for w in words])
        self._by: dict[str, dict[Any, list[Token]]] = {}  # see ``having``
        children: list[list[Token]] = [[] for _ in words]
        for word, head in zip(words, heads, strict=True):
            word.head = words[head]
            if head != word.i:
                children[head].append(word)
        for word, below in zip(words, children, strict=True):
            word.children = tuple(below)

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Any:
        return iter(self.words)

    def having(self, attribute: str, *values: str) -> list[Token]:
        """The paragraph's tokens whose ``attribute`` ("pos_" or "dep_") is one of
        ``values``, in order: a rule that looks at the verbs, say, reads them alone instead
        of testing every token (some thirty rules each passed over every token, a tenth of
        what the rules cost). Shared: not to be changed."""
        by = self._by.get(attribute)
        if by is None:  # the tokens grouped by the attribute's values, when first asked
            by = self._by[attribute] = defaultdict(list)
            for word in self.words:
                by[word.__dict__[attribute]].append(word)
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

    @_once
    def sentences(self) -> tuple[Span, ...]:
        return tuple(Span(self, s.start, s.end) for s in self.parsed.sents)

    @property
    def sents(self) -> Any:
        return iter(self.sentences)

    @_once
    def _sentence_of(self) -> tuple[Span, ...]:
        return tuple(s for s in self.sentences for _ in range(len(s)))

    def release(self) -> None:
        """Drop the tokens' links to each other and to the paragraph. A token points at its
        head and children and at the paragraph, which points at the tokens: left alone, these
        cycles wait for the cycle collector, which walks every object the build holds each
        time it runs. Released, they are freed at once. The paragraph is not read after."""
        for word in self.words:
            word.__dict__.clear()
        self.__dict__.clear()

    def sentence_of(self, i: int) -> Span:
        """The sentence of token ``i``."""
        return self._sentence_of[i]

    @_once
    def ents(self) -> tuple[Span, ...]:
        return tuple(Span(self, e.start, e.end, e.label_) for e in self.parsed.ents)


def _bounds(length: int, key: slice) -> tuple[int, int]:
    """A slice's bounds as spaCy reads them (``spacy.util.normalize_slice``)."""
    if key.step not in (None, 1):
        raise ValueError("a slice of tokens has no step")
    start = 0 if key.start is None else key.start + length if key.start < 0 else key.start
    start = min(length, max(0, start))
    end = length if key.stop is None else key.stop + length if key.stop < 0 else key.stop
    return start, min(length, max(start, end))
