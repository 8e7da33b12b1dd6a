"""The engine behind every screen: passages in, labelled passages and findings out."""
from __future__ import annotations

import hashlib
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import numpy as np

from classifier.features import Item
from classifier.findings import Finding
from classifier.model import (MODEL_ALONE, MODEL_FORMAT, LanguageMismatchError, ModelBundle, ModelError,
                              UntrustedModelError, Featurizer,
                              best_thresholds, decide,
                              environment_versions, fit_estimators, load_model, out_of_fold, rule_centroids,
                              save_model, targets)
from classifier.segment import Passage, infer_scope, quote_spans, segment
from classifier.signals import Hit, SignalScanner
from guidelines.catalogue import Catalogue, load_catalogue
from guidelines.languages import language_profile
from guidelines.labels import LABELS

COMMON_WORDS_FILE = Path(__file__).parent / "data" / "common_words.txt"
Progress = Callable[[float, str], None]


def _quiet(_f: float, _m: str) -> None:
    pass


def common_words() -> frozenset[str]:
    try:
        return frozenset(COMMON_WORDS_FILE.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def corpus_passage(text: str, scope: str | None = None, language: str = "en") -> Passage:
    """A single passage judged on its own (not split further); scope inferred when not given."""
    text = language_profile(language).normalise(text)
    return Passage(0, len(text), text, scope or infer_scope(text, language), quotes=quote_spans(text, language))


def prepare(passages: list[Passage], scanner: SignalScanner) -> list[Item]:
    cues = [scanner.cues(p) for p in passages]
    return [Item(p, c, h) for p, c, h in zip(passages, cues, scanner.scan_many(passages, cues))]


def corpus_digest(corpus_passages) -> str:
    digest = hashlib.sha256()
    for p in corpus_passages:
        digest.update(f"{p.id}\t{p.text}\t{','.join(sorted(p.labels))}\n".encode())
    return digest.hexdigest()


def metrics(y: np.ndarray, pred: np.ndarray) -> dict:
    """Per-label precision, recall, F1, support; plus the share of clean passages flagged."""
    out = {}
    for j, label in enumerate(LABELS):
        if np.isnan(pred[:, j]).all() if pred.dtype.kind == "f" else False:
            continue
        p = pred[:, j].astype(bool)
        t = y[:, j].astype(bool)
        tp, fp, fn = int((p & t).sum()), int((p & ~t).sum()), int((~p & t).sum())
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": int(t.sum()),
                      "flagged": int(p.sum())}
    clean = ~y.astype(bool).any(axis=1)
    flagged = pred.astype(bool).any(axis=1)
    out["clean_flagged"] = float((flagged & clean).sum() / max(1, clean.sum()))
    return out


def signal_predictions(items: list[Item]) -> np.ndarray:
    """The 'guideline patterns alone' baseline: any signal of a label's rule flags the label."""
    pred = np.zeros((len(items), len(LABELS)), dtype=int)
    for i, item in enumerate(items):
        for hit in item.hits:
            pred[i, LABELS.index(hit.label)] = 1
    return pred


def threshold_row(thresholds: dict) -> np.ndarray:
    return np.array([thresholds.get(label, 1.1) for label in LABELS])


def train_bundle(corpus_passages, catalogue: Catalogue, progress: Progress = _quiet,
                 cancelled: Callable[[], bool] = lambda: False, folds: int = 5) -> ModelBundle:
    """Fit on the whole corpus, with thresholds and figures from grouped cross-validation."""
    scanner = SignalScanner(catalogue, common_words())
    progress(0.0, f"reading {len(corpus_passages)} passages")
    items = prepare([corpus_passage(p.text, p.scope, catalogue.language) for p in corpus_passages], scanner)
    y = targets([p.labels for p in corpus_passages])
    groups = [p.article for p in corpus_passages]
    oof = out_of_fold(items, y, groups, folds, progress=lambda f, m: progress(0.05 + 0.8 * f, m),
                      cancelled=cancelled)
    signals = signal_predictions(items)
    thresholds = best_thresholds(y, oof, signals)
    figures = metrics(y, decide(np.nan_to_num(oof), signals, threshold_row(thresholds)))
    if cancelled():
        raise KeyboardInterrupt("training cancelled")
    progress(0.88, "fitting the final model on the whole corpus")
    featurizer = Featurizer()
    estimators = fit_estimators(featurizer, items, y)
    centroids = rule_centroids(featurizer, items, [p.rules for p in corpus_passages],
                               {r.id: r.label for r in catalogue})
    meta = {
        "format": MODEL_FORMAT,
        "trained": dt.datetime.now().isoformat(timespec="seconds"),
        "versions": environment_versions(),
        "labels": list(estimators),
        "thresholds": thresholds,
        "corpus_sha256": corpus_digest(corpus_passages),
        "corpus_passages": len(corpus_passages),
        "corpus_articles": len(set(groups)),
        "catalogue_sha256": catalogue.digest,
        "catalogue_rules": len(catalogue),
        "language": catalogue.language,
        "model_alone": MODEL_ALONE,
        "cross_validation": {"folds": folds, "grouped_by": "article", "figures": figures},
    }
    progress(1.0, "done")
    return ModelBundle(featurizer, estimators, thresholds, meta, centroids)


