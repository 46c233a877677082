"""Name spans of a parsed paragraph: the entity recogniser's entities and runs of proper nouns,
cleaned of determiners, titles and punctuation, split at lists, joined where the recogniser
or the tagger broke one name ("Vexa" + "International Plc", "In" + "Vexa SPA")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg import gazetteer
from kg.census import common_given_names, surnames
from kg.dates import MONTHS
from kg.extract.words import Doc, Span, Token
from kg.nlp import english_words
from kg.ontology import Vocabulary

# spaCy labels for values, not things: never nodes.
# Small words inside a name of capitalised words: "Society for the Study of Seas".
NAME_JOINERS = frozenset({"of", "for", "and", "the", "on", "&", "de"})
# The legal forms a firm named after its partners ends in ("Harlow, Bell and Tanner Inc");
# not "International", "Group": "Luton, Cardiff and Belfast International" are airports
PARTNERS_FORMS = frozenset({"inc", "co", "cos", "corp", "ltd", "llp", "lp", "llc", "plc"})
# "52nd", "1st", "101st": an ordinal written in figures
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
VALUE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())


# Words after a number that make it an amount, not a version ("2.5 percent").
UNIT_WORDS = frozenset({"percent", "%", "pct", "per", "million", "billion", "trillion", "points",
                        "times", "cents", "pence", "euros", "dollars", "pounds", "yen"})

# Nouns that take a number without being a product's name ("Version 6.0 of", "Phase 2.1").
NUMBERED = frozenset({"version", "release", "phase", "stage", "level", "article", "section",
                      "chapter", "part", "step", "round", "grade", "class"})


def version_number(text: str) -> bool:
    """"2.0", "3.1.2": how software versions are numbered; not a price ("12.50") or a
    small change ("rise 0.2").

    >>> [version_number(w) for w in ("2.0", "3.1.2", "12.50", "2024", "v2", "0.2")]
    [True, True, False, False, False, False]
    """
    return bool(re.fullmatch(r"[1-9]\d?\.\d(\.\d+)*", text))


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int  # token indexes, end exclusive
    end: int
    label: str  # ontology class or ""


# months that are given names or surnames too ("Theresa May", "June Carter")
PERSONAL_MONTHS = frozenset({"may", "june", "august", "april", "march"})

# a stock's code as wire copy writes it after a company's name: "VXA.O", "7203.T"
TICKER = re.compile(r"[A-Z0-9]{1,6}\.[A-Z]{1,2}")


def _score(tokens: Span) -> bool:
    """"2-0", "3–1": a game's score, two small numbers and a dash ("747-400" is a model)."""
    return len(tokens) == 3 and tokens[1].text in ("-", "–") and all(
        t.text.isdigit() and len(t.text) <= 2 for t in (tokens[0], tokens[2]))


def _camel_case(text: str) -> bool:
    """"ChatGPT", "iPhone", "YouTube": a capital inside a word marks a name even when the
    tagger reads it as a common noun; "AI", "Nvidia" or a plural acronym ("GPUs") do not.

    >>> [_camel_case(w) for w in ("ChatGPT", "iPhone", "AI", "Nvidia", "GPUs")]
    [True, True, False, False, False]
    """
    if text[1:].islower():  # most words: no capital after the first letter (a quick no)
        return False
    plural_acronym = len(text) > 2 and text[:-1].isupper() and text[-1] == "s"
    return (text.isalpha() and not plural_acronym and any(c.islower() for c in text)
            and any(c.isupper() for c in text[1:]))


# "Former Vexa Co. president Jo Park": a word of a post held before, capitalised by its
# sentence, opens no name (the title after the firm's name is the one it qualifies).
FORMER_WORDS = frozenset({"former", "formerly", "onetime", "one-time"})

_NUMBERED = re.compile(r"No\.?\d{1,3}")  # "No3", "No.3": a number before a school's name
_MODEL_CODE = re.compile(r"[A-Z]{1,3}-?\d{2,}[A-Z]*")


def _english(token: Token) -> bool:
    """Whether a word is one of the English words the lemmatizer lists (a noun, adjective,
    verb or adverb), as written or as its lemma."""
    return any(w in english_words(kind) for kind in ("noun", "adj", "verb", "adv")
               for w in (token.lower_, token.lemma_.lower()))


def _model_code(text: str) -> bool:
    """"H100", "A100", "RTX4090": capitals then digits, the way products are numbered; not
    a quarter or a fiscal year.

    >>> _model_code("H100"), _model_code("2024"), _model_code("Q3"), _model_code("FY2024")
    (True, False, False, False)
    """
    if not "A" <= text[:1] <= "Z":  # most words (this runs on every token)
        return False
    return bool(_MODEL_CODE.fullmatch(text)) and not text.startswith(("FY", "Q"))


# "SpaceShipOne", "StarHopper2": words run together, each capitalised, or ending in a number
_CRAFT_HUMP = re.compile(r"[a-z]{2,}[A-Z]")
_CRAFT_NUMBER = re.compile(r"[A-Z][A-Za-z]*[a-z]{2,}(?:\d+|One|Two|Three|Four|Five|Six|Seven|"
                           r"Eight|Nine|Ten)")


def craft_shape(text: str) -> bool:
    """Whether one word is written the way crafts, vehicles and products are named: words run
    together (two humps, or one and a number) or a word and a number after its small letters;
    a firm's name of one hump ("JetBlue") is not, nor a code of capitals ("G20", "A380").

    >>> [craft_shape(w) for w in ("SpaceShipOne", "Rover2", "JetBlue", "G20", "McDonald")]
    [True, True, False, False, False]
    """
    if not "A" <= text[:1] <= "Z" or not text.isalnum():
        return False
    humps = len(_CRAFT_HUMP.findall(text))
    return humps >= 2 or bool(_CRAFT_NUMBER.fullmatch(text))


def ends_like_firm(last: Token, vocab: Vocabulary) -> bool:
    """Whether a name's last word ends firms' names ("Caribou Biosciences", "Vexa Inc"),
    whatever the recogniser called the name."""
    word = last.lower_.replace(".", "")
    return "Organization" in (vocab.name_heads.get(word), vocab.name_suffixes.get(word))


