"""Cut a document's text into paragraphs free of page furniture: one step every kind of input
shares (``kg.sources`` finds and reads the inputs).

Paragraph offsets are offsets into the document's text, so every fact can point back to the
exact characters it was read from, even after furniture is dropped and wrapped lines joined.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import Paragraph

# Lines that belong to the web page, not to the story. Matched against the whole stripped line.
_FURNITURE_LINE = re.compile(
    r"""^[*_]*(
        !\[.*\]\(.*\)                                  # markdown image
      | \[[^\]]*\]\([^)]*\)                            # a bare markdown link
      | (©|\(c\)|copyright\b).*                        # copyright line
      | .*\ball\ rights\ reserved\b.*
      | (add|post|leave|view|show)\ (a\ )?comments?    # comment widgets
      | (share|print|e-?mail|tweet|advertisement|subscribe|sign\ up|log\ in|read\ more)
      | (related|recommended|most\ read|more\ from|more\ on|hot\ picks|trending|popular)\b.{0,30}
      | (sign\ up|subscribe|follow\ us|join\ us|download\ (our|the)\ app)\b.{0,80}
      | (topics?|tags?|filed\ under|categories|our\ standards|read\ next|see\ also)\s*:.*
      | (image|photo|photograph|picture|video|graphic|illustration)s?
            (\ (source|caption|credit|copyright))?\s*[,:|].*          # captions and credits
      | .{0,120}\b(getty\ images|ap\ photo|shutterstock|afp|reuters|epa|bloomberg)\s*[)*_]*
      | \(?((additional\ )?reporting|writing|editing|compiled|produced)\ by\ .{0,150}
      | .{0,300}\bcontributed\ (reporting\ )?(to\ )?(this|the)\ (report|story|article)\W*
      | (posted|written|words)\ by\ .{0,100}
      | \d+[-\ ]min(ute)?s?\ read
      | (published|updated|posted|last\ updated)\b(?=.*(\d|ago))[^.!?]{0,70}  # timestamps
    )[*_]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Case matters for these: a byline of capitalised names, and a date line.
_BYLINE_OR_DATE = re.compile(
    r"""^[*_]*(
        (By|BY)\ [A-Z][\w.'’-]*(\ [A-Z][\w.'’-]*){0,3}
            ((,|\ and|\ &)\ [A-Z][\w.'’-]*(\ [A-Z][\w.'’-]*){0,3}){0,3}
      | ([A-Z][a-z]+day,?\ )?
            (\d{1,2}\ [A-Z][a-z]{2,8}\.?,?\ \d{4}|[A-Z][a-z]{2,8}\.?\ \d{1,2},?\ \d{4})
            [\w\ :.,|-]{0,40}
    )[*_]*$""",
    re.VERBOSE,
)
# Wire copy: a results table row ("Shr 1.19 dlrs vs 1.05 dlrs", "Revs 1.4 billion vs 1.3 billion").
# The figures are matched possessively: giving them back to ``.*`` never helps (``vs`` is
# letters), and trying to made a line of 20,000 dots take seconds.
_TABLE_ROW = re.compile(r"^[A-Za-z][\w .'/-]{0,30}\s[-\d$.,()]++.*\bvs\.?\s+[-\d$.,()]+", re.I)
# Wire copy: ticker symbols ("<BRKN.S>", "<SRD>") and bracketed names ("<Hughes Capital Corp>").
_TICKER = re.compile(r"(<|&lt;)[A-Z0-9]{1,6}(\.[A-Z]{1,3})?(>|&gt;)")
# Markup a feed escaped into its text ("&lt;p&gt;"), and a quote link around a ticker
# ("&lt;A HREF=...&gt;ACME.N&lt;/A&gt;"): no words of the story.
# A finance site's links after a company's name: "(Quote, Chart)", "(ACME.N: Quote, Profile,
# Research)". A ticker alone stays: "(Nasdaq: ACME)" says the name before it is a company.
_QUOTE_LINKS = re.compile(
    r"\((?:[A-Z][A-Z0-9.]{0,9}\s?:\s?)?(?:(?:quote|chart|profile|research|news|nasdaq|nyse|amex)"
    r"\b[\s,-]*){2,}\)", re.IGNORECASE)
