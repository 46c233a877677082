"""Resolution: mentions → entities. One node per real thing, typed by evidence.

Pure Python over ``Extraction`` objects (no spaCy, no RDF), and independent of the order the
documents come in. Within a document (``document``): names with the same normalised key,
acronyms and aliases the text states, short and misspelt forms of a person's name; pronouns and
definite descriptions go to the most recent compatible entity. Across documents (``corpus``):
clusters sharing a key, and a lone surname that only one person in the corpus carries. Every
merge records its reason. An update starts from what the previous build kept (``saved``):
each document resolved within itself, the groups of names the join formed by key, and a
fingerprint of each document's facts, so it redoes what its documents touch.
"""

from kg.names import name_key
from kg.resolve.corpus import (
    LocalResolution,
    combine,
    lists_without_commas,
    name_labels,
    resolve,
    resolve_document,
)

__all__ = ["LocalResolution", "combine", "lists_without_commas", "name_key", "name_labels",
           "resolve", "resolve_document"]
