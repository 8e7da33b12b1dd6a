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

from classifier.engine import (Engine, common_words, corpus_passage, metrics, prepare, signal_predictions,
                               threshold_row)
from classifier.features import Featurizer
from classifier.model import best_thresholds, decide, fit_estimators, out_of_fold, targets
from classifier.signals import SignalScanner
from guidelines.labels import LABELS

APPROACHES = ("guideline patterns alone", "model alone (n-grams)",
              "combined (product: signals confirmed by the model, or the model near-certain)")


def _thresholded_by_other_folds(y, proba, groups, folds, signals=None):
    """Predictions for each fold with thresholds chosen on the other folds only."""
    from sklearn.model_selection import GroupKFold

    signals_given = signals is not None
    signals = signals if signals_given else np.ones_like(y)
    pred = np.zeros_like(y)
    for train, test in GroupKFold(n_splits=folds).split(proba, y, groups):
        thresholds = best_thresholds(y[train], proba[train], signals[train] if signals_given else None)
        row = threshold_row(thresholds)
        if signals_given:
            pred[test] = decide(np.nan_to_num(proba[test]), signals[test], row)
        else:
            pred[test] = np.nan_to_num(proba[test]) >= row
    return pred


def evaluate_corpus(passages, catalogue, folds: int = 5, progress=lambda f, m: None) -> dict:
    scanner = SignalScanner(catalogue, common_words())
    items = prepare([corpus_passage(p.text, p.scope, catalogue.language) for p in passages], scanner)
    y = targets([p.labels for p in passages])
    groups = [p.article for p in passages]
    signals = signal_predictions(items)
    out = {APPROACHES[0]: metrics(y, signals)}
    alone = out_of_fold(items, y, groups, folds, use_signals=False, progress=lambda f, m: progress(f / 2, m))
    out[APPROACHES[1]] = metrics(y, _thresholded_by_other_folds(y, alone, groups, folds))
    combined = out_of_fold(items, y, groups, folds, progress=lambda f, m: progress(0.5 + f / 2, m))
    out[APPROACHES[2]] = metrics(y, _thresholded_by_other_folds(y, combined, groups, folds, signals))
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
    items = prepare([corpus_passage(t, s, engine.language) for t, s in zip(texts, scopes)], engine.scanner)
    # Model alone: n-grams only, trained on the whole corpus with thresholds from its own folds.
    train_items = prepare([corpus_passage(p.text, p.scope, engine.language) for p in corpus_passages],
                          engine.scanner)
    ty = targets([p.labels for p in corpus_passages])
    oof = out_of_fold(train_items, ty, [p.article for p in corpus_passages], use_signals=False)
    thresholds = best_thresholds(ty, oof)
    featurizer = Featurizer(use_signals=False)
    estimators = fit_estimators(featurizer, train_items, ty)
    matrix = featurizer.transform(items)
    alone = np.zeros_like(y)
    for label, est in estimators.items():
        j = LABELS.index(label)
        alone[:, j] = est.predict_proba(matrix)[:, 1] >= thresholds[label]   # n-grams only: plain thresholds
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