_ESCAPED_TAG = re.compile(r"&lt;A\s[^<>]{0,300}?&gt;[A-Z0-9.]{1,10}&lt;/A&gt;"
                          r"|&lt;/?[A-Za-z][^<>]{0,300}?&gt;")
_BRACKETED_NAME = re.compile(r"<([A-Z][^<>\n]{1,60})>")
# Wire copy: what opens a story or a paragraph before its first sentence, and names no actor
# of it. A dateline: a place in capitals, or a place with its region, then its date and agency
# ("NEW YORK (Reuters) - ", "BAGHDAD, Iraq - ", "DAYTON, Ohio (AP) -- ", "LONDON, March 3 - ");
# a date with its agency ("SEPTEMBER 6, 2004 (Computerworld) - "); an agency or a web site
# ("AP - ", "(CNN) -- ", "Example.com - "); a byline before one of these ("By JO LEE   LIMA - ").
# (a double hyphen may touch the first word: "DORVILLE (Vexa Wires)--Tarlo Ltd said")
_DASH = r"(?:\s+(?:-{1,2}|[–—])\s+|\s*[–—]\s+|\s*--(?=[A-Z]))"
_AGENCY = r"(?:\s?\([A-Za-z][\w.&/' -]{0,30}\))"
_DATE = (r"(?:,?\s(?:[A-Z][a-z]{2,8}\.?|[A-Z]{3,9})\s\d{1,2}(?:,\s\d{4})?\.?"
         r"|,\s\d{1,2}\s[A-Z][a-z]{2,8}\s\d{4})")
_REGION = r"(?:,\s[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){0,2})"
_CAPITALS = r"[A-Z][A-Z.'&-]*(?:[ /][A-Z][A-Z.'&-]*)*"
# A dash a feed lost (a long dash dropped with the other non-ASCII), after a date: "SHELBYVILLE,
# Ruritania, Aug. 17  Rebels took the town."
_LOST_DASH = r"(?<=\d)\s{2,}(?=[A-Z])"
_DATELINE = re.compile(
    rf"""(?P<place>{_CAPITALS}{_REGION}?)(?P<tail>{_DATE}?(?P<agency>{_AGENCY})?)({_DASH}|$
                                                                        |{_LOST_DASH})
       | (?P<titled>[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}{_REGION}){_DATE}?{_AGENCY}?{_DASH}
       | [A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}(?:{_DATE}{_AGENCY}?|{_AGENCY}){_DASH}
       | (?:[A-Z][a-z]{{2,8}}\.?|[A-Z]{{3,9}})\s\d{{1,2}},\s\d{{4}}{_AGENCY}?{_DASH}  # a date
       | \d{{1,2}}/\d{{1,2}}/\d{{4}}{_DASH}""",
    re.VERBOSE)
# A city in capitals opening a story with no dash after it, right before a capitalised word
# ("NEW YORK Vexa Corp said ...", as some feeds run the dateline into the first sentence).
_BARE_DATELINE = re.compile(r"(?P<place>[A-Z]{3,}(?: [A-Z]{2,}){0,2}) (?=[A-Z][a-z])")
# A run of capitals opening a story, whose first words may be a city run into the story's
# first word: glued to it ("NEW YORKShares of Vexa fell") or before a name in capitals that
# opens the first sentence ("LOS ANGELES VXT will fly", "SPRINGFIELD VXT Corp said").
_CAPITALS_RUN = re.compile(r"[A-Z]{2,}(?: [A-Z]{2,})*")
_GLUED_CITY = re.compile(r"[A-Z]{3,}(?: [A-Z]{2,})*(?=[A-Z][a-z])")
_SOURCE = re.compile(
    rf"""(?P<name>[\w-]+(?:\.[\w-]+)*\.[a-z]{{2,4}}            # a web site: Example.com -
       | \([A-Za-z][\w.&/' -]{{0,30}}\)                           # (CNN) --
       | [A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){{0,2}}){_DASH}""", re.VERBOSE)
