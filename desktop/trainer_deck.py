"""What a trainer shows, as plain data (no Qt): examples of good and bad practice from the
catalogue, the corpus and checked articles; a session resolved into examples and slides;
and the score of a quiz round. The presentation, gallery and handout only draw these."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import corpus
from guidelines.labels import LABEL_TITLES, LABELS
from guidelines.sessions import Session, SessionItem, passage_item, rule_example

SAMPLES = Path(corpus.__file__).parent / "samples"
CONTEXT_CHARS = 170          # of the neighbouring passages shown around an example
EXPLOITATION_TITLES = {"sexual": "Sexual exploitation", "labour": "Labour exploitation",
                       "criminality": "Forced criminality", "child": "Child trafficking",
                       "domestic": "Domestic servitude", "marriage": "Forced marriage", "begging": "Forced begging",
                       "online": "Online exploitation", "organ": "Organ removal", "general": "General"}


@dataclass
class ExampleFlag:
    """One rule an example breaks (or, for good practice, follows)."""
    rule_id: str
    label: str
    title: str
    statement: str = ""
    rationale: str = ""
    severity: str = ""
    sources: list[str] = field(default_factory=list)
    rewrite: str = ""
    bad_example: str = ""
    marks: list[tuple[int, int]] = field(default_factory=list)   # offsets into Example.text

    @property
    def label_title(self) -> str:
        return LABEL_TITLES.get(self.label, self.label)


@dataclass
class Example:
    key: str
    item: SessionItem | None           # how a session refers to it
    kind: str                          # rule_example | passage | article
    practice: str                      # bad | good
    text: str
    origin: str                        # where it comes from, one line
    flags: list[ExampleFlag] = field(default_factory=list)
    before: str = ""                   # context: the end of the passage before ...
    after: str = ""                    # ... and the start of the one after
    complies: ExampleFlag | None = None    # good practice: the rule it follows
    replaces: str = ""                 # a catalogue rewrite: the bad version it replaces
    truth: list[str] | None = None     # the labels a quiz counts as right (default: the flags' labels)
    exploitation: str = ""
    register: str = ""
    country: str = ""

    @property
    def labels(self) -> list[str]:
        found = set(self.truth if self.truth is not None else (f.label for f in self.flags))
        return [label for label in LABELS if label in found]

    @property
    def rule_ids(self) -> list[str]:
        ids = [f.rule_id for f in self.flags if f.rule_id]
        return ids + ([self.complies.rule_id] if self.complies else [])


def _rule_flag(rule, marks=()) -> ExampleFlag:
    return ExampleFlag(rule.id, rule.label, rule.title, rule.statement, rule.rationale, rule.severity,
                       [s.cite() for s in rule.sources], rule.rewrite, rule.bad_example, list(marks))


def short_cite(cite: str) -> str:
    """A citation without its address (for slides: a URL read out in a room helps nobody)."""
    return re.sub(r"\s*https?://\S+", "", cite).strip()


def _trim_before(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[-CONTEXT_CHARS:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut


def _trim_after(text: str) -> str:
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[:CONTEXT_CHARS]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"


# ------------------------------------------------------------------ catalogue examples
class _Marker:
    """Finds the words a rule's own signals see in its bad example, so slides can mark them."""

    def __init__(self, catalogue):
        from classifier.engine import common_words, corpus_passage, prepare
        from classifier.signals import SignalScanner

        self._scanner = SignalScanner(catalogue, common_words())
        self._prepare, self._passage = prepare, corpus_passage

    def marks(self, text: str, rule) -> list[tuple[int, int]]:
        item = self._prepare([self._passage(text)], self._scanner)[0]
        own = [(h.start, h.end) for h in item.hits if h.rule_id == rule.id]
        same_label = [(h.start, h.end) for h in item.hits if h.label == rule.label]
        return sorted(set(own or same_label))


def rule_examples(catalogue, rule, marker: _Marker | None = None) -> tuple[Example, Example]:
    """A rule's bad example (with the words its signals see marked) and its compliant rewrite."""
    marks = marker.marks(rule.bad_example, rule) if marker else []
    bad = Example(f"rule:{rule.id}:bad", rule_example(rule.id, "bad"), "rule_example", "bad", rule.bad_example,
                  f"Catalogue example for {rule.id}", flags=[_rule_flag(rule, marks)])
    good = Example(f"rule:{rule.id}:rewrite", rule_example(rule.id, "rewrite"), "rule_example", "good",
                   rule.rewrite, f"Compliant rewrite from the catalogue, {rule.id}", complies=_rule_flag(rule),
                   replaces=rule.bad_example, truth=[])
    return bad, good


