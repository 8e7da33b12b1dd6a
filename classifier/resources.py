"""Rebuild the segmenter's Punkt parameters (per language) and the common-word list from the corpus.

Run `python -m classifier.resources` after the corpus changes; the outputs are
committed so that no NLTK data and no training is needed at start-up.
"""
from __future__ import annotations

import json
import re

from classifier.engine import COMMON_WORDS_FILE
from classifier.langid import PROFILES_FILE, build_profiles, reference_texts
from classifier.segment import punkt_file, train_punkt_parameters
from corpus.schema import bundled_corpus, bundled_languages, read_corpus
from guidelines.languages import language_profile


def main() -> None:
    texts_by_language = {}
    for language in bundled_languages():
        texts = [p.text for p in read_corpus(bundled_corpus(language))]
        texts_by_language[language] = texts
        path = punkt_file(language)
        path.write_text(json.dumps(train_punkt_parameters(texts), indent=0, ensure_ascii=False), encoding="utf-8")
        print(f"{path}: trained on {len(texts)} passages")
    supported = set(texts_by_language)
    others, names = reference_texts()
    names.update({code: language_profile(code).name for code in supported})
    profiles = build_profiles({**texts_by_language, **others}, names, supported)
    PROFILES_FILE.write_text(json.dumps(profiles, ensure_ascii=False), encoding="utf-8")
    print(f"{PROFILES_FILE}: supported {', '.join(sorted(supported))}; others {', '.join(sorted(others))}")
    # Words seen written in lower case are ordinary words, not names, even when capitalised.
    words = set()
    for passage in read_corpus(bundled_corpus("en")):
        words.update(w for w in re.findall(r"\b[^\W\d_][\w'’\-]*", passage.text) if w.islower())
    COMMON_WORDS_FILE.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{COMMON_WORDS_FILE}: {len(words)} words")


if __name__ == "__main__":
    main()