class NameFinder:
    """The name spans of one parsed paragraph."""

    def __init__(self, doc: Doc, vocab: Vocabulary) -> None:
        self.doc = doc
        self.tokens = doc.words
        self.vocab = vocab
        self._ent_tokens = {i for ent in doc.ents for i in range(ent.start, ent.end)}

    def _lone_count(self, i: int) -> bool:
        """A one-token CARDINAL entity at ``i``."""
        token = self.doc[i]
        return token.ent_type_ == "CARDINAL" and token.ent_iob_ == "B" and \
            (i + 1 >= len(self.doc) or self.doc[i + 1].ent_iob_ != "I")

    def spans(self) -> list[NameSpan]:
        spans: list[NameSpan] = []
        values: set[int] = set()
        counts: set[int] = set()  # numbers that may end a name: "Vexa 64"
        absorbed = -1  # a number read as part of the name before it ("the Ford 300")
        for start, end, ner_label in self._entities():
            if start == absorbed:
                continue
            if ner_label in VALUE_LABELS and not self._misread_value(start, end):
                values.update(range(start, end))
                if ner_label == "CARDINAL" and end - start == 1:
                    counts.add(start)
                continue
            label = "" if ner_label in VALUE_LABELS else self.vocab.ner_classes.get(ner_label, "")
            while end - start > 1 and self.ticker(end - 1):
                end -= 1  # "Vexa Corp. VXA.O said": the stock's code follows the name
            if end - start == 1 and self.ticker(start) and spans and spans[-1].end == start:
                continue
            # "the Ford 400", "Apollo 11": a number the parser hangs on the name is part of
            # it, whether or not the recogniser took it for a count of its own
            while end < len(self.doc) and self.doc[end].text.isdigit() and \
                    self.doc[end].dep_ == "nummod" and self.doc[end].head.i == end - 1 and \
                    (end not in self._ent_tokens or self._lone_count(end)) and \
                    not _score(self.doc[end:end + 3]):  # "beat Ostby 3-1"
                if end in self._ent_tokens:
                    absorbed = end
                end += 1
            spans.extend(self._split(start, end, label))
        covered = {i for s in spans for i in range(s.start, s.end)} | values
        i, tokens = 0, self.tokens
        while i < len(tokens):
            t = tokens[i]
            if i - 1 in covered and self.ticker(i):
                i += 1
            # each test's quick no made here first (most words), not in a call each
            elif i not in covered and (
                    t.pos_ == "PROPN" or ("A" <= t.text[:1] <= "Z" and _model_code(t.text)) or
                    (not t.text[1:].islower() and _camel_case(t.text)) or
                    (t.is_title and self._product_word(t))):
                j = i + 1
                while j < len(tokens) and (j not in covered or j in counts) and \
                        self._continues_name(tokens[j - 1], tokens[j]):
                    j += 1
                spans.extend(self._split(i, j, ""))
                i = j
            else:
                i += 1
        spans = self._join_possessed(self._join_firm_partners(self._join_partner_list(
            self._join_partners(self._join_suffixed(self._join_hyphened(spans))))))
        spans = self._join_clipped(self._join_numbered(self._join_prepositions(spans)))
        spans = [s for s in map(self._without_month, spans) if s is not None]
        spans = [self._participle_cut(self._demonym_cut(s)) for s in spans]
        return [self._versioned(self._capitalised_opening(s)) for s in map(self._title_cut, spans)
                if not self._office(s) and not self._party_tag(s) and not self._made_one(s)
                and not self._demonyms_joined(s)]

    def _join_hyphened(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Sada-e-Vexa" read as "Sada", or as "Sada-e" and "Vexa": words glued to a name by
        hyphens, up to a capitalised one, are the rest of it; with a lower-case word between
        whatever the recogniser made of the rest, else only words it left out, after no place
        or nationality (not "Vexa-based", "the U.S.-Japan talks", "Franco-Vexan")."""
        doc, joined, past = self.doc, [], -1
        for span in sorted(spans, key=lambda s: s.start):
            if span.start < past:
                continue  # the rest of a name joined before
            j, linked = span.end, span.end - span.start > 1 and doc[span.end - 1].is_lower \
                and doc[span.end - 2].text == "-"
            while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and \
                    not doc[j].whitespace_ and doc[j + 1].is_alpha:
                linked = linked or doc[j + 1].is_lower
                j += 2
            one = j > span.end and ((doc[j - 1].is_title and (linked or (
                doc[span.start].ent_type_ not in ("GPE", "NORP", "LOC") and
                not any(doc[k].ent_type_ for k in range(span.end, j))))) or
                self._surname_glued(span, j))
            if one:
                # "MIT-Harvard Broad Institute": a name that goes on past the last glued word
                j = max([j, *(s.end for s in spans if span.end <= s.start < j)])
                label = "" if doc[span.start].ent_type_ in ("GPE", "NORP", "LOC") else span.label
                span, past = NameSpan(span.start, j, label), j
            joined.append(span)
        return joined

    def _join_clipped(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"the Runnin' Wolves", "the Rockin' Quills": a word whose last letter an apostrophe
        stands for (no possessive: a possessive's bare apostrophe follows an "s") goes on with
        the capitalised words after it, one name; not a possessor of them."""
        doc, out, past = self.doc, [], -1
        by_start = {s.start: s for s in spans}
        for span in sorted(spans, key=lambda s: s.start):
            if span.start < past:
                continue
            k = span.end
            if k + 1 < len(doc) and doc[k].text in ("'", "’") and not doc[k - 1].whitespace_ \
                    and doc[k - 1].lower_.endswith("in") and doc[k + 1].is_title:
                j = k + 1
                while j < len(doc) and doc[j].is_title and doc[j].is_alpha:
                    j = max(j + 1, by_start[j].end if j in by_start else j + 1)
                span, past = NameSpan(span.start, j, span.label), j
            out.append(span)
        return out

    def _join_numbered(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"the Dunmore No3 Upper School", "the Dunmore No. 3 School": a number written "No3"
        or "No. 3" before a name, and the capitalised words right before it, are part of it
        (a school or a works numbered in its town), not a description of it nor a place of
        their own."""
        doc, out = self.doc, sorted(spans, key=lambda s: s.start)
        extended: list[NameSpan] = []
        for n, span in enumerate(out):
            k = span.start
            if k >= 1 and _NUMBERED.fullmatch(doc[k - 1].text):
                k -= 1  # "No3"
            elif k >= 2 and doc[k - 1].text.isdigit() and doc[k - 2].text in ("No", "No."):
                k -= 2  # "No. 3"
            elif k >= 3 and doc[k - 1].text.isdigit() and doc[k - 2].text == "." and \
                    doc[k - 3].text == "No":
                k -= 3  # "No . 3", the point a token of its own
            if k == span.start:
                continue
            first = k
            while k > 0 and first - k < 3 and doc[k - 1].is_title and doc[k - 1].is_alpha and \
                    not doc[k - 1].is_stop and not doc[k - 1].is_sent_start:
                k -= 1  # "Dunmore" of "the Dunmore No3 Upper School", whatever its tag
            if k < first:  # not a rank ("the No. 2 retailer", "world No. 1 Jo Park")
                out[n] = NameSpan(k, span.end, span.label)
                extended.append(out[n])
        return [s for s in out if not any(o.start <= s.start and s.end <= o.end and o != s
                                          for o in extended)]

    def _surname_glued(self, span: NameSpan, end: int) -> bool:
        """"Pornchai Sunya-ananta": lower-case words glued by hyphens to a person's name, none
        of them an English word (not "Jo Park-led", "Park-owned"), are the rest of the
        surname."""
        if span.label != "Person" or span.end - span.start < 2:
            return False
        glued = [self.doc[k] for k in range(span.end + 1, end, 2)]
        return all(t.is_lower and not _english(t) for t in glued)

    def _demonym_cut(self, span: NameSpan) -> NameSpan:
        """"Ruritanian Dana Wills", "Swiss Jo Park": a nationality the recogniser read into a
        person's name, a common given name and a surname after it, says where the person is
        from and is no word of the name. Not a body's name ("American Eagle Outfitters",
        "Swiss Jo Park Holdings", "the Ruritanian Davis Cup team"): the word after the
        nationality must be a given name, the name end in no firm's word and, unless the
        recogniser took it for a person's, in a surname."""
        doc = self.doc
        if span.end - span.start < 3 or doc[span.start].lower_ not in self.vocab.demonyms or \
                ends_like_firm(doc[span.end - 1], self.vocab):
            return span
        rest = doc[span.start + 1:span.end]
        if rest[0].lower_ not in common_given_names() or \
                not all(t.is_title and t.pos_ == "PROPN" for t in rest) or \
                (span.label != "Person" and rest[-1].lower_ not in surnames()):
            return span  # "the Ruritanian Davis Cup team": a given name, but no surname
        return NameSpan(span.start + 1, span.end, "Person")

    def _participle_cut(self, span: NameSpan) -> NameSpan:
        """"the Jo Park-controlled company", "a Vexa-owned unit": a participle glued by a
        hyphen to the end of a name the recogniser read whole is no word of it; what it
        labelled was the modifier, so the name left carries no label of its own."""
        doc, end = self.doc, span.end
        if end - span.start < 3 or doc[end - 2].text != "-" or doc[end - 3].whitespace_ or \
                doc[end - 2].whitespace_ or not doc[end - 1].is_lower or \
                not doc[end - 1].is_alpha or not (doc[end - 1].tag_ in ("VBN", "VBD") or
                                                  doc[end - 1].lower_.endswith("ed")):
            return span
        return NameSpan(span.start, end - 2, "")

    def _demonyms_joined(self, span: NameSpan) -> bool:
        """"the Ruritanian-Borduric actor": nationalities joined by hyphens say whose
        descent someone is, and name nothing."""
        words = [t for t in self.doc[span.start:span.end] if t.text != "-"]
        return len(words) > 1 and span.end - span.start == 2 * len(words) - 1 and \
            all(t.lower_ in self.vocab.demonyms for t in words)

    def _title_cut(self, span: NameSpan) -> NameSpan:
        """"Ruritanian Finance Secretary Jo Park": title words the recogniser read into a
        name after a nationality, right before a job title's role noun and a name, open the
        title; the nationality is left ("Ruritanian"). Not a body's own word ("the
        Ruritanian Energy Board", "Vexa Financial"), nor after a place's name ("Dover
        Harbour Board", where a body of that name may be meant)."""
        doc, vocab, end = self.doc, self.vocab, span.end
        if span.label != "Organization" or end + 1 >= len(doc) or \
                not doc[end].is_title or doc[end].lower_ not in vocab.role_nouns or \
                not (doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN"):
            return span
        while end - span.start > 1 and doc[end - 1].is_title and \
                doc[end - 1].lower_ in vocab.title_words and \
                doc[end - 1].lower_ not in vocab.name_heads and \
                doc[end - 1].lower_ not in vocab.class_nouns and \
                doc[end - 1].lower_ not in vocab.body_nouns:
            end -= 1
        if end == span.end or doc[span.start:end].text.lower() not in vocab.demonyms:
            return span
        return NameSpan(span.start, end, "Place")

    def _without_month(self, span: NameSpan) -> NameSpan | None:
        """"Sept", "Nov.", "FEb": a month that ends a name is part of a date, whatever the
        recogniser made of it (a price table's "New York Sept 120.50" names New York; "Sept"
        alone names nothing); not the months that are also people's names ("May", "June",
        "August", "April", "March"), nor a word in capitals."""
        start, end = span.start, span.end
        while start < end and self._month_word(self.tokens[end - 1]):
            end -= 1
        # a month before a lower-case word ("MAr nil"), not a given name ("Jan Bolz")
        while start < end - 1 and self._month_word(self.tokens[start]) and \
                self.tokens[start + 1].is_lower:
            start += 1
        if (start, end) == (span.start, span.end):
            return span
        # what is left of "MAr nil" is no name
        return NameSpan(start, end, span.label) if start < end and \
            not self.tokens[start].is_lower else None

    @staticmethod
    def _month_word(token: Token) -> bool:
        word = token.lower_.rstrip(".")
        # (in capitals it may be a firm's: "DEC", Digital Equipment)
        return word in MONTHS and word not in PERSONAL_MONTHS and not token.is_upper

    def _made_one(self, span: NameSpan) -> bool:
        """"driving a Vexa", "bought an Orbis": a company's name after "a" or "an" that heads
        its own phrase names one thing the company made, not the company ("a Vexa official"
        is the company's: the name modifies the noun after it; "formed a Vexa Group" names
        a new body by its head noun)."""
        if span.label != "Organization" or span.start == 0:
            return False
        article, last = self.tokens[span.start - 1], self.tokens[span.end - 1]
        if self.vocab.name_heads.get(last.lower_) or self.vocab.noun_class(last):
            return False  # "formed a Vexa Task Force", "set up a Vexa Fund": a new body
        return article.lower_ in ("a", "an") and article.dep_ == "det" and \
            article.head.i == last.i and last.dep_ not in ("compound", "amod", "nmod") and \
            not (span.end < len(self.tokens) and self.tokens[span.end].pos_ in ("NOUN", "PROPN"))

    def ticker(self, i: int) -> bool:
        """Whether token ``i`` is a stock's code as wire copy writes it ("VXA.O")."""
        token = self.doc[i]
        return bool(TICKER.fullmatch(token.text)) and self._suffix(token) is None

    def _party_tag(self, span: NameSpan) -> bool:
        """"Sen. Jo Park, D-Mich., said": a party's initial and a state set off after a
        legislator's name are no name of their own (the state stays a name)."""
        tokens, start = self.tokens, span.start
        return start > 0 and tokens[start - 1].text == "," and \
            tokens[start].text in ("D", "R", "I") and start + 2 < len(tokens) and \
            tokens[start + 1].text == "-" and not tokens[start].whitespace_ and \
            not tokens[start + 1].whitespace_ and tokens[start + 2].is_title and \
            (span.end == start + 1 or tokens[span.end - 1].i == start + 2)

    def _office(self, span: NameSpan) -> bool:
        """"Secretary of State Ana Ruiz", "Minister of Energy": one title word after a job
        title and "of" is the office the title names, not an organization."""
        doc, i = self.doc, span.start
        return span.end - i == 1 and i >= 2 and doc[i].is_title and \
            doc[i].lower_ in self.vocab.title_words and doc[i - 1].lower_ == "of" and \
            doc[i - 2].lower_ in self.vocab.role_nouns

    def _product_word(self, token: Token) -> bool:
        """"Quillon's Power design", "the Vexa Talon chip": a capitalised word inside a
        sentence that the tagger read as a common noun, modifying a product noun whose maker
        is named before it, is the product's name."""
        head = token.head
        if not token.is_title or token.is_sent_start or token.pos_ not in ("NOUN", "ADJ") or \
                token.dep_ != "compound" or head.i <= token.i or \
                self.vocab.noun_class(head) != "Product":
            return False
        return any((c.dep_ == "poss" or (c.dep_ == "compound" and c.i < token.i)) and
                   c.pos_ == "PROPN" for c in head.children)

    def _versioned(self, span: NameSpan) -> NameSpan:
        """"Navigo 2.0", "Vexa OS 3.1.2": a version number right after a name is part of it
        (not "Vexa 2.5 percent")."""
        doc, end = self.doc, span.end
        if end < len(doc) and version_number(doc[end].text) and doc[end - 1].is_alpha and \
                doc[end - 1].whitespace_ and doc[span.start:end].text.lower() not in NUMBERED \
                and not (
                    end + 1 < len(doc) and (doc[end + 1].like_num or
                                            doc[end + 1].lower_ in UNIT_WORDS)):
            return NameSpan(span.start, end + 1, span.label)
        return span

    def _unrecognised(self, span: NameSpan) -> bool:
        """A run of capitalised words the recogniser did not take for a name of its own."""
        return span.label == "" and not any(i in self._ent_tokens
                                             for i in range(span.start, span.end))

    def _join_partners(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Ames and Hale Inc", "Barnes & Ruiz Ltd": capitalised words the recogniser left out,
        then "and" or "&", then an organization's name ending in a legal suffix are one firm's
        name; so are two words the paragraph writes only together ("Ames and Hale Inc", even
        when the recogniser took "Ames" for a name) and a word twice ("Ames and Ames"). A name
        the paragraph also writes alone ("Vexa and Quill Inc ... Vexa said") is a list."""
        joined: list[NameSpan] = []
        doc = self.doc
        for span in spans:
            prev = joined[-1] if joined else None
            if prev is not None and prev.end + 1 == span.start and \
                    doc[prev.end].lower_ in ("and", "&") and self._bare_suffix(span) and \
                    all(t.is_title for t in doc[prev.start:prev.end]):
                # "Pell, Wilson and Co.": partners, listed with commas, then "and Co"
                first = len(joined) - 1
                while first > 0 and joined[first - 1].end + 1 == joined[first].start and \
                        doc[joined[first - 1].end].text == "," and \
                        joined[first - 1].end - joined[first - 1].start == 1 and \
                        doc[joined[first - 1].start].is_title:
                    first -= 1
                joined[first:] = [NameSpan(joined[first].start, span.end, "Organization")]
            elif prev is not None and prev.end + 1 == span.start and \
                    doc[prev.end].lower_ in ("and", "&") and (
                        self._firm_pair(prev, span) or self._partners(prev, span)):
                joined[-1] = NameSpan(prev.start, span.end, "Organization")
            else:
                joined.append(span)
        return joined

    def _join_partner_list(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Harlow, Ball and Tanner Inc": surnames listed with commas, then "and" and a surname
        with a legal suffix, are one firm's name (its partners'), however the recogniser cut
        it; not "Vexa, Orbis and Quill Inc", three firms whose names are no surnames."""
        doc, out = self.doc, list(spans)
        for k in range(len(out) - 1, -1, -1):
            if k >= len(out):
                continue
            span = out[k]
            if span.end - span.start < 2 or \
                    doc[span.end - 1].lower_.replace(".", "") not in PARTNERS_FORMS:
                continue
            first, words = k, [doc[span.start]]
            if doc[span.start + 1].lower_ not in ("and", "&"):
                # "Ball" "and" "Tanner Inc": the partner before "and" is a span of its own
                if k == 0 or out[k - 1].end + 1 != span.start or \
                        doc[span.start - 1].lower_ not in ("and", "&") or \
                        out[k - 1].end - out[k - 1].start != 1:
                    continue
                first -= 1
                words.append(doc[out[first].start])
            elif span.end - span.start != 4 and not (span.end - span.start == 5 and
                                                      doc[span.end - 1].text == "."):
                continue  # "Bell and Tanner Inc": one word each side of "and"
            else:
                words.append(doc[span.start + 2])
            listed = 0
            while first > 0 and out[first - 1].end + 1 == out[first].start and \
                    doc[out[first].start - 1].text == "," and \
                    out[first - 1].end - out[first - 1].start == 1:
                first -= 1
                listed += 1
                words.append(doc[out[first].start])
            if listed and all(w.is_title and w.lower_ in surnames() for w in words):
                out[first:k + 1] = [NameSpan(out[first].start, span.end, "Organization")]
        return out

    def _join_firm_partners(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"the law firm Harlow, Ball and Tanner", "banking firm Ball Tanner and Reed":
        surnames listed with commas and a last "and" right after a singular noun of a firm
        are that firm's one name (its partners'), with no legal suffix to tell it."""
        doc, out, k = self.doc, [], 0
        while k < len(spans):
            span, last = spans[k], k
            before = doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.tag_ == "NN" and \
                    self.vocab.noun_class(before) == "Organization":
                while last + 1 < len(spans) and spans[last + 1].start - spans[last].end == 1 \
                        and doc[spans[last].end].lower_ in (",", "and", "&"):
                    last += 1
                while last > k and doc[spans[last].start - 1].lower_ not in ("and", "&"):
                    last -= 1  # the list ends at its "and"
            words = [t for s in spans[k:last + 1] for t in doc[s.start:s.end]]
            if last > k and len(words) <= 4 and all(
                    t.is_title and t.lower_ in surnames() for t in words):
                out.append(NameSpan(span.start, spans[last].end, "Organization"))
                k = last + 1
            else:
                out.append(span)
                k += 1
        return out

    def _bare_suffix(self, span: NameSpan) -> bool:
        """"Co", "Co. Inc": legal suffixes alone, which name no firm by themselves."""
        words = [t for t in self.doc[span.start:span.end] if not t.is_punct]
        return bool(words) and all(self._suffix(t) == "Organization" for t in words)

    def _firm_pair(self, prev: NameSpan, span: NameSpan) -> bool:
        doc = self.doc
        return span.label == "Organization" and span.end - span.start > 1 and \
            self._suffix(doc[span.end - 1]) == "Organization" and \
            all(t.is_title for t in doc[prev.start:prev.end]) and (
                self._unrecognised(prev) or self._written_only_here(prev))

    def _partners(self, prev: NameSpan, span: NameSpan) -> bool:
        """"Ames and Ames", "Ames & Ames Co": one word twice, set off from other capitalised
        words ("Monetary Committee and Committee of Governors" is two bodies), and not
        followed by a possessive ("Vexa and Vexa's unit" is a firm and its unit; but "Ames and
        Ames Co's unit" is the firm's)."""
        doc, first = self.doc, self.doc[prev.start]
        if prev.end - prev.start != 1 or not first.is_title or doc[span.start].text != first.text \
                or (prev.start > 0 and (doc[prev.start - 1].is_title or
                                        doc[prev.start - 1].is_upper)):
            return False
        rest = doc[span.start + 1:span.end]
        after = doc[span.end] if span.end < len(doc) else None
        return all(self._suffix(t) == "Organization" or t.is_punct for t in rest) and not (
            after is not None and (after.is_title or (after.tag_ == "POS" and not rest)))

    def _written_only_here(self, prev: NameSpan) -> bool:
        """"Ames and Hale Inc": one capitalised word (not an acronym, which names firms on its
        own: "VXA and Quill Inc"), not after a comma or a capitalised word (a longer list or
        name), that the paragraph writes nowhere else: the first partner of a firm's name,
        not a firm listed beside another."""
        doc, first = self.doc, self.doc[prev.start]
        if prev.end - prev.start != 1 or first.is_upper or (prev.start > 0 and (
                doc[prev.start - 1].text == "," or doc[prev.start - 1].is_title)):
            return False
        return not any(t.text == first.text for t in doc if t.i != first.i)

    def _join_prepositions(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Federal Quill Bank of Dallas", "Vexa Institute for Deep Seas and Rivers", "the Quill
        Committee on Harbour Affairs", "Vexa Foundation for the Study of Seas": an organization's
        name ending in a noun for organizations, then "of", "for" or "on" (and "the") and a
        capitalised name (after "for", "and" another), is one name, whatever the recogniser cut
        off; not a country the firm is from ("Vexa Bank of Canada" is Vexa Bank's origin,
        ``_origin_cut``), a person, nor the noun of a relation ("a Unit of Vexa Corp")."""
        joined: list[NameSpan] = []
        for span in spans:
            prev = joined[-1] if joined else None
            if prev is not None and self._joins_over(prev, span):
                joined[-1] = NameSpan(prev.start, span.end, "Organization")
            else:
                joined.append(span)
        return joined

    def _joins_over(self, prev: NameSpan, span: NameSpan) -> bool:
        doc = self.doc
        # "Vexa Foundation for the Study of Seas": the article after the preposition
        article = prev.end + 2 == span.start and doc[prev.end + 1].lower_ == "the" and \
            doc[prev.end].lower_ in ("of", "for", "on")
        if (prev.end + 1 != span.start and not article) or span.label == "Person" or \
                not self._name_ends(span):
            return False
        word, head = doc[prev.end].lower_, doc[prev.end - 1]
        if word in ("and", "&"):
            return self._purpose(prev)
        # one word only before "for" or "on" ("the Party for Democratic Renewal"): a lone
        # "Board of Vexa" is rather a part of Vexa
        # "the District Court for the Eastern District of Vexland": a body's name that ends in
        # a region's noun goes on with the region's "of"
        region = word == "of" and prev.label == "Organization" and \
            self.vocab.class_nouns.get(head.lower_) == "Place"
        return word in ("of", "for", "on") and (prev.end - prev.start > 1 or word != "of") and \
            prev.label in ("Organization", "") and head.is_title and head.pos_ == "PROPN" and \
            (self.vocab.class_nouns.get(head.lower_) == "Organization" or region) and \
            f"{head.lower_} {word}" not in self.vocab.relation_nouns and \
            (word == "for" or doc[span.start:span.end].text not in self.vocab.countries)

    def _name_ends(self, span: NameSpan) -> bool:
        """Capitalised words (and the small words that join them: "Advancement of Teaching"),
        the whole name: no capitalised word right after the span (not "Hong" of a name cut
        inside "Hong Kong")."""
        doc, after = self.doc, span.end
        while after < len(doc) and doc[after].is_space:  # a wire line break
            after += 1
        words = doc[span.start:span.end]
        return all(t.is_title or t.is_upper for t in (words[0], words[-1])) and all(
            t.is_title or t.is_upper or t.lower_ in NAME_JOINERS for t in words) and not (
            after < len(doc) and doc[after].is_title)

    def _purpose(self, span: NameSpan) -> bool:
        """"Vexa Institute for Deep Studies": a noun for organizations, "for", then names."""
        doc = self.doc
        return any(doc[k].lower_ == "for" and doc[k - 1].is_title and
                   self.vocab.class_nouns.get(doc[k - 1].lower_) == "Organization"
                   for k in range(span.start + 1, span.end - 1))

    def _join_possessed(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Alzheimer's Foundation of America", "Tarrow's Bakery Co.": a capitalised word the
        recogniser did not take for a name, its possessive mark, then an organization's name
        that opens with an organization noun or ends in a legal suffix are one name; "Vexa's
        Quill Holdings" (Vexa is a name of its own) and "Ruiz's Power design" are not."""
        joined: list[NameSpan] = []
        for span in spans:
            prev = joined[-1] if joined else None
            if prev is not None and prev.end + 1 == span.start and self._unrecognised(prev) \
                    and self._possessive_inside(prev.end, span.start, span.end) \
                    and span.label in ("Organization", ""):
                joined[-1] = NameSpan(prev.start, span.end, "Organization")
            else:
                joined.append(span)
        return joined

    def _possessive_inside(self, i: int, start: int, end: int) -> bool:
        """Whether the possessive mark at ``i`` is part of the organization name that goes on
        over ``start:end`` ("Moody's Analytics Inc.", "Alzheimer's Foundation"): glued to a
        capitalised word, and followed by capitalised words that open with an organization
        noun, or end in a word that ends firms' names or in a legal suffix; or a plural's mark
        the recogniser reads inside one name ("the Breeders' Cup")."""
        doc = self.doc
        if not (0 < i < len(doc) - 1 and doc[i].tag_ == "POS" and not doc[i - 1].whitespace_
                and doc[i - 1].is_title and start == i + 1):
            return False
        while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
            end -= 1
        words = doc[start:end]
        if not words or not all(t.is_title or t.is_upper or not t.is_alpha or
                                t.lower_ in ("of", "and", "&", "for") for t in words):
            return False
        if doc[i].text in ("'", "\u2019") and doc[i - 1].lower_.endswith("s") and \
                doc[i].ent_iob_ == doc[start].ent_iob_ == "I" and \
                doc[i].ent_type_ not in ("PERSON", "GPE"):
            return True  # "Workers' Party": no one's possession
        opens = self.vocab.class_nouns.get(words[0].lower_) == "Organization"
        return opens or self.vocab.name_heads.get(words[-1].lower_) == "Organization" or (
            len(words) > 1 and self._suffix(words[-1]) == "Organization")

    def _common_after_mark(self, i: int, end: int) -> bool:
        """"Tarrow's Home", "Ruiz's Landing", recognised as one name: a possessive mark
        followed by one capitalised common noun that ends the name and no noun after names no
        thing of the possessor's ("Home" alone is no name), so the mark is inside the name."""
        doc = self.tokens
        word = doc[i + 1] if i + 2 == end else None
        if end < len(doc) and ((doc[end].pos_ == "NOUN" and doc[end].is_lower) or
                               doc[end].is_title or doc[end].is_upper):
            return False  # "Ruiz's Power design": the possessor's design named "Power"; the
            # name goes on after the recogniser's ("Ruiz's Nursery Inc")
        return word is not None and i > 0 and doc[i - 1].is_title and word.is_title and \
            not doc[i - 1].whitespace_ and word.lower_ in english_words("noun") and \
            doc[i].ent_iob_ == word.ent_iob_ == "I" and word.ent_type_ in ("ORG", "FAC")

    def _capitalised_opening(self, span: NameSpan) -> NameSpan:
        """"a venture with In Vexa SPA", "Vexa's My Quill service": a capitalised preposition
        or pronoun inside a sentence, right before a name, opens that name."""
        if span.start < 2:
            return span
        before, prior = self.doc[span.start - 1], self.doc[span.start - 2]
        if before.pos_ in ("ADP", "PRON") and before.is_title and not before.is_sent_start and \
                not (prior.is_title or prior.is_upper or prior.is_punct) and \
                span.label != "Person":
            return NameSpan(span.start - 1, span.end, span.label)
        return span

    def _join_suffixed(self, spans: list[NameSpan]) -> list[NameSpan]:
        """"Vexa International Plc" read as "Vexa" and "International Plc", or "Talbot Quill"
        and "Vega Spa": a name right after another that ends in a company suffix is its end."""
        joined: list[NameSpan] = []
        for span in sorted(spans, key=lambda s: s.start):
            start = span.start
            if all(self._suffix(t) == "Organization" for t in self.doc[start:span.end]):
                # suffixes alone name nothing: the capitalised words before them are the name,
                # whatever the tagger made of them ("Vexa/VERB International Plc")
                while start > max(span.start - 3, joined[-1].end if joined else 0) and \
                        self.doc[start - 1].is_title and self.doc[start - 1].is_alpha and \
                        self.doc[start - 1].pos_ != "DET":
                    start -= 1
                span = NameSpan(start, span.end, "Organization") if start < span.start else span
            if joined and joined[-1].end == span.start and \
                    self._suffix(self.doc[span.end - 1]) == "Organization" and \
                    not self.doc[joined[-1].end - 1].is_punct:
                joined[-1] = NameSpan(joined[-1].start, span.end, "Organization")
            else:
                joined.append(span)
        return joined

    def _entities(self) -> list[tuple[int, int, str]]:
        """The recogniser's entities as (start, end, label); "Quill Talbot and Co Inc", which
        it reads as two organizations, joined: what follows the "and" is only suffixes."""
        found: list[tuple[int, int, str]] = []
        for ent in self.doc.ents:
            start = ent.start
            # "Premier/PROPN Foods/PERSON": a word that ends firms' names, after a job noun,
            # is a firm's name the recogniser cut
            firm = len(ent) == 1 and self.vocab.name_heads.get(ent[0].lower_) == "Organization"
            # "Ana/PROPN Quillberg/PERSON": a first name the recogniser left out of a surname;
            # "Real/PROPN Vellosa/GPE played": a word it left out of a club's name
            while ent.label_ in ("PERSON", "GPE") and len(ent) == 1 and start == ent.start > 0 \
                    and (ent.label_ == "PERSON" or self.doc[start - 1].tag_ == "NNP") \
                    and start - 1 not in self._ent_tokens \
                    and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].is_title \
                    and self.doc[start - 1].dep_ == "compound" \
                    and ent.start <= self.doc[start - 1].head.i < ent.end \
                    and (firm or self.doc[start - 1].lower_ not in self.vocab.role_nouns) \
                    and self.honorific(self.doc[start - 1]) is None:
                start -= 1
            end = ent.end
            # "Anders/PERSON Quillberg/PROPN": a surname the recogniser left out after a given
            # name, its compound's head, is the rest of the person's name
            if ent.label_ == "PERSON" and len(ent) == 1 and end < len(self.doc) and \
                    end not in self._ent_tokens and self.doc[end].pos_ == "PROPN" and \
                    self.doc[end].is_title and self.doc[end].is_alpha and \
                    ent[0].dep_ == "compound" and ent[0].head.i == end and \
                    self.doc[end].lower_ not in self.vocab.role_nouns and \
                    self.vocab.name_heads.get(self.doc[end].lower_) is None:
                end += 1
            if found and found[-1][1] + 1 == ent.start and ent.label_ == "ORG" \
                    and self.doc[ent.start - 1].lower_ in ("and", "&") \
                    and all(self._suffix(t) == "Organization" for t in ent) \
                    and self._partner(found[-1]):
                # "Pell, Warren and Co": the partners, whatever the recogniser took them for,
                # back over the commas that list them, are the firm's name
                self._join_listed_partners(found, ent.end)
            elif found and self._partners_and_co(ent.start, ent.end) and \
                    found[-1][1] + 1 == ent.start and self.doc[ent.start - 1].text == "," and \
                    self._partner(found[-1], words=1):
                # "Birr/ORG, Wilson and Co/ORG": the partner listed before the rest
                self._join_listed_partners(found, ent.end)
            else:
                # a place's name with a word before it is no longer known to be a place
                label = "ORG" if firm and start < ent.start else ent.label_
                if label == "GPE" and len(ent) == 1 and _camel_case(ent.text) and \
                        not gazetteer.is_city(ent.text, regions=True) and \
                        not self._before_region(ent.end) and ent.start - 1 not in self._ent_tokens:
                    # "the Vexair group": a brand's inner capital, no known place (but
                    # "LaPorte, Indiana" is a town of the state after it; right after another
                    # name, "Ruritania SkyVexa", it is read with that one as before)
                    label = ""
                found.append((start, end,
                              "" if ent.label_ == "GPE" and start < ent.start else label))
        return found

    def _before_region(self, end: int) -> bool:
        """Whether a comma and a place the recogniser knows follow token ``end - 1``."""
        doc = self.doc
        return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "GPE"

    def _join_listed_partners(self, found: list[tuple[int, int, str]], end: int) -> None:
        """Make the last entity of ``found``, and the partners listed before it with commas,
        one firm's name ending at ``end`` (not "Tom Reed, Pell and Co's analyst": a man, then
        the firm)."""
        first = len(found) - 1
        while first > 0 and found[first - 1][1] + 1 == found[first][0] and \
                self.doc[found[first - 1][1]].text == "," and \
                self._partner(found[first - 1], words=1):
            first -= 1
        found[first:] = [(found[first][0], end, "ORG")]

    def _partners_and_co(self, start: int, end: int) -> bool:
        """"Wilson and Co", "Hale & Co. Inc": capitalised words, "and" or "&", then legal
        suffixes only."""
        tokens = self.doc[start:end]
        joint = next((k for k, t in enumerate(tokens) if t.lower_ in ("and", "&")), None)
        if not joint:
            return False
        after = [t for t in tokens[joint + 1:] if not t.is_punct]
        return bool(after) and all(self._suffix(t) == "Organization" for t in after) and \
            all(t.is_title for t in tokens[:joint])

    def _partner(self, entity: tuple[int, int, str], words: int = 2) -> bool:
        """A name a firm may be named after: an organization's, or up to ``words``
        capitalised words of a person's or a place's ("Warren", "Harris Upham")."""
        start, end, label = entity
        return label == "ORG" or (label in ("PERSON", "GPE", "NORP") and end - start <= words and
                                  all(t.is_title for t in self.doc[start:end]))

    def _suffix(self, token: Token) -> str | None:
        """The class a name suffix ("Inc", "Co.", "Jr") says its name is of."""
        return self.vocab.name_suffixes.get(token.lower_.replace(".", ""))

    def _misread_value(self, start: int, end: int) -> bool:
        """spaCy sometimes tags a product name as a date ("LLaMA"): all proper nouns, no digit,
        no calendar word."""
        tokens = self.doc[start:end]
        return all(t.pos_ == "PROPN" and not t.like_num and t.lower_ not in CALENDAR
                   for t in tokens)

    @staticmethod
    def _continues_name(prev: Token, token: Token) -> bool:
        if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and (
                _model_code(token.text) or _camel_case(token.text))):
            return True  # "NVIDIA H100": the tagger reads a model code as a common noun
        # "Llama 2", "GPT-4": a number glued to a name, or a hyphen inside one; not a score
        # ("the Braves 5-3")
        if token.like_num and prev.pos_ == "PROPN" and token.head.i in (prev.i, prev.head.i):
            doc = token.doc
            return not (token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–") and
                        doc[token.i + 2].like_num)
        return token.text == "-" and not prev.whitespace_ and token.i + 1 < len(token.doc)

    def _split(self, start: int, end: int, label: str) -> list[NameSpan]:
        """Clean a span: drop determiners, possessive marks and punctuation at the edges, split
        at conjunctions and commas ("Facebook and Instagram"), drop leading job titles
        ("CEO Zuckerberg") and spans that are titles ("Chief AI Scientist")."""
        # the tokens, read by index (``Doc.__getitem__`` is a call more for each read)
        doc, parts = self.tokens, []
        current: list[int] = []
        # "Dunmore's Tarrow Hospital", labelled an organization whole: the label is the
        # owned name's; the owner's class is left to the story
        possessors: set[int] = set()
        end = self._origin_cut(start, end, label)
        while end - start > 3 and _score(self.doc[end - 3:end]):
            end -= 3  # "beat Ostby United 3-1": the recogniser keeps a score in the name
        # "Securities and Exchange Commission": one organization whose name ends in a class noun;
        # "Delta Oil and Gas Ltd", "Reed, Ruiz and Vega Inc": one whose name ends in a suffix
        last = end - 1  # "the Jazz & Heritage Foundation's": the name ends before its mark
        while last > start and (doc[last].tag_ == "POS" or doc[last].is_punct):
            last -= 1
        suffixed = self._suffix(doc[last]) == "Organization"
        # "the Food and Drug Administration": a public body's noun ends a name too
        one_name = label == "Organization" and last - start > 1 and (
            self.vocab.noun_class(doc[last]) == "Organization" or suffixed or
            doc[last].lower_ in self.vocab.body_nouns or self._of_two_fields(start, last))
        for i in range(start, end):
            t = doc[i]
            # "Jazz & Heritage Festival", "Procter & Gamble": "&" between capitalised words
            # joins one name, where lists are written with "and"
            ampersand = t.text == "&" and start < i < end - 1 and label != "Person" and \
                doc[i - 1].is_title and (doc[i + 1].is_title or doc[i + 1].is_upper)
            breaks = (t.dep_ == "cc" and not one_name and not ampersand) or (
                t.dep_ == "prep" and not start <= t.head.i < end) or (
                t.text == "," and not (one_name and suffixed))
            # "I/N Vexa": a slash between capitals without spaces is inside a name
            initials = t.text == "/" and start < i < end - 1 and doc[i - 1].is_upper and \
                doc[i + 1].is_upper and not doc[i - 1].whitespace_ and not t.whitespace_
            owned = t.tag_ == "POS" and not self._possessive_inside(i, i + 1, end) and \
                not self._common_after_mark(i, end)
            if breaks or t.text in {";", "(", ")"} or (t.text == "/" and not initials) or owned:
                parts.append(current)
                if owned and label == "Organization" and current and any(
                        doc[j].is_alpha for j in range(i + 1, end)):
                    possessors.add(current[0])
                current = []
            else:
                current.append(i)
        parts.append(current)
        spans = []
        for part in parts:
            own_label = "" if part and part[0] in possessors else label
            # "Premier Foods", "Chancellor Industries": a job noun opening a name that ends
            # like a firm's is the firm's first word, not a title
            firm = len(part) > 1 and doc[part[0]].is_title and \
                ends_like_firm(doc[part[-1]], self.vocab)
            while part and (doc[part[0]].dep_ == "det" or doc[part[0]].is_punct
                            or doc[part[0]].is_space
                            or (doc[part[0]].is_lower and not self._numbered(part, label))
                            or (doc[part[0]].lower_ in self.vocab.role_nouns
                                and not self._name_word(doc[part[0]], label) and not firm)
                            or (self.honorific(doc[part[0]]) and not firm)
                            or doc[part[0]].lower_ in FORMER_WORDS
                            or self._occupation(doc[part[0]], label, len(part))):
                part = part[1:]
            named = self._after_title(part, label)
            # what follows a job title is a person's name, whatever the recogniser said
            person = "Person" if named != part and label not in ("Organization", "Place") \
                else own_label
            part = named
            # "calling Ruiz a failed governor": no name ends in a small lower-case word
            while part and (doc[part[-1]].is_punct or doc[part[-1]].is_space
                            or doc[part[-1]].tag_ == "POS"
                            or doc[part[-1]].lower_ in ("'s", "’s")
                            or (doc[part[-1]].is_lower and doc[part[-1]].pos_ in (
                                "DET", "ADP", "CCONJ", "PRON"))):
                part = part[:-1]
            # "GPT-4", "H100": a letter anywhere makes a name; "2024" alone does not
            if not part or not any(ch.isalpha() for i in part for ch in doc[i].text):
                continue
            if doc[part[-1]].lower_ in self.vocab.role_nouns:
                continue  # a job title, not a name
            if all(doc[i].is_lower for i in part):
                continue
            spans.append(NameSpan(part[0], part[-1] + 1, person))
        return spans

    def _of_two_fields(self, start: int, last: int) -> bool:
        """"the Bureau of Mining and Economic Research", "the Ministry of Trade and Industry":
        a body "of" two fields joined by "and", in one span of capitalised words, is one name
        when its first word names a body or its last ends firms' names (the recogniser's
        "the Bank of Quillon" and "Vexa Research" stay two)."""
        doc = self.tokens
        joint = next((k for k in range(start + 1, last) if doc[k].lower_ in ("and", "&")), None)
        first = start + 1 if doc[start].dep_ == "det" else start
        return joint is not None and (
            self.vocab.name_heads.get(doc[last].lower_) == "Organization" or
            doc[first].lower_ in self.vocab.body_nouns or
            self.vocab.noun_class(doc[first]) == "Organization") and \
            any(doc[k].lower_ == "of" for k in range(first + 1, joint - 1)) and \
            all(doc[k].is_title for k in range(joint + 1, last + 1)) and \
            all(doc[k].is_title or doc[k].lower_ == "of" or doc[k].dep_ == "det"
                for k in range(start, joint))

    def _numbered(self, part: list[int], label: str) -> bool:
        """"52nd Street", "the 101st Airborne Division": an ordinal in figures opening a
        place's or a body's name, before capitalised words, is its first word (the lower-case
        letters of "52nd" make it no small word to drop)."""
        doc = self.doc
        return label in ("Place", "Organization") and len(part) > 1 and \
            ORDINAL.fullmatch(doc[part[0]].lower_) is not None and \
            all(doc[i].is_title for i in part[1:])

    def _after_title(self, part: list[int], label: str) -> list[int]:
        """"Patrol Chief James Hall", "Deputy Fire Chief Ana Ruiz": a title of words that
        qualify a job noun, which the recogniser took into a person's name, is left out of it
        (the name is the two or more capitalised words after the noun)."""
        doc = self.doc
        if label == "Organization" or (part and ends_like_firm(doc[part[-1]], self.vocab)):
            return part  # "General Partner I Inc.": a name that ends like a firm's
        for k, i in enumerate(part[:3]):
            if doc[i].lower_ in self.vocab.role_nouns and len(part) - k - 1 >= 2 and \
                    all(doc[j].is_title and doc[j].head.i == i for j in part[:k]) and \
                    all(doc[j].is_title for j in part[k + 1:]):
                return part[k + 1:]
        return part

    def _origin_cut(self, start: int, end: int, label: str) -> int:
        """"LG Electronics of South Korea": a firm's name ending in a word that ends firms'
        names, then "of" and a country, says where it is from; the name ends before "of"
        ("Bank of Japan", "Vexa Insurance Co of Canada" keep theirs)."""
        if label != "Organization":
            return end
        for k in range(start + 2, end - 1):
            before = self.doc[k - 1].lower_.replace(".", "")
            if self.doc[k].lower_ == "of" and \
                    self.doc[k + 1:end].text in self.vocab.countries and \
                    self.vocab.name_heads.get(before) == "Organization":
                return k
        return end

    @staticmethod
    def _name_word(token: Token, label: str) -> bool:
        """"General Motors", "General Mills": a capitalised title opening an organization's
        name is its first word (not "CFO Ana Ruiz", which the recogniser may call one)."""
        return label == "Organization" and token.is_title

    def _occupation(self, token: Token, label: str, length: int) -> bool:
        """"Composer Thomas", "Diver Ana Ruiz": a person's name opened by a noun for what
        people do is that noun's person."""
        return label == "Person" and length > 1 and \
            self.vocab.class_nouns.get(token.lemma_.lower()) == "Person"

    def honorific(self, token: Token) -> str | None:
        """The class a title before a name says it is of: "Mr", "Dr." (not "Mr" alone)."""
        nxt = token.nbor() if token.i + 1 < len(token.doc) else None
        if nxt is None or (not nxt.is_title and not nxt.is_upper):
            return None
        return self.vocab.honorifics.get(token.lower_.rstrip("."))