@dataclass
class PassageResult:
    passage: Passage
    scores: dict[str, float]
    labels: list[str]
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Analysis:
    text: str
    passages: list[PassageResult]

    @property
    def findings(self) -> list[Finding]:
        return [f for p in self.passages for f in p.findings]

    def counts(self) -> dict[str, int]:
        out = {label: 0 for label in LABELS}
        for p in self.passages:
            for label in p.labels:
                out[label] += 1
        return out


class Engine:
    """A catalogue and a model, ready to judge passages and articles."""

    def __init__(self, catalogue: Catalogue, bundle: ModelBundle | None):
        self.catalogue = catalogue
        self.language = catalogue.language
        self.bundle = bundle
        self.scanner = SignalScanner(catalogue, common_words())
        self.sensitivity: dict[str, float] = {}      # label -> threshold shift (+ flags more)
        # A label is judged only when the catalogue has a rule to name for it.
        self.active_labels: set[str] = {r.label for r in catalogue}

    def threshold(self, label: str) -> float:
        base = self.bundle.thresholds.get(label, 0.5) if self.bundle else 0.5
        return float(min(0.99, max(0.01, base - self.sensitivity.get(label, 0.0))))

    def model_alone(self, label: str) -> float:
        """Score at which the model flags without a guideline signal (sensitivity lowers it too)."""
        return float(min(0.999, max(0.5, MODEL_ALONE - self.sensitivity.get(label, 0.0))))

    @cached_property
    def _feature_names(self) -> list[str]:
        return self.bundle.featurizer.feature_names() if self.bundle else []

    def judge(self, passages: list[Passage]) -> list[PassageResult]:
        items = prepare(passages, self.scanner)
        matrix = self.bundle.featurizer.transform(items) if self.bundle and items else None
        proba = self.bundle.predict_proba(items, matrix) if self.bundle else np.full((len(items), len(LABELS)), np.nan)
        results = []
        for i, item in enumerate(items):
            scores, labels = {}, []
            signalled = {h.label for h in item.hits}
            for j, label in enumerate(LABELS):
                if label not in self.active_labels:
                    continue
                p = proba[i, j]
                if np.isnan(p):   # no model for this label: its guideline signals decide
                    p = 1.0 if label in signalled else 0.0
                scores[label] = round(float(p), 4)
                if (label in signalled and p >= self.threshold(label)) or p >= self.model_alone(label):
                    labels.append(label)
            result = PassageResult(item.passage, scores, labels)
            if labels:
                findings = self._findings(item, result, matrix[i] if matrix is not None else None)
                result.findings = sorted(findings, key=lambda f: (f.start, f.end, f.rule_id))
            results.append(result)
        return results

    def analyze(self, text: str) -> Analysis:
        return Analysis(text, self.judge(segment(language_profile(self.language).normalise(text), self.language)))

    def classify(self, texts: list[str], scopes: list[str] | None = None) -> list[PassageResult]:
        """Judge each text as one passage, not split further."""
        scopes = scopes or [None] * len(texts)
        return self.judge([corpus_passage(t, s, self.language) for t, s in zip(texts, scopes)])

    def _drivers(self, label: str, row) -> list[list]:
        if row is None or label not in self.bundle.estimators:
            return []
        coef = self.bundle.estimators[label].coef_.ravel()
        row = row.tocsr()
        contributions = [(coef[j] * v, j) for j, v in zip(row.indices, row.data) if coef[j] * v > 0]
        contributions.sort(reverse=True)
        names = self._feature_names
        out, seen = [], set()
        for weight, j in contributions:
            name = names[j]
            if name.startswith("chars:"):
                continue
            shown = name.split(":", 1)[1] if name.startswith("word:") else name
            if shown in seen:
                continue
            seen.add(shown)
            out.append([shown.replace("xname", "[name]"), round(float(weight), 3)])
            if len(out) == 6:
                break
        return out

    def _best_rule(self, label: str, item: Item, row) -> str:
        rules = [r for r in self.catalogue.by_label(label) if r.applies_to(item.passage.scope)] or \
            self.catalogue.by_label(label)
        centroids = self.bundle.rule_centroids.get(label) if self.bundle else None
        if centroids and row is not None:
            ids, matrix = centroids
            vector = row[:, :matrix.shape[1]]     # the word n-grams open the feature row
            sims = np.asarray(matrix @ vector.T.toarray()).ravel()
            allowed = {r.id for r in rules}
            for k in np.argsort(-sims):
                if ids[k] in allowed:
                    return ids[k]
        return rules[0].id

    def _findings(self, item: Item, result: PassageResult, row) -> list[Finding]:
        p = item.passage
        out = []
        for label in result.labels:
            hits_by_rule: dict[str, list[Hit]] = {}
            for hit in item.hits:
                if hit.label == label and hit.rule_id in self.catalogue:
                    hits_by_rule.setdefault(hit.rule_id, []).append(hit)
            drivers = self._drivers(label, row)
            if not hits_by_rule:
                hits_by_rule = {self._best_rule(label, item, row): []}
            for rule_id, hits in hits_by_rule.items():
                rule = self.catalogue.get(rule_id)
                if hits:
                    first = min(hits, key=lambda h: h.start)
                    start, end, detector = p.start + first.start, p.start + first.end, first.detector
                    why = first.detail
                else:
                    start, end, detector = p.start, p.end, "model"
                    words = ", ".join(d[0] for d in drivers[:4])
                    why = f"the model's judgment (words that drove it: {words})" if words else "the model's judgment"
                out.append(Finding(
                    rule_id=rule.id, label=label, title=rule.title, detector=detector, start=start, end=end,
                    passage_index=p.index, passage_start=p.start, passage_end=p.end, scope=p.scope,
                    severity=rule.severity, score=result.scores[label], threshold=self.threshold(label),
                    message=f"{rule.title}: {why}", rationale=rule.rationale,
                    sources=[s.cite() for s in rule.sources],
                    suggestions=[rule.advice, f"Compliant example: {rule.rewrite}"],
                    explanation={"evidence": [{"start": p.start + h.start, "end": p.start + h.end,
                                               "detector": h.detector, "detail": h.detail} for h in hits],
                                 "drivers": drivers, "statement": rule.statement}))
        return out


