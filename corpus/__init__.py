"""The annotated corpus: reading, validating and counting passages."""
from corpus.schema import CorpusError, Passage, read_corpus, read_jsonl, BUNDLED_DATA

__all__ = ["CorpusError", "Passage", "read_corpus", "read_jsonl", "BUNDLED_DATA"]
