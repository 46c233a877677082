"""Which language a document is written in, and whether kg should parse it.

The English pipeline parses other languages into garbage (German "und" read as a verb), so a
build keeps the documents of the language asked for (``ReadOptions.language``, English by
default) and counts the others in one warning per input. py3langid (a kept fork of langid.py,
by trafilatura's author) names the language offline from character n-grams; its model ships
in the package. Only a confident guess on enough text leaves a document out: short or odd texts
(a table of figures, a line of sports scores) are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg import usercache
from kg.model import Document
from kg.sources import note

ANY = "any"  # ReadOptions.language that keeps every document
SURE = 0.9  # the probability a guess needs to leave a document out
MIN_LETTERS = 200  # fewer letters than this: too little text to judge; kept
SAMPLE = 2000  # characters read to guess (the start of a story says its language)
LOWER_SHARE = 0.005  # documents with fewer capitalised words than this share are lower case
# English function words: when they are this share of a text's words, it is English, and the
# model (half a second to load) is not needed; on the texts of three English corpora, 99 % of
# AG News' stories and 76 % of Reuters' (not its tables of figures) are told this way, and no
# page in another language reaches it (German, Spanish: 0.04)
ENGLISH_WORDS = frozenset("the of and to in a is that for on with was as it by said at from his "
                          "her its are be has have were an this which will".split())
ENGLISH_SHARE = 0.12
_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True, slots=True)
class Guess:
    """A document's language (ISO 639-1) and the model's probability of it (1.0 when its
    function words alone say English)."""

    code: str
    probability: float


class Guesser:
    """Guesses languages; the model is loaded on the first guess, once per guesser."""

    def __init__(self) -> None:
        self._model: Any = None

    def guess(self, text: str) -> Guess | None:
        """The language of ``text``, or None when it holds too few letters to tell."""
        sample = text[:SAMPLE]
        letters = sum(map(str.isalpha, sample))
        if letters < MIN_LETTERS:
            return None
        words = _WORD.findall(sample.lower())
        # in Latin letters (a Chinese page quoting "the" is no English one)
        if sum(map(len, words)) >= 0.9 * letters and \
                sum(w in ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words):
            return Guess("en", 1.0)
        if self._model is None:
            self._model = _load()
        code, probability = self._model.classify(sample)
        return Guess(str(code), float(probability))


CACHE_NAME = "language-model"  # the model unpacked, in the user's cache (``kg.usercache``)


def _load() -> Any:
    """The model, restricted to the languages of two-letter codes: unpacked from the user's
    cache, else from the package (LZMA: half a second) and kept there."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    made_for = usercache.key(MODEL_DIR / MODEL_FILE, Path(__file__),
                             f"py3langid {py3langid.__version__}")
    data = usercache.load(CACHE_NAME, made_for)
    if data is not None:
        try:
            ptc, pc, classes, nextmove, row, output = _unpacked(data)
            return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True,
                                      tk_row=row)
        except Exception:  # a damaged entry: made again below
            pass
    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # the languages of two-letter codes: the model's later additions (Nigerian Pidgin and the
    # like) claim English wire tables and figures
    model.set_languages(sorted({code for code in model.nb_classes
                                if len(code) == 2 and code not in ("zxx", "vo")}))
    usercache.keep(CACHE_NAME, made_for, _packed(model))
    return model


def _packed(model: Any) -> bytes:
    """The restricted model's arrays as one header line (JSON: each array's type, shape and
    offset) and their bytes, each at an offset that is a multiple of 16."""
    import numpy as np

    arrays = [np.ascontiguousarray(model.nb_ptc), np.ascontiguousarray(model.nb_pc),
              np.frombuffer(model.tk_nextmove, dtype=f"u{model.tk_nextmove.itemsize}"),
              np.frombuffer(model.tk_row, dtype=f"u{model.tk_row.itemsize}"),
              np.asarray(model.tk_output, dtype=np.int32)]
    layout, chunks, offset = [], [], 0
    for array in arrays:
        layout.append((array.dtype.str, array.shape, offset))
        raw = array.tobytes()
        chunks.append(raw + bytes(-len(raw) % 16))
        offset += len(chunks[-1])
    head = json.dumps({"arrays": layout, "classes": list(model.nb_classes)}).encode()
    return head + b"\n" + bytes(-(len(head) + 1) % 16) + b"".join(chunks)