# ------------------------------------------------------------------ corpus examples
def _by_article(passages) -> dict[str, list]:
    groups: dict[str, list] = {}
    for p in passages:
        groups.setdefault(p.article, []).append(p)
    for group in groups.values():
        group.sort(key=lambda p: (p.path, p.line))
    return groups


def passage_example(p, catalogue, neighbours: list | None = None) -> tuple[Example, list[str]]:
    """A corpus passage as an example: labelled passages are bad practice (one flag per rule,
    the annotated spans of its label marked), clean ones good practice. Also returns the rule
    ids the catalogue does not know."""
    flags, unknown = [], []
    for rid in p.rules:
        if rid not in catalogue:
            unknown.append(rid)
            continue
        rule = catalogue.get(rid)
        if rule.label not in p.labels:
            continue        # a rule cited for a label the passage does not carry
        marks = [(s["start"], s["end"]) for s in p.spans if s["label"] == rule.label]
        flags.append(_rule_flag(rule, marks))
    for label in p.labels:  # a label no known rule of the passage names: still shown, by its label
        if not any(f.label == label for f in flags):
            marks = [(s["start"], s["end"]) for s in p.spans if s["label"] == label]
            flags.append(ExampleFlag("", label, LABEL_TITLES.get(label, label), marks=marks))
    bits = [p.register.replace("_", " "), EXPLOITATION_TITLES.get(p.exploitation, p.exploitation).lower(), p.country]
    origin = f"Corpus passage {p.id} · " + " · ".join(b for b in bits if b)
    before = after = ""
    if neighbours:
        at = next((i for i, q in enumerate(neighbours) if q.id == p.id), -1)
        if at > 0:
            before = _trim_before(neighbours[at - 1].text)
        if 0 <= at < len(neighbours) - 1:
            after = _trim_after(neighbours[at + 1].text)
    example = Example(f"passage:{p.id}", passage_item(p.id), "passage", "bad" if p.labels else "good", p.text,
                      origin, flags=flags, before=before, after=after, truth=list(p.labels),
                      exploitation=p.exploitation, register=p.register, country=p.country)
    return example, unknown


def gallery_examples(catalogue, passages, marker: _Marker | None = None,
                     cancelled: Callable[[], bool] = lambda: False) -> list[Example]:
    """Every example a trainer can pick: each rule's bad example and rewrite, then the corpus."""
    marker = marker or _Marker(catalogue)
    out: list[Example] = []
    for rule in catalogue:
        out.extend(rule_examples(catalogue, rule, marker))
    groups = _by_article(passages)
    for p in passages:
        if cancelled():
            break
        out.append(passage_example(p, catalogue, groups.get(p.article))[0])
    return out


def matches(example: Example, label: str = "", rule: str = "", exploitation: str = "", practice: str = "",
            text: str = "") -> bool:
    """The gallery's filters ("" means any)."""
    if practice and example.practice != practice:
        return False
    if label and label not in example.labels and not (example.complies and example.complies.label == label):
        return False
    if rule and rule not in example.rule_ids:
        return False
    if exploitation and example.exploitation != exploitation:
        return False
    return not text or text.lower() in (example.text + " " + example.origin).lower()


# ------------------------------------------------------------------ articles
def article_examples(text: str, title: str, analysis, catalogue, item: SessionItem | None = None) -> list[Example]:
    """The flagged passages of a checked article, in reading order, one example each."""
    passages = analysis.passages
    out = []
    for n, result in enumerate(passages):
        if not result.findings:
            continue
        p = result.passage
        flags: dict[str, ExampleFlag] = {}
        for f in result.findings:
            flag = flags.get(f.rule_id)
            if flag is None:
                rule = catalogue.get(f.rule_id) if f.rule_id in catalogue else None
                flag = flags[f.rule_id] = _rule_flag(rule) if rule else ExampleFlag(
                    f.rule_id, f.label, f.title, f.explanation.get("statement", ""), f.rationale, f.severity,
                    list(f.sources), "")
            if f.detector != "model":           # the model judges the whole passage: no words to mark
                flag.marks.append((f.start - p.start, f.end - p.start))
        before = _trim_before(passages[n - 1].passage.text) if n > 0 else ""
        after = _trim_after(passages[n + 1].passage.text) if n + 1 < len(passages) else ""
        origin = f"{title} · {p.scope}"
        out.append(Example(f"{item.key if item else 'article'}@{p.start}", item, "article", "bad", p.text, origin,
                           flags=list(flags.values()), before=before, after=after))
    return out


# ------------------------------------------------------------------ a session, resolved
@dataclass
class Slide:
    example: Example
    flag: ExampleFlag | None      # the flag this step is about (None: a good-practice example)
    flag_number: int = 0          # 1-based among the example's flags
    example_number: int = 0       # 1-based among the deck's examples


