"""Guideline signals: the catalogue's terms, patterns and detectors run over passages."""
from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.detectors import Cues, read_cues, run_detectors
from classifier.segment import Passage
from guidelines.catalogue import Catalogue, Rule

# Identification rules protect people whoever speaks; style rules judge the journalist's own words.
STYLE_LABELS = {"sensationalism", "victim_blaming", "terminology", "stereotyping"}


@dataclass(frozen=True)
class Hit:
    rule_id: str
    label: str
    detector: str       # "lexicon", "pattern" or a built-in detector's name
    start: int          # relative to the passage
    end: int
    detail: str


def _term_regex(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", term) if w]
        parts.append(r"[\s\-]+".join(words))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


class SignalScanner:
    """Compiled signals of one catalogue; scans passages for hits."""

    def __init__(self, catalogue: Catalogue, common_words: frozenset[str] = frozenset()):
        self.catalogue = catalogue
        self.common_words = common_words
        self._compiled: list[tuple[Rule, re.Pattern | None, list[re.Pattern]]] = [
            (rule, _term_regex(rule.terms), [re.compile(p, re.IGNORECASE) for p in rule.patterns])
            for rule in catalogue
        ]
        self._by_detector: dict[str, list[Rule]] = {}
        for rule in catalogue:
            for name in rule.detectors:
                self._by_detector.setdefault(name, []).append(rule)

    def cues(self, passage: Passage) -> Cues:
        return read_cues(passage.text, passage.scope, self.common_words)

    def scan(self, passage: Passage, cues: Cues | None = None) -> list[Hit]:
        """Hits of every rule that applies to the passage's scope."""
        hits: list[Hit] = []
        text = passage.text
        for rule, terms, patterns in self._compiled:
            if not rule.applies_to(passage.scope):
                continue
            skip_quoted = rule.label in STYLE_LABELS
            matches = []
            if terms is not None:
                matches += [(m, "lexicon") for m in terms.finditer(text)]
            for pattern in patterns:
                matches += [(m, "pattern") for m in pattern.finditer(text)]
            for m, kind in matches:
                if m.end() <= m.start() or (skip_quoted and passage.quoted(m.start(), m.end())):
                    continue
                hits.append(Hit(rule.id, rule.label, kind, m.start(), m.end(), f"{m.group()!r}"))
        if self._by_detector:
            for evidence in run_detectors(cues if cues is not None else self.cues(passage), text):
                for rule in self._by_detector.get(evidence.detector, ()):
                    if rule.applies_to(passage.scope):
                        hits.append(Hit(rule.id, rule.label, evidence.detector, evidence.start,
                                        evidence.end, evidence.detail))
        return hits
