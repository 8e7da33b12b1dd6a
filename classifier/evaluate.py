"""Accuracy, measured: grouped cross-validation on the corpus and held-out files.

Every run compares three approaches on the same passages: the guideline
patterns alone, the model alone (n-grams only) and the product's combination
(n-grams plus guideline signals). Thresholds used for a fold are chosen on the
other folds' predictions, never on the fold being scored.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from classifier.engine import (Engine, common_words, corpus_passage, metrics, prepare, signal_predictions)
from classifier.features import Featurizer
from classifier.model import best_thresholds, fit_estimators, out_of_fold, targets
from classifier.signals import SignalScanner
from guidelines.labels import LABELS

APPROACHES = ("guideline patterns alone", "model alone (n-grams)", "combined (product)")


def _thresholded_by_other_folds(y, proba, groups, folds):
    from sklearn.model_selection import GroupKFold

    pred = np.zeros_like(y)
    for train, test in GroupKFold(n_splits=folds).split(proba, y, groups):
        thresholds = best_thresholds(y[train], proba[train])
        for label, t in thresholds.items():
            j = LABELS.index(label)
            pred[test, j] = proba[test, j] >= t
    return pred


def evaluate_corpus(passages, catalogue, folds: int = 5, progress=lambda f, m: None) -> dict:
    scanner = SignalScanner(catalogue, common_words())
    items = prepare([corpus_passage(p.text, p.scope) for p in passages], scanner)
    y = targets([p.labels for p in passages])
    groups = [p.article for p in passages]
    out = {APPROACHES[0]: metrics(y, signal_predictions(items))}
    for k, (name, ngrams, signals) in enumerate(((APPROACHES[1], True, False), (APPROACHES[2], True, True))):
        proba = out_of_fold(items, y, groups, folds, use_ngrams=ngrams, use_signals=signals,
                            progress=lambda f, m, k=k: progress((k + f) / 2, m))
        out[name] = metrics(y, _thresholded_by_other_folds(y, proba, groups, folds))
    return out


def read_labelled(path: Path) -> tuple[list[str], list[list[str]], list[str]]:
    texts, labels, scopes = [], [], []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record.get("text"), str) or not isinstance(record.get("labels", []), list):
                raise ValueError(f"{path}:{number}: needs 'text' and 'labels'")
            texts.append(record["text"])
            labels.append([l for l in record.get("labels", []) if l in LABELS])
            scopes.append(record.get("scope"))
    return texts, labels, scopes


def evaluate_file(path: Path, engine: Engine, corpus_passages, catalogue) -> dict:
    """Figures on a labelled file the model never saw, for the three approaches."""
    texts, labels, scopes = read_labelled(path)
    y = targets(labels)
    results = engine.classify(texts, scopes)
    combined = np.array([[int(l in r.labels) for l in LABELS] for r in results])
    items = prepare([corpus_passage(t, s) for t, s in zip(texts, scopes)], engine.scanner)
    # Model alone: n-grams only, trained on the whole corpus with thresholds from its own folds.
    train_items = prepare([corpus_passage(p.text, p.scope) for p in corpus_passages], engine.scanner)
    ty = targets([p.labels for p in corpus_passages])
    oof = out_of_fold(train_items, ty, [p.article for p in corpus_passages], use_signals=False)
    thresholds = best_thresholds(ty, oof)
    featurizer = Featurizer(use_signals=False)
    estimators = fit_estimators(featurizer, train_items, ty)
    matrix = featurizer.transform(items)
    alone = np.zeros_like(y)
    for label, est in estimators.items():
        j = LABELS.index(label)
        alone[:, j] = est.predict_proba(matrix)[:, 1] >= thresholds[label]
    return {APPROACHES[0]: metrics(y, signal_predictions(items)), APPROACHES[1]: metrics(y, alone),
            APPROACHES[2]: metrics(y, combined), "_passages": len(texts)}


def format_figures(figures: dict) -> str:
    lines = []
    for approach, result in figures.items():
        lines.append(f"{approach}")
        lines.append(f"  {'label':<26} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8} {'flagged':>8}")
        for label in LABELS:
            if label in result:
                m = result[label]
                lines.append(f"  {label:<26} {m['precision']:>9.2f} {m['recall']:>7.2f} {m['f1']:>6.2f} "
                             f"{m['support']:>8} {m['flagged']:>8}")
        lines.append(f"  clean passages flagged: {result['clean_flagged']:.1%}")
        lines.append("")
    return "\n".join(lines).rstrip()
