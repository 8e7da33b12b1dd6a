"""Rebuild the segmenter's Punkt parameters and the common-word list from the corpus.

Run `python -m classifier.resources` after the corpus changes; the outputs are
committed so that no NLTK data and no training is needed at start-up.
"""
from __future__ import annotations

import json
import re

from classifier.engine import COMMON_WORDS_FILE
from classifier.segment import PUNKT_FILE, train_punkt_parameters
from corpus.schema import read_corpus


def main() -> None:
    passages = read_corpus()
    texts = [p.text for p in passages]
    PUNKT_FILE.write_text(json.dumps(train_punkt_parameters(texts), indent=0, ensure_ascii=False), encoding="utf-8")
    # Words seen written in lower case are ordinary words, not names, even when capitalised.
    words = set()
    for text in texts:
        words.update(w for w in re.findall(r"\b[^\W\d_][\w'’\-]*", text) if w.islower())
    COMMON_WORDS_FILE.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{PUNKT_FILE}: trained on {len(texts)} passages; {COMMON_WORDS_FILE}: {len(words)} words")


if __name__ == "__main__":
    main()
