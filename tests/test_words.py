"""The rules' tokens (kg.extract.words) answer as spaCy's do, each made once per paragraph."""

import gc

import pytest

from kg.extract.words import Doc

TEXT = ("Quillon Ltd, a Dorville-based maker of 3.5 mm valves, said on Tuesday it had agreed to "
        "buy Vexa Systems for $12 million.  Its chief executive, Ana Ruiz, declined to comment. "
        "Shares rose 4% in Dorville!")
TOKEN_ATTRIBUTES = ("text", "lower_", "lemma_", "pos_", "tag_", "dep_", "idx", "whitespace_",
                    "text_with_ws", "is_punct", "is_title", "is_upper", "is_lower", "is_alpha",
                    "is_digit", "is_space", "like_num", "ent_type_", "ent_iob_", "norm_",
                    "is_stop", "is_quote", "is_sent_start", "is_sent_end", "i")
TREE = ("children", "lefts", "rights", "subtree", "ancestors", "conjuncts")


@pytest.fixture(scope="module")
def parsed(nlp):
    return nlp(TEXT)


def test_every_token_reads_as_spacy_reads_it(parsed):
    doc = Doc(parsed)
    assert len(doc) == len(parsed) and doc.text == parsed.text
    for token, word in zip(parsed, doc, strict=True):
        for name in TOKEN_ATTRIBUTES:
            assert getattr(word, name) == getattr(token, name), (name, token.text)
        for name in TREE:
            assert [t.i for t in getattr(word, name)] == [t.i for t in getattr(token, name)]
        for name in ("head", "left_edge", "right_edge"):
            assert getattr(word, name).i == getattr(token, name).i
        assert (word.sent.start, word.sent.end) == (token.sent.start, token.sent.end)
        assert len(word) == len(token) and str(word) == str(token)


def test_each_token_is_made_once(parsed):
    doc = Doc(parsed)
    verb = next(t for t in doc if t.lemma_ == "agree")
    assert doc[verb.i] is verb and verb.head.children[0].doc is doc
    assert all(c.head is verb for c in verb.children)
    assert doc[-1] is doc.words[-1] and doc[0].nbor() is doc[1]
    with pytest.raises(IndexError):
        doc[-1].nbor()


def test_slices_sentences_and_entities_read_as_spacy_reads_them(parsed):
    doc = Doc(parsed)
    n = len(parsed)
    for start, end in ((0, n), (2, 6), (-4, None), (5, 3), (n - 2, n + 4), (None, -1), (0, 0)):
        span, words = parsed[start:end], doc[start:end]
        assert (words.start, words.end, words.text, words.start_char, words.end_char,
                words.text_with_ws, len(words)) == (
            span.start, span.end, span.text, span.start_char, span.end_char,
            span.text_with_ws, len(span))
        assert [t.i for t in words] == [t.i for t in span]
        if len(span):
            assert words.root.i == span.root.i and words[-1].i == span[-1].i
            assert (words.sent.start, words.sent.end) == (span.sent.start, span.sent.end)
    assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in parsed.sents]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label_) for e in parsed.ents]
    assert doc[2:6] == doc[2:6] and len({doc[2:6], doc[2:6]}) == 1


def test_every_short_span_has_the_root_and_sentence_spacy_gives_it(parsed):
    # read from the paragraph's heads and sentence starts, not from a spaCy span each time
    doc = Doc(parsed)
    n = len(parsed)
    for start in range(n):
        for end in range(start + 1, min(n, start + 6) + 1):
            span, words = parsed[start:end], doc[start:end]
            assert words.root.i == span.root.i, (start, end)
            assert (words.sent.start, words.sent.end) == (span.sent.start, span.sent.end)


def test_no_spacy_object_is_handed_out(parsed):
    """A spaCy token in the rules would compare unequal to these: reading one is an error."""
    with pytest.raises(TypeError):
        _ = Doc(parsed)[0:5].lefts


def test_a_released_paragraph_leaves_no_cycle_for_the_collector(parsed):
    # compiled, a token takes no weak reference: the cycles left are counted instead
    collecting = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        doc = Doc(parsed)
        assert doc[3].head.children and doc[3].sent.root is not None and doc[3].subtree
        assert doc[3].left_edge and doc.ents and doc[0:4].text
        doc.release()
        del doc
        assert gc.collect() == 0
        kept = Doc(parsed)
        assert kept[3].subtree and kept.sentence_of(3)
        del kept
        assert gc.collect() > 0  # not released: its cycles wait for the collector
    finally:
        if collecting:
            gc.enable()


def test_tokens_by_part_of_speech_or_dependency_are_those_a_pass_over_all_finds(parsed):
    doc = Doc(parsed)
    for attribute, values in (("pos_", ("VERB",)), ("pos_", ("NOUN", "PROPN")),
                              ("pos_", ("PROPN", "NOUN")), ("pos_", ("INTJ",)),
                              ("dep_", ("prep",)), ("dep_", ("compound", "nmod")),
                              ("dep_", ("nsubj", "dobj", "pobj"))):
        expected = [t for t in doc if getattr(t, attribute) in values]
        assert list(doc.having(attribute, *values)) == expected
        assert list(doc.having(attribute, *values)) == expected  # asked again
