"""Which language an article is written in, offline.

Character-trigram profiles learned from the bundled corpora (`python -m
classifier.resources` writes them to data/language_profiles.json) score each
paragraph, naive-Bayes style; the article's language is the one most of its
letters are written in. A text is "not supported" rather than forced into the
nearest language when its letters fall outside that language's alphabet (another
script, or letters such as ä, ñ, é) or too few of its trigrams are known to it.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROFILES_FILE = Path(__file__).parent / "data" / "language_profiles.json"
TOP_TRIGRAMS = 3000          # per language
MIN_LETTERS = 25             # below this a paragraph says too little to tell
FOREIGN_LETTERS = 0.02       # share of letters outside the language's alphabet that rules it out
MIN_COVERAGE = 0.6           # share of the text's trigrams the language's profile must know
NON_LETTERS = re.compile(r"[^\w']+|[\d_]+")


@dataclass(frozen=True)
class Detection:
    language: str | None          # None: not a supported language
    reason: str                   # why, in words for a notice
    shares: dict[str, float] = field(default_factory=dict)   # language (or "unsupported") -> share of letters

    @property
    def supported(self) -> bool:
        return self.language is not None


def _normal(text: str) -> str:
    text = text.lower().replace("i\u0307", "i").replace("’", "'")
    return " ".join(NON_LETTERS.sub(" ", text).split())


def trigrams(text: str) -> Counter:
    counts: Counter = Counter()
    for word in _normal(text).split():
        padded = f" {word} "
        counts.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return counts


def build_profiles(texts_by_language: dict[str, list[str]]) -> dict:
    """JSON-ready profiles: log-probabilities of each language's commonest trigrams, and its alphabet."""
    out = {}
    for language, texts in texts_by_language.items():
        counts: Counter = Counter()
        letters: Counter = Counter()
        for text in texts:
            counts.update(trigrams(text))
            letters.update(ch for ch in _normal(text) if ch.isalpha())
        total = sum(counts.values())
        top = counts.most_common(TOP_TRIGRAMS)
        denominator = total + len(top) + 1
        all_letters = sum(letters.values())
        out[language] = {
            "trigrams": {t: round(math.log((c + 1) / denominator), 4) for t, c in top},
            "unseen": round(math.log(1 / denominator), 4),
            "alphabet": "".join(sorted(ch for ch, c in letters.items() if c / all_letters >= 1e-4)),
        }
    return out


@lru_cache(maxsize=1)
def profiles() -> dict:
    try:
        return json.loads(PROFILES_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _script(letters: str) -> str:
    names = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in letters)
    return names.most_common(1)[0][0].title() if names else "unknown"


def _judge(text: str) -> tuple[str | None, str, int]:
    """(language or None, reason, letters) for one stretch of text."""
    normal = _normal(text)
    letters = [ch for ch in normal if ch.isalpha()]
    known = profiles()
    if len(letters) < MIN_LETTERS or not known:
        return None, "too little text to tell", len(letters)
    counts = trigrams(text)
    total = sum(counts.values())
    scores = {}
    for language, profile in known.items():
        table, unseen = profile["trigrams"], profile["unseen"]
        scores[language] = sum(c * table.get(t, unseen) for t, c in counts.items()) / total
    best = max(scores, key=scores.get)
    profile = known[best]
    alphabet = set(profile["alphabet"])
    foreign = [ch for ch in letters if ch not in alphabet]
    if len(foreign) > FOREIGN_LETTERS * len(letters):
        shown = "".join(sorted(set(foreign)))[:12]
        script = _script("".join(foreign))
        what = f"{script} script" if script != "Latin" else f"letters such as {shown}"
        return None, f"written in {what}, which none of the supported languages uses", len(letters)
    coverage = sum(c for t, c in counts.items() if t in profile["trigrams"]) / total
    if coverage < MIN_COVERAGE:
        return None, f"does not read as any supported language (closest: {best}, {coverage:.0%} familiar)", len(letters)
    return best, f"reads as {best}", len(letters)


def detect(text: str, default: str = "en") -> Detection:
    """The article's language: each paragraph is judged and the language of most letters wins.
    Text too short to tell is taken to be in `default`."""
    letters: Counter = Counter()
    reasons: dict[str | None, str] = {}
    undecided = 0
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[#>*-])", text):
        language, reason, count = _judge(paragraph)
        if language is None and reason == "too little text to tell":
            undecided += count
            continue
        letters[language] += count
        reasons.setdefault(language, reason)
    if not letters:
        language, reason, _ = _judge(text)      # short paragraphs together may still tell
        if language is None and reason == "too little text to tell":
            return Detection(default, f"too little text to tell; taken to be {default}", {default: 1.0})
        return Detection(language, reason, {language or "unsupported": 1.0})
    total = sum(letters.values())
    shares = {(k or "unsupported"): round(v / total, 3) for k, v in letters.most_common()}
    winner = letters.most_common(1)[0][0]
    return Detection(winner, reasons[winner], shares)
