"""Active learning: the model's suggestion for each passage and how unsure it is, so the
annotator sees first the passages whose labels would teach the model most.

A passage's uncertainty is how close its most doubtful label sits to the boundary the engine
actually uses (`classifier.model.decide`): the confirmation threshold when a guideline signal
proposes the label, the "model alone" bar otherwise. 1.0 means exactly on a boundary.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from classifier.engine import Engine, corpus_passage, prepare
from classifier.segment import Passage, segment
from corpus.annotation_store import NewItem
from guidelines.labels import LABELS


def _closeness(score: float, boundary: float) -> float:
    """1 on the boundary, falling linearly to 0 at the far end of the score range."""
    room = boundary if score < boundary else 1.0 - boundary
    return max(0.0, 1.0 - abs(score - boundary) / room) if room > 0 else 0.0


def suggest(engine: Engine, passages: list[Passage]) -> list[dict]:
    """Per passage: scores, suggested labels, rule ids per label, uncertainty."""
    results = engine.judge(passages)
    items = prepare(passages, engine.scanner)
    out = []
    for result, item in zip(results, items):
        signalled: dict[str, list[str]] = {}
        for hit in item.hits:
            if hit.rule_id in engine.catalogue:
                signalled.setdefault(hit.label, [])
                if hit.rule_id not in signalled[hit.label]:
                    signalled[hit.label].append(hit.rule_id)
        rules: dict[str, list[str]] = {}
        for label in LABELS:
            named = sorted({f.rule_id for f in result.findings if f.label == label}) or signalled.get(label, [])
            if not named:   # the rule an annotator most likely means: the label's first rule for this scope
                candidates = [r for r in engine.catalogue.by_label(label) if r.applies_to(item.passage.scope)] \
                    or engine.catalogue.by_label(label)
                named = [candidates[0].id] if candidates else []
            rules[label] = named
        doubt = 0.0
        for label, score in result.scores.items():
            boundary = engine.threshold(label) if label in signalled else engine.model_alone(label)
            doubt = max(doubt, _closeness(score, boundary))
        out.append({"scores": result.scores, "labels": list(result.labels), "rules": rules,
                    "uncertainty": round(doubt, 6)})
    return out


def article_items(engine: Engine, text: str, source: str) -> list[NewItem]:
    """Every passage of an article, with the passage before and after as context."""
    passages = segment(text)
    article = "art-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    suggestions = suggest(engine, passages)
    out = []
    for i, (p, s) in enumerate(zip(passages, suggestions)):
        out.append(NewItem(source=source, article=article, position=i, text=p.text,
                           before=passages[i - 1].text if i > 0 else "",
                           after=passages[i + 1].text if i + 1 < len(passages) else "",
                           scope=p.scope, scores=s["scores"], suggested=s["labels"], rules=s["rules"],
                           uncertainty=s["uncertainty"], meta={"title": Path(source).name}))
    return out


def corpus_items(engine: Engine, corpus_passages) -> list[NewItem]:
    """Corpus passages for review: the corpus's own labels come first, the model's view beside them."""
    suggestions = suggest(engine, [corpus_passage(p.text, p.scope) for p in corpus_passages])
    out = []
    by_article: dict[str, list] = {}
    for p in corpus_passages:
        by_article.setdefault(p.article, []).append(p)
    for p, s in zip(corpus_passages, suggestions):
        siblings = by_article[p.article]
        i = siblings.index(p)
        rules = dict(s["rules"])
        for label in p.labels:    # the corpus's own rule ids for its labels
            own = [r for r in p.rules if r in engine.catalogue and engine.catalogue.get(r).label == label]
            if own:
                rules[label] = own
        meta = {k: v for k, v in p.to_json().items() if k not in ("text", "labels", "rules", "spans")}
        meta["corpus_labels"], meta["corpus_spans"] = list(p.labels), list(p.spans)
        out.append(NewItem(source=f"corpus:{p.id}", article=p.article, position=i, text=p.text,
                           before=siblings[i - 1].text if i > 0 else "",
                           after=siblings[i + 1].text if i + 1 < len(siblings) else "",
                           scope=p.scope, scores=s["scores"], suggested=list(p.labels), rules=rules,
                           uncertainty=s["uncertainty"], meta=meta))
    return out