def _unpacked(data: memoryview) -> tuple[Any, ...]:
    """``_packed``'s arrays, read in place from ``data`` (the DFA's tables as memory views:
    the model indexes them one byte of text at a time, as it does its own arrays)."""
    import numpy as np

    end = bytes(data[:1 << 16]).index(b"\n")  # the header: a few kB
    head = json.loads(bytes(data[:end]))
    start = end + 1 + (-(end + 1) % 16)
    view = data[start:]
    found = []
    for dtype, shape, offset in head["arrays"]:
        kind = np.dtype(dtype)
        count = int(np.prod(shape, dtype=np.int64))
        found.append(np.frombuffer(view, dtype=kind, count=count, offset=offset).reshape(shape))
    ptc, pc, nextmove, row, output = found
    last = head["arrays"][-1]
    if ptc.ndim != 2 or ptc.shape[1] != pc.size or len(head["classes"]) != pc.size or \
            row.size != output.size or len(view) != last[2] + output.nbytes + \
            (-output.nbytes % 16):
        raise ValueError("language model: arrays do not fit")
    return (ptc, pc, [str(c) for c in head["classes"]], memoryview(nextmove).cast("B").cast(
        nextmove.dtype.char), memoryview(row).cast("B").cast(row.dtype.char),
        memoryview(output).cast("B").cast("i"))


def left_out(guess: Guess | None, wanted: str) -> bool:
    """Whether a document of this guess is not in the language ``wanted``.

    >>> left_out(Guess("de", 0.99), "en"), left_out(Guess("de", 0.6), "en")
    (True, False)
    >>> left_out(Guess("de", 0.99), "any"), left_out(None, "en")
    (False, False)
    """
    return (wanted != ANY and guess is not None and guess.code != wanted
            and guess.probability >= SURE)


def lower_case(text: str) -> bool:
    """Whether a document is written almost all in lower case (a common form of shared data
    sets), where names are not told from words and few facts are found.

    >>> lower_case("the board of vexa systems said on monday it had hired ana ruiz " * 9)
    True
    >>> lower_case("The board of Vexa Systems said on Monday it had hired Ana Ruiz. " * 9)
    False
    """
    words = text[:SAMPLE].split()
    if len(words) < 50:
        return False
    return sum(w[0].isupper() for w in words) < LOWER_SHARE * len(words)


def summary(shown: str, languages: Counter[str], wanted: str) -> str:
    """One warning line for the documents of one input left out for their language.

    >>> summary("news.jsonl", Counter({"de": 2, "fr": 1}), "en")
    'news.jsonl: 3 documents not in English (de: 2, fr: 1) left out; --language any reads them'
    """
    total = sum(languages.values())
    found = ", ".join(f"{code}: {count}" for code, count in
                      sorted(languages.items(), key=lambda item: (-item[1], item[0])))
    name = "English" if wanted == "en" else f"language {wanted}"
    return (f"{shown}: {total} document{'s' if total > 1 else ''} not in {name} ({found}) "
            "left out; --language any reads them")


def screened(documents: Iterable[Document], shown: str, wanted: str, guesser: Guesser,
             skipped: list[str]) -> Iterator[Document]:
    """The documents of one input in the language ``wanted``, each with the language kg is
    sure of; one warning line in ``skipped`` counts those left out, and one those almost all
    in lower case."""
    others: Counter[str] = Counter()
    lower = 0
    for document in documents:
        guess = guesser.guess(document.text)
        if left_out(guess, wanted):
            others[guess.code] += 1  # type: ignore[union-attr]
            continue
        if lower_case(document.text):
            lower += 1
        if guess is not None and guess.probability >= SURE:
            document = replace(document, language=guess.code)
        yield document
    if others:
        skipped.append(summary(shown, others, wanted))
    if lower:
        skipped.append(note(f"{shown}: {lower} document{'s are' if lower > 1 else ' is'} "
                            "almost all in lower case: names cannot be told from words there, "
                            "so few facts will be found"))
