"""What the editor reviews, without Qt: the flags of an article with their decisions,
the allow-list, offsets that follow the editor's typing, and incremental checking.

Every screen draws from these objects; the widgets only present them.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable

from corpus.review_store import AddedFlag, AllowTerm, Decision, StoredArticle

STATUSES = ("open", "confirmed", "relabelled", "added", "dismissed", "allowed")


class Cancelled(Exception):
    """Raised inside a background job when the user (or a newer job) cancelled it."""


class Stale(Exception):
    """The settings changed while judging: the result would be stale (not a user's cancel)."""


def fingerprint(passage_text: str) -> str:
    return hashlib.sha1(" ".join(passage_text.split()).encode("utf-8")).hexdigest()[:16]


def finding_key(rule_id: str, passage_text: str) -> str:
    """A decision's key: the rule and the passage's words. Unlike offsets, it survives edits
    elsewhere in the draft; an edited passage is a new passage and is judged afresh."""
    return f"{rule_id}|{fingerprint(passage_text)}"


def shift_span(start: int, end: int, pos: int, removed: int, added: int) -> tuple[int, int]:
    """Move [start, end) for an edit that replaced `removed` characters at `pos` with `added` ones.
    Typing just before a span pushes it along; typing just after it leaves it alone."""
    delta = added - removed
    if start < pos:
        new_start = start
    elif start >= pos + removed and (start > pos or removed == 0):
        new_start = start + delta
    else:                       # the edit replaced the span's first characters
        new_start = pos
    if end <= pos:
        new_end = end
    elif end >= pos + removed:
        new_end = end + delta
    else:                       # the span's end was deleted: it now ends after the new text
        new_end = pos + added
    return new_start, max(new_start, new_end)


@dataclass
class Flag:
    """One row of the findings panel: a finding of the engine, or a flag the editor added."""
    key: str
    rule_id: str                 # '' for a flag the editor added
    label: str                   # the label the tool gave, or the editor chose
    title: str
    severity: str
    start: int                   # evidence span in the current text
    end: int
    passage_start: int
    passage_end: int
    evidence: str                # the evidence words, as checked
    passage_text: str
    score: float | None = None
    finding: object = None       # classifier.findings.Finding
    added: AddedFlag | None = None
    decision: Decision | None = None
    allowed_by: str | None = None

    @property
    def status(self) -> str:
        if self.added is not None:
            return "added"
        if self.allowed_by:
            return "allowed"
        return self.decision.decision if self.decision else "open"

    @property
    def shown_label(self) -> str:
        if self.decision and self.decision.decision == "relabelled" and self.decision.new_label:
            return self.decision.new_label
        return self.label

    @property
    def active(self) -> bool:
        """Still counts as a problem in the article (not dismissed, not allowed)."""
        return self.status not in ("dismissed", "allowed")

    @property
    def whole_passage(self) -> bool:
        return self.start <= self.passage_start and self.end >= self.passage_end


def allow_match(flag: Flag, terms: list[AllowTerm]) -> str | None:
    """The allow-list term that suppresses this flag, if any.

    Only a specific evidence span (a name, a word) can be allowed: a judgement the
    model made on a whole passage is not cancelled by a name appearing in it.
    """
    if flag.added is not None or flag.whole_passage:
        return None
    for term in terms:
        if term.label and term.label != flag.label:
            continue
        if re.search(rf"(?<!\w){re.escape(term.term)}(?!\w)", flag.evidence, re.IGNORECASE):
            return term.term
    return None


class ArticleReview:
    """One open article: its check results, decisions and added flags."""

    def __init__(self, stored: StoredArticle):
        self.id = stored.id
        self.source = stored.source
        self.title = stored.title
        self.text = stored.text           # the text the flags refer to (kept in step with edits)
        self.results: list | None = None  # PassageResults; None until checked
        self.decisions: dict[str, Decision] = {}
        self.added: list[AddedFlag] = []
        self.detached: set[int] = set()   # added flags whose words were deleted from the draft
        self.flags: list[Flag] = []
        self.revision = 0                 # bumped by every edit: results of an older revision are stale
        self.checked_revision = -1

    @property
    def checked(self) -> bool:
        return self.results is not None

    @property
    def up_to_date(self) -> bool:
        return self.checked and self.checked_revision == self.revision

    def set_results(self, results: list, text: str, revision: int) -> None:
        self.results, self.text, self.checked_revision = results, text, revision

    def rebuild(self, allow_terms: list[AllowTerm]) -> None:
        """Recompute the flags from the results, decisions, added flags and allow-list."""
        flags: list[Flag] = []
        for result in self.results or []:
            ptext = result.passage.text
            for f in result.findings:
                key = finding_key(f.rule_id, ptext)
                flag = Flag(key, f.rule_id, f.label, f.title, f.severity, f.start, f.end, f.passage_start,
                            f.passage_end, self.text[f.start:f.end], ptext, f.score, finding=f,
                            decision=self.decisions.get(key))
                flag.allowed_by = allow_match(flag, allow_terms)
                flags.append(flag)
        for a in self.added:
            if a.id in self.detached:
                continue
            flags.append(Flag(f"added|{a.id}", "", a.label, "Flag added by the editor", "medium", a.start, a.end,
                              a.start, a.end, a.text, a.text, None, added=a))
        flags.sort(key=lambda fl: (fl.start, fl.end, fl.rule_id))
        self.flags = flags

    def counts(self) -> dict[str, int]:
        """Open problems per label (dismissed and allowed flags do not count)."""
        out: dict[str, int] = {}
        for flag in self.flags:
            if flag.active:
                out[flag.shown_label] = out.get(flag.shown_label, 0) + 1
        return out

    # ------------------------------------------------------------ edits
    def apply_edit(self, pos: int, removed: int, added: int, new_text: str) -> None:
        """Keep every offset in step with an edit until the re-check replaces them."""
        self.revision += 1
        self.text = new_text
        for result in self.results or []:
            p = result.passage
            p.start, p.end = shift_span(p.start, p.end, pos, removed, added)
            for f in result.findings:
                f.start, f.end = shift_span(f.start, f.end, pos, removed, added)
                f.passage_start, f.passage_end = shift_span(f.passage_start, f.passage_end, pos, removed, added)
        for flag in self.flags:
            flag.start, flag.end = shift_span(flag.start, flag.end, pos, removed, added)
            flag.passage_start, flag.passage_end = shift_span(flag.passage_start, flag.passage_end, pos, removed,
                                                              added)
        self.added = [replace(a, start=s, end=e) for a in self.added
                      for s, e in [shift_span(a.start, a.end, pos, removed, added)]]
        self._reanchor_added()

    def _reanchor_added(self) -> None:
        """An added flag whose words moved is found again nearby; one whose words are gone is detached."""
        anchored = []
        for a in self.added:
            if self.text[a.start:a.end] == a.text:
                self.detached.discard(a.id)
                anchored.append(a)
                continue
            at = nearest(self.text, a.text, a.start)
            if at is None:
                self.detached.add(a.id)
                anchored.append(a)
            else:
                self.detached.discard(a.id)
                anchored.append(replace(a, start=at, end=at + len(a.text)))
        self.added = anchored


def nearest(text: str, needle: str, around: int) -> int | None:
    if not needle:
        return None
    best = None
    for m in re.finditer(re.escape(needle), text):
        if best is None or abs(m.start() - around) < abs(best - around):
            best = m.start()
    return best


# ---------------------------------------------------------------- incremental checking
def _passage_key(p) -> tuple:
    return p.text, p.scope, tuple(p.quotes)


def rebase(result, passage):
    """A copy of a cached PassageResult moved to `passage` (same words, new place)."""
    from classifier.engine import PassageResult

    delta = passage.start - result.passage.start
    findings = []
    for f in result.findings:
        explanation = dict(f.explanation)
        explanation["evidence"] = [dict(e, start=e["start"] + delta, end=e["end"] + delta)
                                   for e in f.explanation.get("evidence", [])]
        findings.append(replace(f, start=f.start + delta, end=f.end + delta, passage_index=passage.index,
                                passage_start=passage.start, passage_end=passage.end, explanation=explanation))
    return PassageResult(replace(passage, quotes=list(passage.quotes)), dict(result.scores), list(result.labels),
                         findings)


class Checker:
    """Judges articles with an engine, re-judging only passages whose words changed.

    The engine is shared by worker threads, so judging holds a lock, one batch at a
    time, letting a keystroke re-check slip in between the batches of a long job.
    A change of settings bumps the generation: results judged under the old
    settings never enter the cache.
    """

    def __init__(self, engine, cache_size: int = 60_000):
        self.engine = engine
        self.cache_size = cache_size
        self.generation = 0
        self._cache: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def configure(self, sensitivity: dict[str, float], active_labels: set[str]) -> None:
        with self._lock:
            self.engine.sensitivity = dict(sensitivity)
            self.engine.active_labels = {r.label for r in self.engine.catalogue} & set(active_labels)
            self._cache.clear()
            self.generation += 1

    def check(self, text: str, cancelled: Callable[[], bool] = lambda: False,
              progress: Callable[[float], None] | None = None, batch: int = 150,
              first: tuple[int, int] | None = None, on_first: Callable[[list], None] | None = None) -> list:
        """PassageResults for every passage of `text`. With `first` (a character range, such as the
        part of the article on screen) those passages are judged first and handed to `on_first`,
        so a long article shows its first flags long before the whole of it is checked."""
        from classifier.segment import segment

        generation = self.generation
        passages = segment(text)
        out: list = [None] * len(passages)
        todo = []
        for i, p in enumerate(passages):
            cached = self._cache.get(_passage_key(p))
            if cached is not None:
                out[i] = rebase(cached, p)
            else:
                todo.append(i)
        if first is not None and on_first is not None:
            front = [i for i in todo if passages[i].end > first[0] and passages[i].start < first[1]]
            if front and len(front) < len(todo):
                self._judge(passages, front, out, generation, cancelled)
                on_first([r for r in out if r is not None])
                chosen = set(front)
                todo = [i for i in todo if i not in chosen]
        for done in range(0, len(todo), batch):
            self._judge(passages, todo[done:done + batch], out, generation, cancelled)
            if progress:
                progress(min(1.0, (done + batch) / len(todo)))
        return out

    def _judge(self, passages: list, chunk: list[int], out: list, generation: int, cancelled) -> None:
        if cancelled():
            raise Cancelled()
        with self._lock:
            if generation != self.generation:
                raise Stale()
            judged = self.engine.judge([passages[i] for i in chunk])
            for i, result in zip(chunk, judged):
                self._cache[_passage_key(passages[i])] = result
                out[i] = rebase(result, passages[i])
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
