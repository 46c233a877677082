"""The embedded store under its old name: see ``kg.stores.embedded`` (and ``kg.stores`` for the
other kinds)."""

from kg.stores.embedded import DEFAULT_STORE, PREFIXES, Store
from kg.stores.quads import document_iri, document_quads, entity_quads

__all__ = ["DEFAULT_STORE", "PREFIXES", "Store", "document_iri", "document_quads",
           "entity_quads"]
