"""Guideline signals: the catalogue's terms, patterns and detectors run over passages."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from classifier.detectors import Cues, read_cues, run_detectors
from classifier.prefilter import required_words
from classifier.textfold import fold
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


TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _term_key(term: str) -> tuple[str, ...] | None:
    """A term as a tuple of folded words, or None if it is not plain words."""
    words = tuple(fold(w) for w in TOKEN.findall(term))
    rebuilt = re.sub(r"[\s\-]+", " ", fold(term)).strip()
    return words if words and " ".join(words) == rebuilt else None


class TermIndex:
    """Whole-word, case-insensitive lookup of many terms at once (spaces and hyphens alike).

    One tokenisation per text and a dictionary lookup per word n-gram: far cheaper than a
    regular expression with hundreds of alternatives, which Python tries one by one.
    """

    def __init__(self):
        self.terms: dict[tuple[str, ...], list[int]] = {}
        self.longest = 0

    def add(self, term: str, owner: int) -> bool:
        key = _term_key(term)
        if key is None:
            return False
        self.terms.setdefault(key, []).append(owner)
        self.longest = max(self.longest, len(key))
        return True

    def find(self, text: str):
        """(owner, start, end) for every term occurrence."""
        tokens = [(m.start(), m.end(), fold(m.group())) for m in TOKEN.finditer(text)]
        # joined[i] says whether token i and i+1 are separated by spaces or hyphens only
        joined = [not text[a[1]:b[0]].strip(" -\t") for a, b in zip(tokens, tokens[1:])]
        terms, longest = self.terms, self.longest
        for i in range(len(tokens)):
            key: tuple[str, ...] = ()
            for j in range(i, min(i + longest, len(tokens))):
                if j > i and not joined[j - 1]:
                    break
                key += (tokens[j][2],)
                owners = terms.get(key)
                if owners:
                    for owner in owners:
                        yield owner, tokens[i][0], tokens[j][1]


def _term_regex(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = [re.escape(w) for w in re.split(r"[\s\-]+", term) if w]
        parts.append(r"[\s\-]+".join(words))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE | re.MULTILINE)


def _starts(parts: list[str]) -> list[int]:
    """Where each part begins in "\\n".join(parts)."""
    starts, position = [], 0
    for part in parts:
        starts.append(position)
        position += len(part) + 1
    return starts


class SignalScanner:
    """Compiled signals of one catalogue; scans passages for hits."""

    def __init__(self, catalogue: Catalogue, common_words: frozenset[str] = frozenset()):
        self.catalogue = catalogue
        self.common_words = common_words
        self._index = TermIndex()
        self._compiled: list[tuple[Rule, re.Pattern | None, list[re.Pattern]]] = []
        for number, rule in enumerate(catalogue):
            # Plain-word terms go to the shared index; anything else stays a regular expression.
            odd = tuple(t for t in rule.terms if not self._index.add(t, number))
            self._compiled.append((rule, _term_regex(odd),
                                   [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in rule.patterns]))
        # For each regular expression, words it cannot match without (None: run it always).
        self._required = {regex: required_words(regex.pattern)
                          for _rule, terms, patterns in self._compiled for regex in [terms, *patterns] if regex}
        self._by_detector: dict[str, list[Rule]] = {}
        for rule in catalogue:
            for name in rule.detectors:
                self._by_detector.setdefault(name, []).append(rule)

    def cues(self, passage: Passage) -> Cues:
        return read_cues(passage.text, passage.scope, self.common_words)

    def scan(self, passage: Passage, cues: Cues | None = None) -> list[Hit]:
        """Hits of every rule that applies to the passage's scope."""
        return self.scan_many([passage], [cues])[0]

    def scan_many(self, passages: list[Passage], cues: list[Cues | None] | None = None) -> list[list[Hit]]:
        """Hits for many passages. A pattern runs only over the passages holding a word it cannot
        match without (see classifier/prefilter.py); a pattern with no such word runs once over
        all passages joined by newlines (newlines inside a passage become spaces, so offsets and
        matches are unchanged)."""
        cues = cues or [None] * len(passages)
        hits: list[list[Hit]] = [[] for _ in passages]
        parts = [p.text.replace("\n", " ").replace("\r", " ") for p in passages]
        folded = [fold(part) for part in parts]     # per passage: folding may change a length
        buffer, starts = "\n".join(parts), _starts(parts)
        folded_buffer, folded_starts = "\n".join(folded), _starts(folded)

        @functools.lru_cache(maxsize=None)      # many patterns share a word: find each word once
        def passages_with(word: str) -> frozenset[int]:
            found, at = set(), folded_buffer.find(word)
            while at >= 0:
                i = bisect.bisect_right(folded_starts, at) - 1
                found.add(i)
                at = folded_buffer.find(word, folded_starts[i] + len(folded[i]) + 1)   # on to the next passage
            return frozenset(found)
        for i, passage in enumerate(passages):
            for number, s, e in self._index.find(passage.text):
                rule = self._compiled[number][0]
                if rule.applies_to(passage.scope) and not (rule.label in STYLE_LABELS and passage.quoted(s, e)):
                    hits[i].append(Hit(rule.id, rule.label, "lexicon", s, e, f"{passage.text[s:e]!r}"))
        for rule, terms, patterns in self._compiled:
            skip_quoted = rule.label in STYLE_LABELS
            for regex, kind in [(terms, "lexicon")] + [(p, "pattern") for p in patterns]:
                if regex is None:
                    continue
                required = self._required[regex]
                if required is None:
                    matches = []
                    for m in regex.finditer(buffer):
                        i = bisect.bisect_right(starts, m.start()) - 1
                        if m.end() <= starts[i] + len(parts[i]):      # never running into the next passage
                            matches.append((i, m.start() - starts[i], m.end() - starts[i], m.group()))
                else:
                    holding = sorted(set().union(*(passages_with(word) for word in required)))
                    matches = [(i, m.start(), m.end(), m.group()) for i in holding for m in regex.finditer(parts[i])]
                for i, s, e, matched in matches:
                    passage = passages[i]
                    if e <= s or not rule.applies_to(passage.scope) or (skip_quoted and passage.quoted(s, e)):
                        continue
                    hits[i].append(Hit(rule.id, rule.label, kind, s, e, f"{matched!r}"))
        if self._by_detector:
            for i, passage in enumerate(passages):
                found = cues[i] if cues[i] is not None else self.cues(passage)
                for evidence in run_detectors(found, passage.text):
                    for rule in self._by_detector.get(evidence.detector, ()):
                        if rule.applies_to(passage.scope):
                            hits[i].append(Hit(rule.id, rule.label, evidence.detector, evidence.start,
                                               evidence.end, evidence.detail))
        return hits
