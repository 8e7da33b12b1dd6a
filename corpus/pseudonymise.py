"""Pseudonymisation of passages before they enter a shared corpus.

A real victim's details must never reach a corpus that is shared, so export proposes a
replacement for every identifying span the detectors find (classifier/detectors.py) and the
annotator reviews, edits or adds to the list before anything is written:

- people's names (every name not read as an official's or an organisation's, since a
  suspect's name does not belong in training data either) and initials become consistent
  placeholders, "[Name 1]", "[Name 2]"...: the same person keeps the same number throughout
  one export, also when only a first or last name recurs ("Ermira Dervishi" ... "Ermira");
- places below country level become their kind: "[village]", "[street]", "[address]",
  "[school]", "[farm]", "[place]"...

Ages are kept: an age alone does not identify anyone once names and places are gone, and it
decides labels (a child victim). Applying the list replaces every occurrence of each original,
in any letter case, across all passages, and moves the passages' labelled spans with the text;
`survivors` double-checks that no original is left.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PLACE_NOUNS = ("village", "hamlet", "town", "township", "district", "municipality", "neighbourhood", "neighborhood",
               "suburb", "commune", "tehsil", "upazila", "mahalla", "mahalle", "settlement", "slum", "estate",
               "parish", "locality", "block", "area", "colony", "camp", "city")
KEEP_NAMES_OF = ("official", "organisation")
NAME_PLACEHOLDER = re.compile(r"^\[Name (\d+)\]$")


@dataclass
class Replacement:
    original: str
    replacement: str
    kind: str               # "name", "initials", or the kind of place
    keep: bool = True       # the annotator can switch a proposal off
    occurrences: int = 0    # in the passages it was proposed for

    def to_json(self) -> dict:
        return {"original": self.original, "replacement": self.replacement, "kind": self.kind, "keep": self.keep}


def _place_word(text: str, start: int, end: int, kind: str) -> str:
    words = re.findall(r"[A-Za-z]+", text[start:end].lower())
    for word in reversed(words):
        if word in PLACE_NOUNS:
            return word
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 25):start].lower())
    for word in reversed(before[-3:]):
        if word in PLACE_NOUNS:
            return word
    return {"street": "street", "address": "address", "shelter": "place"}.get(kind, "place")


_INSTITUTION_NOUN = re.compile(r"(School|College|Academy|Kindergarten|Shelter|Hospital|Clinic|Farm|Factory|Restaurant|"
                               r"Bar|Hotel|Caf[eé]|Car Wash|Nail Bar|Salon|Bakery|Club|Motel|Orphanage|Mosque|Church|"
                               r"Madrasa|Workshop|Mill|Kiln|Brickworks|Carwash|Spa|farm|factory|restaurant|bar|hotel|"
                               r"caf[eé]|shop|house|home|bakery|workshop|kiln|brick kiln|car wash|salon|flat|apartment)$")
_TRAILING_PROPER = re.compile(r"(?:[A-Z][\w'’\-]+)(?:\s[A-Z][\w'’\-]+)*$")


def _place_spans(text: str, start: int, end: int, kind: str) -> list[tuple[int, int, str]]:
    """The part of a detected place to replace, and its replacement."""
    chunk = text[start:end]
    if kind in ("street", "address"):
        return [(start, end, f"[{kind}]")]
    if kind == "locality":
        return [(start, end, f"[{_place_word(text, start, end, kind)}]")]
    if kind == "small_place":
        return [(start, end, f"[{_place_word(text, start, end, kind)}]")]
    if kind == "institution":
        noun = _INSTITUTION_NOUN.search(chunk)
        if noun and chunk[:1].isupper():
            return [(start, end, f"[{noun.group(1).lower()}]")]
    if kind in ("institution", "shelter"):
        tail = _TRAILING_PROPER.search(chunk)
        if tail and tail.start() > 0:
            return [(start + tail.start(), end, "[place]")]
    return []      # "the local baker", "now lives with": nothing proper to hide


_GENERIC = set(PLACE_NOUNS) | {"street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "square", "drive",
                                "close", "crescent", "terrace", "way", "alley", "bazaar", "market", "the", "of"}


def _proper_names(chunk: str) -> list[str]:
    """The capitalised runs of a place phrase without its generic nouns: "Sunny Valley" of "Sunny Valley Farm"."""
    out = []
    for m in re.finditer(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)*", chunk):
        words = m.group().split()
        while words and (words[-1].lower() in _GENERIC or _INSTITUTION_NOUN.fullmatch(words[-1])):
            words.pop()
        while words and words[0].lower() in _GENERIC:
            words.pop(0)
        if words and len(" ".join(words)) >= 3:
            out.append(" ".join(words))
    return out


class Pseudonymiser:
    """Proposes consistent replacements for one export (numbering runs across all its passages)."""

    def __init__(self, common_words: frozenset[str] | None = None):
        if common_words is None:
            from classifier.engine import common_words as load

            common_words = load()
        self.common = common_words
        self.people: list[set[str]] = []        # name tokens of each numbered person

    def _tokens(self, name: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[^\W\d_][\w'’\-]*", name)
                if len(w) > 2 and w.lower() not in self.common and w[:1].isupper()}

    def _person(self, name: str) -> int:
        tokens = self._tokens(name) or {name.lower()}
        for number, known in enumerate(self.people, 1):
            if known & tokens:
                known |= tokens
                return number
        self.people.append(set(tokens))
        return len(self.people)

    def propose(self, passages: list[tuple[str, str]]) -> list[Replacement]:
        """Replacements for (text, scope) passages, one per distinct original, in order of first appearance."""
        from classifier.detectors import read_cues

        found: dict[str, Replacement] = {}

        def add(original: str, replacement: str, kind: str) -> None:
            original = original.strip(" ,.;:")
            if len(original) < 2:
                return
            key = original.lower()
            if key not in found:
                found[key] = Replacement(original, replacement, kind)

        for text, scope in passages:
            cues = read_cues(text, scope or "body", self.common)
            for s, e, role in cues.names:
                if role in KEEP_NAMES_OF:
                    continue
                name = text[s:e]
                placeholder = f"[Name {self._person(name)}]"
                add(name, placeholder, "name")
                parts = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", name) if w.lower() in self._tokens(name)]
                if len(parts) > 1:    # a first or last name alone, later, is the same person
                    for part in parts:
                        add(part, placeholder, "name (part)")
            for s, e in cues.initials:
                add(text[s:e], f"[Name {self._person(text[s:e])}]", "initials")
            for s, e, kind in cues.places:
                for ps, pe, replacement in _place_spans(text, s, e, kind):
                    add(text[ps:pe], replacement, kind.replace("_", " "))
                    for name in _proper_names(text[ps:pe]):   # "Dolna Breza" alone, later, is the same place
                        if name.lower() != text[ps:pe].lower():
                            add(name, replacement, "place name")
        proposals = list(found.values())
        for r in proposals:
            r.occurrences = sum(len(_pattern([r.original]).findall(t)) for t, _ in passages)
        return proposals


def _pattern(originals: list[str]) -> re.Pattern:
    ordered = sorted(set(originals), key=lambda o: (-len(o), o))
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(o) for o in ordered) + r")(?![\w])", re.IGNORECASE)


def apply(text: str, replacements: list[Replacement], spans: list[dict] = ()) -> tuple[str, list[dict]]:
    """Replace every occurrence of each kept original (any case, whole words, longest first) and move the
    spans with the text. A span touching a replaced stretch grows to cover its replacement."""
    kept = {r.original.lower(): r.replacement for r in replacements if r.keep and r.original.strip()}
    if not kept:
        return text, [dict(s) for s in spans]
    matches = list(_pattern(list(kept)).finditer(text))
    if not matches:
        return text, [dict(s) for s in spans]
    pieces, edits, last, delta = [], [], 0, 0
    for m in matches:
        new = kept[m.group().lower()]
        pieces.append(text[last:m.start()])
        pieces.append(new)
        edits.append((m.start(), m.end(), m.start() + delta, m.start() + delta + len(new)))
        delta += len(new) - (m.end() - m.start())
        last = m.end()
    pieces.append(text[last:])
    out = "".join(pieces)

    def moved(pos: int, is_end: bool) -> int:
        shift = 0
        for old_s, old_e, new_s, new_e in edits:
            if pos < old_s or (is_end and pos == old_s):
                break
            if pos < old_e or (is_end and pos == old_e):
                return new_e if is_end else new_s
            shift = new_e - old_e
        return pos + shift

    new_spans = []
    for s in spans:
        start, end = moved(s["start"], False), moved(s["end"], True)
        if start < end:
            new_spans.append({**s, "start": start, "end": end})
    return out, new_spans


def survivors(texts: list[str], replacements: list[Replacement]) -> list[str]:
    """Originals of kept replacements still present in `texts` (should be none after `apply`)."""
    kept = [r.original for r in replacements if r.keep and r.original.strip()]
    left = []
    for original in kept:
        pattern = _pattern([original])
        if any(pattern.search(t) for t in texts):
            left.append(original)
    return left