_BYLINE = re.compile(r"(By|BY)\s[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\s{2,}")
# A markdown heading's hashes ("# Meta releases LLaMA").
_HEADING_MARK = re.compile(r"^#{1,6}\s")
# Markdown inline marks: a link keeps its text ("[Acme](https://acme.example)"), emphasis loses
# its stars and underscores ("**Acme**", "_Acme_"), but not a word's own ("snake_case").
_LINK = re.compile(r"!?\[([^\[\]\n]+)\]\(([^()\s]*)\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|\*|_)(?=[^\s*_])([^\n]+?)(?<=[^\s*_])\1(?![\w*])")
_BULLET = re.compile(r"^\s*([-*•·]|\d+[.)])\s+")
# A web page's credit of a contributor: a line with the name alone, then one with the post, the
# organization and a city ("Ana Ruiz" / "Chief economist, Vexa Capital – Toronto"). The pair is
# one paragraph, so the roles rules read the post next to the name.
_NAME_LINE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}$")
_CREDIT_LINE = re.compile(
    r"^(?P<post>[A-Z][\w'’ -]{1,60}), [A-Z][^,–—!?]{1,80}"
    r"(?: [–—-] [A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}(?:, [A-Z][\w.]*)?)?$")
_SENTENCE_END = re.compile(r"""[.!?;]["'”’)\]]*$""")  # ";" ends a list item, no headline
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# A line that ends like this was broken mid-sentence by the page layout: it continues below.
# Work per paragraph is bounded so time stays linear in the input: furniture rules look only at
# lines a web page could show as furniture, a longer paragraph is parsed in pieces cut after a
# sentence, and a run-on "sentence" (extraction time grows with its square) is cut at a space.
_FURNITURE_MAX = 1000
PARAGRAPH_MAX = 10000
SENTENCE_MAX = 2000
WORD_MAX = 300
LONG_RUN = re.compile(rf"(?<!\S)\S{{{WORD_MAX + 1},}}")
_PIECE_END = re.compile(r"""[.!?]["'”’)\]]*\s+""")
_CONTINUES = re.compile(r"(,|\b(of|in|to|and|or|the|a|an|with|for|by|from|that|as|at|on))$",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    text: str  # without the newline

    @property
    def stripped(self) -> str:
        return self.text.strip()


def document_id(text: str) -> str:
    """A short, stable id from the content: the same text always gets the same id.

    >>> document_id("Meta released LLaMA.")
    '51c1cde66a1c27d4'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(_Line(offset, raw))
        offset += len(raw) + 1
    return lines


def _is_title_case(line: str) -> bool:
    """A headline: most words capitalised (or all caps) and no sentence punctuation at the end."""
    words = _WORD.findall(line)
    if len(words) < 3 or _SENTENCE_END.search(line):
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital / len(words) >= 0.7


def _is_caps_headline(line: str) -> bool:
    """A headline in capitals: three words or more, no sentence end ("VEXA TO BUY QUILL
    <QLL>"). Story text is not set in capitals for a whole line.

    >>> _is_caps_headline("VEXA <VXA> TO BUY QUILL"), _is_caps_headline("VEXA Corp said")
    (True, False)
    """
    words = _WORD.findall(line)
    return len(words) >= 3 and all(w.isupper() for w in words) and \
        not _SENTENCE_END.search(line)


def _is_stray_fragment(line: str) -> bool:
    """A line of one to four words that is not a name: a widget label or a foreign word."""
    words = line.split()
    if not words or len(words) > 4 or _SENTENCE_END.search(line):
        return False
    name_like = all(w[:1].isupper() and w.isascii() for w in words)
    return not name_like


def _agency_label(line: str) -> bool:
    """"REUTERS SHOWCASE", "AP Video": a line of up to four capitalised words, one of them a
    news agency the ontology lists, labels a box of the page, not a sentence of the story."""
    words = _WORD.findall(line)
    return 0 < len(words) <= 4 and not _SENTENCE_END.search(line) and \
        all(w[:1].isupper() for w in words) and any(w.lower() in _agencies() for w in words)


def _is_wrapped(lines: list[_Line]) -> bool:
    """Hard-wrapped wire copy: most lines are long, similar in length, and end mid-sentence."""
    body = [ln.stripped for ln in lines if ln.stripped]
    if len(body) < 2:
        return False
    if len(body) < 4:
        # a short story of two or three lines: wrapped when every line but the last is of
        # a wire's width and one of them stops mid-sentence ("a subsidiary of Vexa" then
        # "Holdings Corp, said ...")
        return all(40 <= len(t) <= 90 for t in body[:-1]) and \
            any(not _SENTENCE_END.search(t) for t in body[:-1])
    open_ended = sum(1 for t in body if not _SENTENCE_END.search(t))
    widths = sorted(len(t) for t in body)
    median = widths[len(widths) // 2]
    return open_ended / len(body) >= 0.5 and 40 <= median <= 90


def _furniture(lines: list[_Line]) -> tuple[set[int], dict[int, int]]:
    """Indexes of lines that are page furniture, and the contributors' name lines with the
    credit line each waits for (``_credits``), which are not furniture."""
    drop: set[int] = set()
    wrapped = _is_wrapped(lines)
    for i, line in enumerate(lines):
        text = line.stripped
        # "produced by <Acme Corp>, ..." in lower case after an unfinished line goes on a
        # sentence: no credit line
        continued = text[:1].islower() and i > 0 and i - 1 not in drop and \
            bool(lines[i - 1].stripped) and not _SENTENCE_END.search(lines[i - 1].stripped)
        if text and len(text) <= _FURNITURE_MAX and (
                (_FURNITURE_LINE.match(text) and not continued)
                or _BYLINE_OR_DATE.match(text)
                or ((_is_stray_fragment(text) or _agency_label(text))
                    and not _mid_sentence(lines, i, drop))
                or _TABLE_ROW.match(text)):
            drop.add(i)
    # A headline in capitals ("VEXA TO BUY QUILL <QLL>" over wire copy, "SIGN UP FOR OUR
    # NEWSLETTER"): the tagger reads capitals badly, and the story's lead says it again. Not
    # in a story set all in capitals (old telex copy), where it is the story.
    caps = [i for i, line in enumerate(lines) if _is_caps_headline(line.stripped)]
    telex = sum(1 for line in lines if any(c.islower() for c in line.text)) <= len(caps)
    if not telex:
        drop.update(caps)
    # A run of two or more bullet lines is a list of links (related stories); the headline-like
    # lines just above it belong to the same box.
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _BULLET.match(lines[j].text):
            j += 1
        if j - i >= 2:
            drop.update(range(i, j))
            k = i - 1
            while k >= 0 and (k in drop or _is_title_case(lines[k].stripped)
                              or not lines[k].stripped):
                drop.add(k)
                k -= 1
        i = max(j, i + 1)
    for i, line in enumerate(lines):
        if _is_title_case(line.stripped) and not telex and \
                not _mid_sentence(lines, i, drop) and not (wrapped and _runs_on(lines, i)):
            drop.add(i)
    # a dateline alone on its line ("DAYTON, Ohio (AP)") is kept, to read its place
    drop -= {i for i in drop if _lead(lines[i].stripped)[1] is not None}
    credits = _credits(lines, drop)
    return drop - set(credits.values()), credits


def _credits(lines: list[_Line], drop: set[int]) -> dict[int, int]:
    """A contributor's name line -> the credit line below it (blank lines between), whose post
    ends on a role noun ("Chief economist", "Professor of economics")."""
    pairs: dict[int, int] = {}
    for i, line in enumerate(lines):
        if i in drop or not _NAME_LINE.match(line.stripped):
            continue
        j = i + 1
        while j < len(lines) and j - i <= 2 and not lines[j].stripped:
            j += 1
        credit = _CREDIT_LINE.match(lines[j].stripped) if j < len(lines) else None
        if credit is not None and \
                credit["post"].split(" of ")[0].split()[-1].lower() in _role_nouns():
            pairs[i] = j
    return pairs


def _role_nouns() -> frozenset[str]:
    from kg.ontology import shipped_vocabulary
    return shipped_vocabulary().role_nouns


def _agencies() -> frozenset[str]:
    from kg.ontology import shipped_vocabulary

    return shipped_vocabulary().news_agencies


def _city(name: str) -> bool:
    """A town of the gazetteer big enough to file news from ("LONDON", "SAN DIEGO"), or a
    region written in two words or more ("NEW YORK"): a word in capitals that is no such
    place ("COLES Myer Ltd", "TONY Blair") is the story's own."""
    from kg.gazetteer import is_city  # read only for a story that opens so

    # one word must be a city ("TEXAS Instruments" is a firm's name), two may be a region
    return is_city(name.title(), regions=" " in name)


def _lead(text: str, outlets: frozenset[str] = frozenset()) -> tuple[int, re.Match[str] | None]:
    """Where the story's first sentence starts after the wire furniture that opens ``text``
    (its leading space, an agency, a byline, a dateline: see ``_DATELINE``), and the dateline.
    A short capitalised word before a dash is no place ("US - China talks resumed"), and a
    name before a dash only an agency the ontology lists ("AP - ", not "Vexa - "), one the
    headline credits (``outlets``) or one before a dateline."""
    at = len(text) - len(text.lstrip())
    dateline = None
    while at < len(text):
        start = at
        byline = _BYLINE.match(text, at)
        if byline is not None:
            at = byline.end()
        source = _SOURCE.match(text, at)
        if source is not None and (source.group("name")[0] == "(" or "." in source.group("name")
                                   or source.group("name").lower() in _agencies()
                                   or source.group("name") in outlets
                                   or _before_dateline(text, source.end())
                                   or _city(source.group("name"))):  # "Lisbon - Rebels ..."
            at = source.end()
            continue
        match = _DATELINE.match(text, at)
        bare = _BARE_DATELINE.match(text, at) if match is None else None
        if bare is not None and _city(bare.group("place")):
            at = bare.end()  # "NEW YORK Vexa Corp said ...": no dash, a city in capitals
            continue
        run_on = _run_on_city(text, at) if match is None else None
        if run_on is not None:
            at = run_on
            continue
        if match is None or (match.group("place") and not match.group("tail") and
                             "," not in match.group("place") and (
                                 sum(c.isalpha() for c in match.group("place")) < 4
                                 or match.group("place").lower() in _agencies()
                                 or match.end() == len(text))):
            return start, dateline
        if match.end() == len(text) and not match.group("agency"):
            return start, dateline  # a line of capitals alone is no dateline: "ACME RISES"
        dateline = dateline or match
        at = match.end()
    return at, dateline


# A headline ending in the outlet it came from, as feeds credit stories: "Vexa cuts jobs
# (Tarlo Weekly)"; the story may open with the same name and a dash.
_CREDITED = re.compile(r"\(([A-Z][\w.&' -]{1,38})\)\s*$")


def _credited_outlets(headlines: list[str]) -> frozenset[str]:
    """The outlets a story's headline credits in parentheses at its end: "Vexa cuts jobs
    (Tarlo Weekly)" then "Tarlo Weekly - Vexa said ..." names no actor of the story."""
    found = (_CREDITED.search(line) for line in headlines)
    return frozenset(match.group(1).strip() for match in found if match is not None)


def _before_dateline(text: str, at: int) -> bool:
    """Whether a dateline in capitals and its dash follow: a name before it is the outlet's
    ("Springfield Courier - SHELBYVILLE -- Rebels took the town")."""
    match = _DATELINE.match(text, at)
    return match is not None and bool(match.group("place")) and match.end() < len(text) and \
        sum(c.isalpha() for c in match.group("place").partition(",")[0]) >= 4


def _run_on_city(text: str, at: int) -> int | None:
    """Where the story starts after a city in capitals run into its first word, glued to it
    ("NEW YORKShares fell": the city is the capitals but the last, a capital before lower
    case) or before a name in capitals ("LOS ANGELES VXT will fly": the city is all words
    but the last, when the whole run is no city); None when no city opens ``text`` so."""
    glued = _GLUED_CITY.match(text, at)  # "NEW YORKShares": "NEW YORK" and "Shares"
    if glued is not None:
        return glued.end() if _city(glued.group()) else None
    found = _CAPITALS_RUN.match(text, at)
    if found is None or not text.startswith(" ", found.end()) or _city(found.group()):
        return None  # "GAZA CITY: Rebels ...": a city's name alone, not run into a name
    city = found.group().rpartition(" ")[0]
    return at + len(city) + 1 if city and _city(city) else None


def _runs_on(lines: list[_Line], i: int) -> bool:
    """In hard-wrapped copy, where a headline stands alone, a capitalised line that runs on
    into a line of the same paragraph ("Vexa Business Machines" then "Corp said ...")."""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return bool(after.strip()) and not after[:1].isspace() and \
        not _is_title_case(after.strip()) and not _SENTENCE_END.search(lines[i].stripped)


def _mid_sentence(lines: list[_Line], i: int, drop: set[int]) -> bool:
    """A capitalised line that is part of a sentence broken by a hard line break, not a
    headline: "<Acme Corp>," or "Vexa Net Holdings  announced" with the sentence going on in
    lower case on the next line, or the line before left unfinished."""
    text = lines[i].stripped
    after = lines[i + 1].stripped if i + 1 < len(lines) else ""
    before = lines[i - 1].stripped if i > 0 and i - 1 not in drop else ""
    return (text.endswith(",") and bool(after)) or after[:1].islower() or (
        bool(before) and _CONTINUES.search(before) is not None)


def _blank_wire_marks(text: str, outlets: frozenset[str] = frozenset()) -> str:
    """Blank out tickers, the brackets around names and a dateline (and an outlet a headline
    credits, see ``_credited_outlets``), keeping every offset.

    >>> _blank_wire_marks("NEW YORK, Feb 26 - <Acme Corp> bought Globex <GLX.N>.")
    '                   Acme Corp  bought Globex        .'
    >>> _blank_wire_marks("**[Acme](https://acme.example)** bought snake_case.")
    '   Acme                         bought snake_case.'
    """
    text = _HEADING_MARK.sub(lambda m: " " * len(m.group()), text)
    # a backslash some feed exports leave for a line break ("Ana\Ruiz said", "\$47")
    text = text.replace("\\", " ")
    text = _EMPHASIS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)),
                         text)
    text = _LINK.sub(lambda m: " " * (m.start(1) - m.start()) + m.group(1)
                     + " " * (m.end() - m.end(1)), text)
    text = _ESCAPED_TAG.sub(lambda m: " " * len(m.group()), text)
    text = _QUOTE_LINKS.sub(lambda m: " " * len(m.group()), text)
    text = _TICKER.sub(lambda m: " " * len(m.group()), text)
    text = _BRACKETED_NAME.sub(lambda m: f" {m.group(1)} ", text)
    lead = _lead(text, outlets)[0]
    return " " * lead + text[lead:]


