"""Whether a SPARQL query or update calls another endpoint (``SERVICE``).

A ``SERVICE`` clause makes the engine send a request to any address the query names: a
server that runs the queries of others would fetch for them what only it can reach (another
local service, an intranet page) and hand back the answer. ``kg serve`` and ``kg query``
refuse such queries unless told otherwise. The check reads tokens, not text: the word inside
a string, an IRI, a comment, a variable or a prefixed name is no ``SERVICE`` clause, and the
keyword in any case is.
"""

from __future__ import annotations

import re

QUERY_TIMEOUT = 300.0  # seconds: the default time limit of kg serve and kg query
SERVICE_ADVICE = ("SERVICE (a call to another endpoint) is refused; pass --allow-service to let "
                  "queries make such calls")

# The parts of a query a keyword cannot hide in, taken as whole tokens in the order they come:
# long strings, strings (with escapes), IRIs, comments; then variables and prefixed names, and
# words (to find SERVICE as a word of its own).
_TOKENS = re.compile(r"""
      '''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
    | '(?:[^'\\\n\r]|\\.)*(?:'|$)
    | "(?:[^"\\\n\r]|\\.)*(?:"|$)
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    | [?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+
    | [\w.\-\u00b7]*:[\w.\-:%\\]*
    | (?P<word>[A-Za-z_]\w*)
""", re.VERBOSE | re.DOTALL | re.MULTILINE)


def calls_service(sparql: str) -> bool:
    """True when ``sparql`` holds a ``SERVICE`` keyword.

    >>> calls_service("SELECT * WHERE { service <http://x.example/> { ?s ?p ?o } }")
    True
    >>> calls_service('SELECT ?service WHERE { ?service ex:SERVICE "SERVICE" } # SERVICE')
    False
    """
    return any(m.group("word") is not None and m.group("word").upper() == "SERVICE"
               for m in _TOKENS.finditer(sparql))
