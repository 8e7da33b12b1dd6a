"""Which language an article is written in, offline.

Character-trigram profiles score each paragraph, naive-Bayes style; the
article's language is the one most of its letters are written in. Profiles of
the supported languages come from the bundled corpora; profiles of languages the
tool does not support (German, Azerbaijani, ...) come from reference texts in
data/langid/, so that such an article is named "not supported" instead of being
judged with the nearest language's rules. `python -m classifier.resources`
writes all profiles to data/language_profiles.json. A text is also not supported
when its letters fall outside every supported language's alphabet (another
script, or letters such as ä, ñ) or it scores far below that language's own texts.
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
REFERENCE_TEXTS = Path(__file__).parent / "data" / "langid"     # <code>.txt of unsupported languages
TOP_TRIGRAMS = 3000          # per language
MIN_LETTERS = 50             # below this (a short headline) a text says too little to tell
FOREIGN_LETTERS = 0.02       # share of letters no supported language writes that rules a text out
FLOOR_MARGIN = 0.5           # below a language's own 1st-percentile score by this much: not that language
UNSUPPORTED_MARGIN = 0.15    # an unsupported language must beat the best supported one by this much
NON_LETTERS = re.compile(r"[^\w']+|[\d_]+")


@dataclass(frozen=True)
class Detection:
    language: str | None          # None: not a supported language
    reason: str                   # why, in words for a notice
    shares: dict[str, float] = field(default_factory=dict)   # language (or "unsupported") -> share of letters

    @property
    def supported(self) -> bool:
        return self.language is not None


# Romanian s and t with comma below, and the cedilla forms older software writes, count as one.
SAME_LETTERS = str.maketrans({"ș": "ş", "ț": "ţ"})


def _normal(text: str) -> str:
    text = text.lower().replace("i\u0307", "i").replace("’", "'").translate(SAME_LETTERS)
    return " ".join(NON_LETTERS.sub(" ", text).split())


def trigrams(text: str) -> Counter:
    counts: Counter = Counter()
    for word in _normal(text).split():
        padded = f" {word} "
        counts.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return counts


def mean_log_probability(counts: Counter, profile: dict) -> float:
    table, unseen = profile["trigrams"], profile["unseen"]
    return sum(c * table.get(t, unseen) for t, c in counts.items()) / max(1, sum(counts.values()))


def build_profiles(texts_by_language: dict[str, list[str]], names: dict[str, str] | None = None,
                   supported: set[str] | None = None) -> dict:
    """JSON-ready profiles: log-probabilities of each language's commonest trigrams, its alphabet,
    whether the tool supports it, and (supported ones) the score its own texts rarely fall below."""
    names = names or {}
    supported = set(texts_by_language) if supported is None else supported
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
        profile = {
            "name": names.get(language, language),
            "supported": language in supported,
            "trigrams": {t: round(math.log((c + 1) / denominator), 4) for t, c in top},
            "unseen": round(math.log(1 / denominator), 4),
            "alphabet": "".join(sorted(ch for ch, c in letters.items() if c / all_letters >= 1e-4)),
        }
        if language in supported:
            own = sorted(mean_log_probability(trigrams(t), profile) for t in texts
                         if sum(ch.isalpha() for ch in t) >= 60)
            profile["floor"] = round(own[len(own) // 100] - FLOOR_MARGIN, 3) if own else -99.0
        out[language] = profile
    return out


def reference_texts() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Paragraphs and English names of the unsupported languages' reference texts."""
    texts, names = {}, {}
    for path in sorted(REFERENCE_TEXTS.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        first, _, rest = body.partition("\n")
        if first.startswith("#"):
            names[path.stem] = first.lstrip("# ").split(",")[0].strip()
            body = rest
        texts[path.stem] = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    return texts, names


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
    # Letters of another supported language are names ("Šapcu" in English copy); letters none of
    # them writes (another script, ä, ñ) are not.
    alphabet = set("".join(p["alphabet"] for p in known.values() if p["supported"]))
    foreign = [ch for ch in letters if ch not in alphabet]
    if len(foreign) > FOREIGN_LETTERS * len(letters):
        shown = "".join(sorted(set(foreign)))[:12]
        script = _script("".join(foreign))
        what = f"{script} script" if script != "Latin" else f"letters such as {shown}"
        return None, f"written in {what}, which none of the supported languages uses", len(letters)
    counts = trigrams(text)
    scores = {language: mean_log_probability(counts, profile) for language, profile in known.items()}
    best = max(scores, key=scores.get)
    profile = known[best]
    if not profile["supported"]:
        # Names and loanwords tilt short texts towards some language or other: doubt goes to a
        # supported language, which still has to pass its floor check below.
        runner_up = max((lang for lang, p in known.items() if p["supported"]), key=scores.get, default=None)
        if runner_up is None or scores[best] - scores[runner_up] > UNSUPPORTED_MARGIN:
            return None, f"reads as {profile['name']}", len(letters)
        best, profile = runner_up, known[runner_up]
    if scores[best] < profile["floor"]:
        return None, f"does not read as any supported language (closest: {profile['name']})", len(letters)
    return best, f"reads as {profile['name']}", len(letters)


def detect(text: str, default: str = "en") -> Detection:
    """The article's language, judged on the whole text; `shares` says how many of its letters
    each paragraph's own language holds (an English quote in an Albanian article shows there).
    Text too short to tell is taken to be in `default`."""
    language, reason, _ = _judge(text)
    if language is None and reason == "too little text to tell":
        return Detection(default, f"too little text to tell; taken to be {default}", {default: 1.0})
    letters: Counter = Counter()
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[#>*-])", text):
        own, why, count = _judge(paragraph)
        if own is None and why == "too little text to tell":
            own = language                   # a short line goes with the article
        letters[own or "unsupported"] += count
    total = sum(letters.values()) or 1
    shares = {k: round(v / total, 3) for k, v in letters.most_common()}
    return Detection(language, reason, shares)
