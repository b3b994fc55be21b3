"""Search over the knowledge base: tokenise -> index -> score -> select.

``tokenize`` (normalisation, words, stop words), ``kk_stem`` (Kazakh suffix stripper), ``stem``
(term keys of both languages), ``lexicon`` (Kazakh <-> Russian domain terms), ``index``
(BM25 inverted index, vocabulary with prefix and character n-gram look-up), ``scoring``
(BM25), ``query`` (question -> weighted keys), ``services`` / ``resolve`` (which service),
``passages`` (which sentences to quote), ``engine`` (builds all of it for a knowledge base).
"""
