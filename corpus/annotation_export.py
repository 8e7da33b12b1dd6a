"""From agreed annotations to corpus passages: pseudonymised, validated, deduplicated against the corpus.

Only passages with an agreed labelling are exported (see `AnnotationStore.resolved`): a passage the
annotators disagree on waits until someone settles it. Every label needs a rule id of that label
(corpus/FORMAT.md); the queue carries the rules the engine named for each label.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.annotation_store import AnnotationStore
from corpus.pseudonymise import Pseudonymiser, Replacement, apply, survivors
from corpus.schema import Passage, _check
from corpus.validate import Problem, check_duplicates, check_identity, check_rules


@dataclass
class ExportPlan:
    passages: list[Passage] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)        # why passages were left out, one line each
    problems: list[Problem] = field(default_factory=list)   # validation problems of what would be written
    replacements: list[Replacement] = field(default_factory=list)


def _article_id(article: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", article.lower()).strip("-")
    return slug if slug.startswith("ann-") else f"ann-{slug}"


def propose_replacements(store: AnnotationStore, common_words: frozenset[str] | None = None) -> list[Replacement]:
    """What the export would replace, for the annotator to review first."""
    return Pseudonymiser(common_words).propose([(item.text, item.scope) for item, _, _ in store.resolved()])


def plan_export(store: AnnotationStore, catalogue, corpus: list[Passage], replacements: list[Replacement],
                licence: str = "CC-BY-4.0", language: str = "en", date: str | None = None) -> ExportPlan:
    """The passages an export would write, after pseudonymisation and checks against the corpus."""
    plan = ExportPlan(replacements=replacements)
    date = date or dt.date.today().isoformat()
    counters: dict[str, int] = {}
    for item, decision, annotators in store.resolved():
        text, spans = apply(item.text, replacements, [dict(s) for s in decision.spans])
        labels = list(decision.labels)
        rules = []
        for label in labels:
            named = [r for r in item.rules.get(label, []) if r in catalogue and catalogue.get(r).label == label]
            rules += [r for r in named if r not in rules]
        meta = item.meta or {}
        article = _article_id(meta.get("article") or item.article)
        counters[article] = counters.get(article, 0) + 1
        raw = {"id": f"{article}-{counters[article]:02d}", "article": article, "text": text, "scope": item.scope,
               "labels": labels, "rules": rules, "language": meta.get("language", language),
               "source_kind": meta.get("source_kind", "annotated_draft"),
               "licence": meta.get("licence", licence), "annotator": "; ".join(annotators), "date": date}
        if spans:
            raw["spans"] = spans
        for key in ("register", "exploitation", "country"):
            if meta.get(key):
                raw[key] = meta[key]
        if text != item.text:
            raw["note"] = "pseudonymised on export"
        plan.passages.append(_check(raw, "export", len(plan.passages) + 1))
    left = survivors([p.text for p in plan.passages], replacements)
    if left:   # apply() replaces every occurrence, so this means a bug: refuse rather than leak
        raise RuntimeError(f"pseudonymisation left {', '.join(left)} in the export")
    # Deduplicate against the corpus: an exact or near duplicate of a corpus passage adds nothing.
    problems = check_duplicates(list(corpus) + plan.passages)
    dropped = set()
    for problem in problems:
        if problem.where.startswith("export:"):
            line = int(problem.where.split(":")[1])
            dropped.add(line)
            plan.skipped.append(f"{plan.passages[line - 1].id}: {problem.kind.replace('_', ' ')}: {problem.message}")
    kept = [p for i, p in enumerate(plan.passages, 1) if i not in dropped]
    for i, p in enumerate(kept, 1):
        p.line = i
    plan.passages = kept
    plan.problems = check_identity(kept) + check_rules(kept, catalogue)
    unresolved = store.unresolved()
    if unresolved:
        plan.skipped.append(f"{len(unresolved)} passage(s) wait for the annotators' disagreement to be settled")
    return plan


def write_export(plan: ExportPlan, path: Path | str) -> int:
    """Write the planned passages atomically (refusing if validation found problems)."""
    from corpus.schema import write_jsonl

    if plan.problems:
        raise ValueError("the export has problems:\n" + "\n".join(map(str, plan.problems)))
    write_jsonl(plan.passages, path)
    return len(plan.passages)