def _pieces(start: int, body: str) -> Iterator[Paragraph]:
    """A paragraph, or pieces of one (see ``_cut``), offsets kept. A run of
    more than ``WORD_MAX`` characters without a space is no word of any sentence (the tokenizer
    takes time quadratic in it): the paragraph is cut around it and the run left out."""
    last = 0
    for run in LONG_RUN.finditer(body):
        yield from _bounded(start + last, body[last:run.start()])
        last = run.end()
    yield from _bounded(start + last, body[last:])


def _bounded(start: int, body: str) -> Iterator[Paragraph]:
    lead = len(body) - len(body.lstrip())
    start, body = start + lead, body.strip()
    while body:
        cut = _cut(body)
        if cut is None:
            yield Paragraph(start, body)
            return
        piece, rest = body[:cut].rstrip(), body[cut:]
        if piece:
            yield Paragraph(start, piece)
        lead = len(rest) - len(rest.lstrip())
        start, body = start + cut + lead, rest.lstrip()


def _cut(text: str) -> int | None:
    """Where the first piece of ``text`` ends, or None when it is one piece: no longer than
    ``PARAGRAPH_MAX`` and no sentence in it longer than ``SENTENCE_MAX``. A piece ends after a
    sentence; a longer sentence is a piece of its own, cut at a space."""
    window = text[:PARAGRAPH_MAX]
    last = 0  # where the last whole sentence of the window ends
    for end in [*(m.end() for m in _PIECE_END.finditer(window)), len(window)]:
        if end - last > SENTENCE_MAX:
            if last:
                return last
            return window.rfind(" ", 0, SENTENCE_MAX) + 1 or SENTENCE_MAX
        if end < len(window):
            last = end
    return None if len(text) <= PARAGRAPH_MAX else last or PARAGRAPH_MAX