def load_engine(rule_packs: list[str] | None = None, model_file: Path | None = None, trust: bool = False,
                progress: Progress = _quiet, notify: Callable[[str], None] = lambda m: None,
                retrain: bool = True, language: str = "en") -> Engine:
    """The engine for one language with the user's model, training one from the bundled corpus
    when needed."""
    from classifier.paths import model_path

    catalogue = load_catalogue(*(rule_packs or []), language=language)
    path = Path(model_file) if model_file else model_path(language)
    try:
        bundle = load_model(path, trust=trust)
        trained_for = bundle.meta.get("language", "en")
        if trained_for != language:
            raise LanguageMismatchError(f"{path} was trained for language {trained_for!r}, not {language!r}")
        if bundle.meta.get("catalogue_sha256") != catalogue.digest:
            notify("note: the rule catalogue changed since the model was trained; 'thb-review train' updates it")
        return Engine(catalogue, bundle)
    except UntrustedModelError as exc:
        if not retrain or model_file:   # a file the user named is refused, never overwritten
            raise
        notify(str(exc))
        path.replace(path.with_name(path.name + ".refused"))   # kept aside, not deleted
        notify(f"the refused file was moved to {path.name}.refused; training a new model")
    except ModelError as exc:
        if not retrain or (model_file and isinstance(exc, LanguageMismatchError)):
            raise
        if path.exists():
            notify(str(exc))
        notify("training a model from the bundled corpus (first use; this takes a few seconds)")
    from corpus.schema import bundled_corpus, read_corpus

    bundle = train_bundle(read_corpus(bundled_corpus(language)), catalogue, progress=progress)
    save_model(bundle, path)
    return Engine(catalogue, bundle)
