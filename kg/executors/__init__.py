"""Ways of running parse + extraction over documents, one module per kind.

Every kind offers ``map_documents(docs, ...) -> Iterator[Extracted]``: each document's
extraction and its cache entry (``kg.cache.encode_extraction``), in the documents' order, with
a bounded number of documents in flight. ``kg.pipeline`` picks the kind from ``BuildOptions``
and imports its module only when it is used, so a build without ``--cluster`` never imports
Dask. The kinds: in this process and in forked processes (``kg.pipeline._extract`` and
``kg.parallel``, for ``--jobs``), and on a Dask cluster (``kg.executors.dask``, for
``--cluster``).
"""

from __future__ import annotations

from kg.model import Extraction

Extracted = tuple[Extraction, str]  # an extraction and its cache entry (JSON text)
