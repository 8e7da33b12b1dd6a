"""Split an article into passages with exact character offsets and a scope.

Passages are sentences of body paragraphs, plus headlines, standfirsts, photo
captions and list items as passages of their own. Sentence splitting uses
NLTK's Punkt with parameters learned from the project's corpus and the
abbreviations news uses (loaded from JSON: no NLTK data download, no pickle).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from guidelines.languages import language_profile

DATA = Path(__file__).parent / "data"


def punkt_file(language: str) -> Path:
    return DATA / f"punkt_{language}.json"


SINGLE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")   # initials such as "E.K." are abbreviations
INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,4}$")
CAPTION_START = re.compile(
    r"^\s*(?:\(?(?:pictured|picture|photo(?:graph)?|foto\w*|image|caption|above|below|left|right|top|"
    r"inset|main picture|main image|video still)\b\s*[:\-–—)]?|!\[)", re.IGNORECASE)
CAPTION_CREDIT = re.compile(r"\((?:photo|picture|image|foto\w*)[^)]*\)\s*$|\b(?:photo|picture|foto)\s*:\s*[^.]{2,40}$",
                            re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")
MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][a-z]+\.?\s*\d{0,2})?\s*(?:\([^)]*\))?\s*[-–—:]")


@dataclass
class Passage:
    start: int
    end: int
    text: str
    scope: str                      # headline | standfirst | body | quotation | caption
    index: int = 0
    quotes: list[tuple[int, int]] = field(default_factory=list)   # offsets relative to the passage

    def quoted(self, start: int, end: int) -> bool:
        """Is the passage-relative span [start, end) inside quoted speech?"""
        return any(qs <= start and end <= qe for qs, qe in self.quotes)


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt that also treats initials such as "E.K." or "U.S." as abbreviations."""

    def _first_pass_annotation(self, aug_tok) -> None:
        super()._first_pass_annotation(aug_tok)
        if aug_tok.sentbreak and aug_tok.period_final and INITIALS.match(aug_tok.tok):
            aug_tok.sentbreak, aug_tok.abbr = False, True


TRAILING_INITIALS = re.compile(r"(?:\b[A-Z]\.){2,}$")
# Words that begin a new sentence after "U.S." rather than continue a name ("the U.S. Embassy").
STARTERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its", "this",
            "that", "these", "those", "there", "police", "but", "and", "in", "on", "at", "after", "when", "while",
            "if", "as", "some", "many", "most", "officials", "authorities", "one", "two", "three", "no", "our"}


