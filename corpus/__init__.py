"""The annotated corpus: reading, validating and counting passages."""
from corpus.schema import BUNDLED_DATA, CorpusError, Passage, bundled_corpus, read_corpus, read_jsonl

__all__ = ["BUNDLED_DATA", "CorpusError", "Passage", "bundled_corpus", "read_corpus", "read_jsonl"]
