"""Corpus checks beyond the schema: rules, duplicates and split articles."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from corpus.schema import Passage
from guidelines.catalogue import Catalogue

NEAR_DUPLICATE = 0.9   # cosine of character 3-5-gram counts; above this two passages say the same


@dataclass(frozen=True)
class Problem:
    kind: str          # schema | rule | duplicate | near_duplicate | article
    where: str         # file:line
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.message}"


def _where(p: Passage) -> str:
    return f"{p.path}:{p.line}"


def check_rules(passages: list[Passage], catalogue: Catalogue) -> list[Problem]:
    problems = []
    for p in passages:
        for rid in p.rules:
            if rid not in catalogue:
                problems.append(Problem("rule", _where(p), f"{p.id}: unknown rule id {rid}"))
            elif catalogue.get(rid).label not in p.labels:
                problems.append(Problem("rule", _where(p),
                                        f"{p.id}: rule {rid} belongs to {catalogue.get(rid).label}, not in labels"))
        covered = {catalogue.get(r).label for r in p.rules if r in catalogue}
        for label in p.labels:
            if label not in covered:
                problems.append(Problem("rule", _where(p), f"{p.id}: label {label} names no rule"))
    return problems


def check_identity(passages: list[Passage]) -> list[Problem]:
    """Unique ids; each article's passages in one file, consecutive (never split across sets)."""
    problems, seen = [], {}
    for p in passages:
        if p.id in seen:
            problems.append(Problem("schema", _where(p), f"id {p.id} already used at {seen[p.id]}"))
        seen[p.id] = _where(p)
    runs: dict[str, list[Passage]] = defaultdict(list)
    previous = None
    for p in passages:
        if p.article != previous:
            runs[p.article].append(p)
        previous = p.article
    for article, starts in runs.items():
        if len(starts) > 1:
            places = ", ".join(_where(p) for p in starts)
            problems.append(Problem("article", places.split(", ")[0],
                                    f"article {article} is split into {len(starts)} parts ({places})"))
    return problems


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def check_duplicates(passages: list[Passage], threshold: float = NEAR_DUPLICATE) -> list[Problem]:
    problems = []
    first: dict[str, Passage] = {}
    for p in passages:
        key = _normal(p.text)
        if key in first:
            problems.append(Problem("duplicate", _where(p), f"{p.id} repeats {first[key].id} ({_where(first[key])})"))
        else:
            first[key] = p
    unique = list(first.values())
    if len(unique) < 2:
        return problems
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), use_idf=False).fit_transform(
        [p.text for p in unique])
    sims = (matrix @ matrix.T).tocoo()
    for i, j, value in zip(sims.row, sims.col, sims.data):
        if i < j and value >= threshold:
            a, b = unique[i], unique[j]
            problems.append(Problem("near_duplicate", _where(b),
                                    f"{b.id} is {value:.2f} similar to {a.id} ({_where(a)}): "
                                    f"{a.text[:60]!r} / {b.text[:60]!r}"))
    return problems


def check_language(passages: list[Passage], language: str) -> list[Problem]:
    """A language's corpus holds passages of that language only (each trains that language's model)."""
    return [Problem("schema", _where(p), f"{p.id}: language is {p.language!r}, this corpus is {language!r}")
            for p in passages if p.language != language]


def validate(passages: list[Passage], catalogue: Catalogue, threshold: float = NEAR_DUPLICATE,
             language: str | None = None) -> list[Problem]:
    problems = check_identity(passages) + check_rules(passages, catalogue) + check_duplicates(passages, threshold)
    return problems + (check_language(passages, language) if language else [])