def _merge_after_initials(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and TRAILING_INITIALS.search(block[merged[-1][0]:merged[-1][1]]):
            first = re.match(r"\W*(\w+)", block[start:end])
            if first and first.group(1)[0].isupper() and first.group(1).lower() not in STARTERS:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


MAX_PASSAGE = 1200   # characters; a longer "sentence" (no punctuation) is judged in pieces


def _pieces(block: str, start: int, end: int):
    """A span cut at spaces into pieces of at most MAX_PASSAGE characters: text with no sentence
    punctuation would otherwise be judged as one huge passage, slowly and with one vague flag."""
    while end - start > MAX_PASSAGE:
        cut = block.rfind(" ", start + MAX_PASSAGE // 2, start + MAX_PASSAGE)
        cut = cut if cut > start else start + MAX_PASSAGE
        yield start, cut
        start = cut
    yield start, end


def train_punkt_parameters(texts: list[str]) -> dict:
    """Learn Punkt parameters from the corpus text; returns JSON-ready data."""
    from nltk.tokenize.punkt import PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    trainer.train("\n\n".join(texts), finalize=True)
    params = trainer.get_params()
    return {
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted(list(c) for c in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }


@lru_cache(maxsize=None)
def tokenizer(language: str = "en") -> PunktSentenceTokenizer:
    params = PunktParameters()
    learned = punkt_file(language)
    if learned.exists():
        data = json.loads(learned.read_text(encoding="utf-8"))
        params.abbrev_types = set(data["abbrev_types"])
        params.collocations = {tuple(c) for c in data["collocations"]}
        params.sent_starters = set(data["sent_starters"])
        for word, flags in data["ortho_context"].items():
            params.ortho_context[word] = flags
    params.abbrev_types |= language_profile(language).abbreviations | SINGLE_LETTERS
    return _NewsPunkt(params)


@lru_cache(maxsize=None)
def closing_marks(language: str = "en") -> dict[str, str]:
    """Opening quotation mark -> the closing marks that end it, in this language's press."""
    table: dict[str, str] = {}
    for opening, closing in language_profile(language).quotes:
        table[opening] = table.get(opening, "") + closing
    return table


def quote_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Spans of quoted speech, including the quote marks; an unclosed quote runs to the end."""
    closers = closing_marks(language)
    spans, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in closers:
            # An apostrophe-like mark inside a word (don't, Gjergj', Ayşe'nin) is not a quote.
            if ch in "‘'" and i > 0 and text[i - 1].isalnum():
                i += 1
                continue
            close = closers[ch]
            j = i + 1
            while j < n:
                if text[j] in close and not (text[j] in "’'" and j + 1 < n and text[j + 1].isalpha()):
                    break
                j += 1
            if ch in "‘‚‹" and j >= n:   # a lone single mark is usually an apostrophe
                i += 1
                continue
            spans.append((i, min(j + 1, n)))
            i = j + 1
        else:
            i += 1
    return spans


def _blocks(text: str):
    """Yield (start, end) of blocks: lines, or blank-line paragraphs of hard-wrapped prose."""
    for para in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        lines = [(m.start() + para.start(), m.end() + para.start())
                 for m in re.finditer(r"[^\n]+", para.group())]
        lines = [(s, e) for s, e in lines if text[s:e].strip()]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(
            50 <= e - s <= 100 and not LIST_ITEM.match(text[s:e]) for s, e in lines[:-1])
        if wrapped:
            yield lines[0][0], lines[-1][1]
        else:
            yield from lines


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_headline(block: str, first: bool) -> bool:
    if MD_HEADING.match(block):
        return True
    words = block.split()
    return first and 0 < len(words) <= 22 and len(block) <= 300 and not re.search(r"[.!?…]['\"”’)]?\s*$", block) \
        and not DATELINE.match(block)


def segment(text: str, language: str = "en") -> list[Passage]:
    """All passages of an article, in order, with offsets into `text`."""
    passages: list[Passage] = []
    punkt = tokenizer(language)
    blocks = list(_blocks(text))
    for number, (bstart, bend) in enumerate(blocks):
        bstart, bend = _strip(text, bstart, bend)
        block = text[bstart:bend]
        if not block:
            continue
        heading = MD_HEADING.match(block)
        if heading or _is_headline(block, first=not passages):
            offset = heading.end() if heading else 0
            passages.append(Passage(bstart + offset, bend, block[offset:], "headline"))
            continue
        if CAPTION_START.match(block) or (CAPTION_CREDIT.search(block) and len(block.split()) <= 60):
            passages.append(Passage(bstart, bend, block, "caption"))
            continue
        item = LIST_ITEM.match(block)
        if item:
            passages.append(Passage(bstart + item.end(), bend, block[item.end():], "body"))
            continue
        quotes = quote_spans(block, language)
        sentences = _merge_after_initials(block, list(punkt.span_tokenize(block))) or [(0, len(block))]
        standfirst = (len(passages) == 1 and passages[0].scope == "headline" and len(sentences) <= 2
                      and len(block.split()) <= 45 and not DATELINE.match(block) and number + 1 < len(blocks))
        for s, e in (piece for span in sentences for piece in _pieces(block, *span)):
            s, e = _strip(block, s, e)
            if s >= e:
                continue
            inner = [(max(qs, s) - s, min(qe, e) - s) for qs, qe in quotes if qs < e and qe > s]
            quoted = sum(qe - qs for qs, qe in inner)
            scope = "standfirst" if standfirst else "body"
            if quoted >= 0.7 * (e - s):
                scope = "quotation"
            passages.append(Passage(bstart + s, bstart + e, block[s:e], scope, quotes=inner))
    for i, p in enumerate(passages):
        p.index = i
    return passages


def infer_scope(text: str, language: str = "en") -> str:
    """The likely scope of a passage seen on its own (no surrounding article)."""
    stripped = text.strip()
    if CAPTION_START.match(stripped) or CAPTION_CREDIT.search(stripped):
        return "caption"
    quoted = sum(e - s for s, e in quote_spans(stripped, language))
    if stripped and quoted >= 0.7 * len(stripped):
        return "quotation"
    if _is_headline(stripped, first=True):
        return "headline"
    return "body"
