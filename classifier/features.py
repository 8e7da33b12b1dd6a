"""Feature matrix: word and character n-grams plus guideline-signal features.

Names found by the detectors are masked before the n-grams are taken, so the
model learns "a name next to an age", not the invented names of the corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from classifier.detectors import Cues
from classifier.segment import Passage
from classifier.signals import Hit
from guidelines.labels import LABELS, SCOPES

DETECTOR_NAMES = ("victim_name", "victim_initials", "victim_age_place", "victim_place", "victim_relative",
                  "child_identifier", "caption_identifies", "unsourced_figure", "guilt_before_verdict")
PLACE_KINDS = ("locality", "street", "address", "institution", "local", "shelter", "whereabouts", "small_place")
SIGNAL_NAMES = (
    [f"lexical:{label}" for label in LABELS]
    + [f"detector:{name}" for name in DETECTOR_NAMES]
    + [f"place:{kind}" for kind in PLACE_KINDS]
    + ["name:victim", "name:official", "name:offender", "name:unknown", "initials", "age", "child", "kin",
       "pseudonym", "context:victim", "context:official", "context:offender", "hedged", "convicted",
       "attributed", "figure", "guilt_word", "caption_person", "pictured", "quoted_share", "long"]
    + [f"scope:{scope}" for scope in SCOPES]
)
SIGNAL_WEIGHT = 1.0


@dataclass
class Item:
    """One passage ready for the model: the passage, its cues and its signal hits."""
    passage: Passage
    cues: Cues
    hits: list[Hit]


def masked_text(item: Item) -> str:
    text = item.passage.text
    for start, end, _ in sorted(item.cues.names, reverse=True):
        text = text[:start] + " xname " + text[end:]
    return re.sub(r"\d", "0", text.lower())


def signal_vector(item: Item) -> np.ndarray:
    c, p = item.cues, item.passage
    lexical = {label: 0 for label in LABELS}
    detectors = set()
    for hit in item.hits:
        if hit.detector in ("lexicon", "pattern"):
            lexical[hit.label] += 1
        else:
            detectors.add(hit.detector)
    roles = {role for _, _, role in c.names}
    kinds = {kind for _, _, kind in c.places}
    quoted = sum(e - s for s, e in p.quotes) / max(1, len(p.text))
    values = (
        [np.log1p(lexical[label]) for label in LABELS]
        + [float(name in detectors) for name in DETECTOR_NAMES]
        + [float(kind in kinds) for kind in PLACE_KINDS]
        + [float(r in roles) for r in ("victim", "official", "offender", "unknown")]
        + [float(bool(c.initials)), float(bool(c.ages)), float(c.child), float(bool(c.kin)),
           float(c.pseudonym), float(c.victim_context), float(c.official_context), float(c.offender_context),
           float(c.hedged), float(c.convicted), float(c.attributed), float(bool(c.figures)),
           float(bool(c.guilt)), float(c.caption_person is not None), float(c.pictured is not None),
           min(1.0, quoted), float(len(p.text) > 200)]
        + [float(p.scope == scope) for scope in SCOPES]
    )
    return np.asarray(values, dtype=np.float64)


class Featurizer:
    """Fitted vectorizers; turns Items into one sparse matrix."""

    def __init__(self, use_ngrams: bool = True, use_signals: bool = True):
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.use_ngrams, self.use_signals = use_ngrams, use_signals
        self.words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=40000,
                                     token_pattern=r"(?u)\b\w[\w'’]*\b")
        self.chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True,
                                     max_features=40000)

    def fit(self, items: list[Item]) -> "Featurizer":
        if self.use_ngrams:
            texts = [masked_text(i) for i in items]
            self.words.fit(texts)
            self.chars.fit(texts)
        return self

    def transform(self, items: list[Item]):
        blocks = []
        if self.use_ngrams:
            texts = [masked_text(i) for i in items]
            blocks += [self.words.transform(texts), self.chars.transform(texts)]
        if self.use_signals:
            dense = np.vstack([signal_vector(i) for i in items]) if items else np.zeros((0, len(SIGNAL_NAMES)))
            blocks.append(sparse.csr_matrix(dense * SIGNAL_WEIGHT))
        return sparse.hstack(blocks, format="csr")

    def feature_names(self) -> list[str]:
        names: list[str] = []
        if self.use_ngrams:
            names += [f"word:{w}" for w in self.words.get_feature_names_out()]
            names += [f"chars:{w}" for w in self.chars.get_feature_names_out()]
        if self.use_signals:
            names += list(SIGNAL_NAMES)
        return names
