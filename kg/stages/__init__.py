"""The stages of a build, one module each, chained by ``kg.pipeline``:

    scan ─▶ plan ─▶ parse ─▶ resolution ─▶ write ─▶ exports

``scan`` reads the inputs for their documents (``Inputs``); every later stage is a function
of the build's ``Context`` (``context``: inputs, options, store, executor, vocabulary,
progress, clock) and of what the stages before it gave: ``plan`` compares the store with the
inputs (``Changes``), ``parse`` gives each document's extraction (cached, or parsed by the
executor), ``resolution`` resolves them within and across documents (and
``copies`` finds the documents that are copies of one story), ``write`` writes the
graph to the store and ``exports`` writes the files beside it.
"""