@dataclass
class Deck:
    title: str
    examples: list[Example]
    problems: list[str] = field(default_factory=list)

    def slides(self) -> list[Slide]:
        """One step per flag (a good-practice example is one step)."""
        out = []
        for number, example in enumerate(self.examples, 1):
            if example.practice == "good" or not example.flags:
                out.append(Slide(example, None, 0, number))
            else:
                out.extend(Slide(example, flag, i, number) for i, flag in enumerate(example.flags, 1))
        return out


def article_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 90 else line[:87].rstrip() + "…"
    return fallback


def resolve_session(session: Session, catalogue, passages, engine=None,
                    cancelled: Callable[[], bool] = lambda: False, marker: _Marker | None = None) -> Deck:
    """The session's items as examples, in order. An item that cannot be shown (a rule or
    passage id not known here, a missing file, no model to check an article) is reported in
    `problems` and skipped."""
    from classifier.readers import ReadError, read_article

    by_id = {p.id: p for p in passages}
    groups = _by_article(passages)
    deck = Deck(session.title, [], list(session.problems))
    marker = marker or _Marker(catalogue)
    for number, item in enumerate(session.items, 1):
        if cancelled():
            raise KeyboardInterrupt("cancelled")
        where = f"item {number} ({item.describe()})"
        if item.kind == "rule_example":
            if item.rule not in catalogue:
                deck.problems.append(f"{where}: no rule {item.rule} in the catalogue")
                continue
            bad, good = rule_examples(catalogue, catalogue.get(item.rule), marker)
            deck.examples.append(bad if item.variant == "bad" else good)
        elif item.kind == "passage":
            p = by_id.get(item.passage)
            if p is None:
                deck.problems.append(f"{where}: no passage {item.passage} in the corpus")
                continue
            example, unknown = passage_example(p, catalogue, groups.get(p.article))
            if unknown:
                deck.problems.append(f"{where}: rule(s) {', '.join(unknown)} not in the catalogue; not shown")
            deck.examples.append(example)
        else:
            path = SAMPLES / item.sample if item.sample else session.article_path(item)
            try:
                text = read_article(path)
            except ReadError as exc:
                deck.problems.append(f"{where}: {exc}")
                continue
            if engine is None:
                deck.problems.append(f"{where}: not checked, the model is not loaded")
                continue
            found = article_examples(text, article_title(text, path.name), engine.analyze(text), catalogue, item)
            if not found:
                deck.problems.append(f"{where}: no flags in this article")
            deck.examples.extend(found)
    return deck


def needs_engine(session: Session) -> bool:
    return any(item.kind == "article" for item in session.items)


# ------------------------------------------------------------------ quiz
@dataclass
class QuizRound:
    """One pass of the room through the questions. An answer is the set of labels the room
    chose (an empty set: "nothing wrong"); a question revealed without an answer is not scored."""
    questions: list[Example]
    number: int = 1
    answers: dict[int, set[str]] = field(default_factory=dict)
    revealed: set[int] = field(default_factory=set)

    def toggle(self, index: int, label: str) -> None:
        if index in self.revealed:
            return                      # the answer is locked once the flags are shown
        chosen = self.answers.setdefault(index, set())
        chosen.symmetric_difference_update({label})

    def nothing_wrong(self, index: int) -> None:
        if index not in self.revealed:
            self.answers[index] = set()

    def reveal(self, index: int) -> None:
        self.revealed.add(index)

    def verdict(self, index: int) -> dict[str, str] | None:
        """Per label: 'hit' (chosen and there), 'missed', 'false' (chosen, not there), 'clear'
        (rightly not chosen); None when the room gave no answer."""
        if index not in self.answers:
            return None
        truth, chosen = set(self.questions[index].labels), self.answers[index]
        return {label: ("hit" if label in truth and label in chosen else "missed" if label in truth else
                        "false" if label in chosen else "clear") for label in LABELS}

    def score(self) -> dict:
        """Right/wrong per label over the answered, revealed questions, and the round total
        (questions answered exactly right)."""
        per_label = {label: {"right": 0, "wrong": 0} for label in LABELS}
        answered = exact = 0
        for index in sorted(self.revealed):
            verdict = self.verdict(index)
            if verdict is None:
                continue
            answered += 1
            exact += all(v in ("hit", "clear") for v in verdict.values())
            for label, v in verdict.items():
                per_label[label]["right" if v in ("hit", "clear") else "wrong"] += 1
        return {"round": self.number, "questions": len(self.questions), "answered": answered, "right": exact,
                "per_label": per_label}