def _dateline_place(text: str) -> tuple[int, str] | None:
    """Where a dateline says the story was filed, when it names a place in a place: its offset
    and its text, capitals written as a name ("DAYTON, Ohio (AP) - " gives "Dayton, Ohio"), so
    the place is read on its own while the dateline stays out of the story's first sentence.

    >>> _dateline_place("DAYTON, Ohio (AP) - The plant closed.")
    (0, 'Dayton, Ohio')
    >>> _dateline_place("NEW YORK, Feb 26 - Acme said ...") is None
    True
    """
    for marks in (_HEADING_MARK, _ESCAPED_TAG, _TICKER):
        text = marks.sub(lambda m: " " * len(m.group()), text)
    match = _lead(text)[1]
    place = match and (match.group("place") or match.group("titled"))
    if match is None or not place or ", " not in place.strip():
        return None
    place = place.rstrip()
    start = match.start("place") if match.group("place") else match.start("titled")
    return start, re.sub(r"\b[A-Z][A-Z'.&-]+\b",
                                        lambda w: w.group().title(), place)


def paragraphs(text: str, title: str = "") -> Iterator[Paragraph]:
    """The story's paragraphs, furniture dropped; wrapped lines are joined into one paragraph.
    An outlet its ``title`` (or its first lines) credit is furniture where a paragraph opens
    with it (see ``_credited_outlets``).

    >>> [p.text for p in paragraphs("Meta released LLaMA.\\n© 2024 Example. All rights reserved.")]
    ['Meta released LLaMA.']
    """
    lines = _lines(text)
    outlets = _credited_outlets([title, *(line.stripped for line in lines[:3])])
    drop, credits = _furniture(lines)
    wrapped = _is_wrapped([ln for i, ln in enumerate(lines) if i not in drop])
    block: list[_Line] = []
    held = -1  # the credit line a name line waits for

    def flush() -> Iterator[Paragraph]:
        if block:
            start = block[0].start
            end = block[-1].start + len(block[-1].text)
            # Same length as the source span: newlines become spaces, offsets stay true.
            segment = text[start:end].replace("\n", " ")
            dateline = _dateline_place(segment)
            if dateline is not None:
                yield Paragraph(start + dateline[0], dateline[1])
            raw = _blank_wire_marks(segment, outlets)
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if body:
                yield from _pieces(start + lead, body)
            block.clear()

    for i, line in enumerate(lines):
        if i < held:
            continue  # the blank lines between a name and its credit
        if i in drop or not line.stripped:
            yield from flush()
            continue
        continues = bool(block) and _CONTINUES.search(block[-1].stripped) is not None
        starts_paragraph = line.text[:1].isspace() or not wrapped
        if starts_paragraph and not continues and i != held:
            yield from flush()
        if i in credits:
            yield from flush()
            held = credits[i]
        block.append(line)
    yield from flush()
