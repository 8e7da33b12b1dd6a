"""The trained model: fitting, thresholds from held-out folds, and safe storage.

Unpickling runs code, so a model file is loaded only if its SHA-256 is in the
registry the application writes when it saves a model itself (or the user
explicitly trusts the file).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from classifier.features import Featurizer, Item
from guidelines.labels import LABELS

MODEL_FORMAT = 1
Progress = Callable[[float, str], None]


class ModelError(RuntimeError):
    """A model file that cannot be used (missing, corrupt, foreign)."""


class UntrustedModelError(ModelError):
    """A model file the application did not write itself."""


class LanguageMismatchError(ModelError):
    """A model file trained for another language than the text to judge."""


def _quiet(_fraction: float, _message: str) -> None:
    pass


@dataclass
class ModelBundle:
    featurizer: Featurizer
    estimators: dict            # label -> fitted LogisticRegression (labels with enough data)
    thresholds: dict            # label -> probability threshold
    meta: dict = field(default_factory=dict)
    rule_centroids: dict = field(default_factory=dict)   # label -> (rule ids, matrix) for best-fit rule

    @property
    def labels(self) -> list[str]:
        return list(self.estimators)

    def predict_proba(self, items: list[Item], matrix=None) -> np.ndarray:
        """Probabilities, one column per label of LABELS (NaN where the model has no such label)."""
        out = np.full((len(items), len(LABELS)), np.nan)
        if not items:
            return out
        if matrix is None:
            matrix = self.featurizer.transform(items)
        for label, estimator in self.estimators.items():
            out[:, LABELS.index(label)] = estimator.predict_proba(matrix)[:, 1]
        return out


def _estimator(c: float = 4.0):
    from sklearn.linear_model import LogisticRegression

    # The dual formulation suits more features than passages: same model, ~20x faster to fit here.
    return LogisticRegression(C=c, class_weight="balanced", solver="liblinear", dual=True, max_iter=5000)


def targets(labels_per_item: list[list[str]]) -> np.ndarray:
    y = np.zeros((len(labels_per_item), len(LABELS)), dtype=int)
    for i, labels in enumerate(labels_per_item):
        for label in labels:
            y[i, LABELS.index(label)] = 1
    return y


def fit_estimators(featurizer: Featurizer, items: list[Item], y: np.ndarray, min_positives: int = 15) -> dict:
    matrix = featurizer.fit(items).transform(items)
    estimators = {}
    for j, label in enumerate(LABELS):
        if y[:, j].sum() >= min_positives and (len(y) - y[:, j].sum()) >= min_positives:
            estimators[label] = _estimator().fit(matrix, y[:, j])
    return estimators


def out_of_fold(items: list[Item], y: np.ndarray, groups: list[str], folds: int = 5,
                use_ngrams: bool = True, use_signals: bool = True,
                progress: Progress = _quiet, cancelled: Callable[[], bool] = lambda: False) -> np.ndarray:
    """Grouped (by article) cross-validated probabilities for every item."""
    from sklearn.model_selection import GroupKFold

    proba = np.full(y.shape, np.nan)
    splitter = GroupKFold(n_splits=min(folds, len(set(groups))))
    for k, (train, test) in enumerate(splitter.split(items, y, groups)):
        if cancelled():
            raise KeyboardInterrupt("training cancelled")
        progress(k / folds, f"cross-validation fold {k + 1} of {folds}")
        featurizer = Featurizer(use_ngrams, use_signals)
        estimators = fit_estimators(featurizer, [items[i] for i in train], y[train])
        matrix = featurizer.transform([items[i] for i in test])
        for label, est in estimators.items():
            proba[test, LABELS.index(label)] = est.predict_proba(matrix)[:, 1]
    return proba


# The model flags a passage on its own only when it is nearly certain; otherwise a guideline
# signal must propose the label and the model confirm it. Measured on real published text, the
# model trained on our corpus alone transfers poorly (it learns the corpus's style), while
# guideline signals carry over; confirmation removes most of their false alarms.
MODEL_ALONE = 0.95


def decide(proba: np.ndarray, signals: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Flag where a signal fires and the model confirms, or where the model alone is near-certain."""
    return ((signals.astype(bool) & (proba >= thresholds)) | (proba >= MODEL_ALONE)).astype(int)


# Confirming a guideline signal is a veto, so its threshold is chosen for F2 (recall weighs more):
# with F1 the corpus-chosen veto threw away most identification flags on real text.
CONFIRM_BETA = 2.0


def best_thresholds(y: np.ndarray, proba: np.ndarray, signals: np.ndarray | None = None) -> dict:
    """Per label, the threshold maximising F-beta on held-out predictions: F1 for the model alone,
    F2 for confirming guideline signals (`decide`)."""
    thresholds = {}
    grid = np.round(np.arange(0.025, 0.951, 0.025), 3)
    signals_given = signals is not None
    for j, label in enumerate(LABELS):
        column = proba[:, j]
        if np.isnan(column).all():
            continue
        best, best_f1 = 0.5, -1.0
        b2 = CONFIRM_BETA ** 2 if signals_given else 1.0
        for t in grid:
            if signals_given:
                pred = (signals[:, j].astype(bool) & (column >= t)) | (column >= MODEL_ALONE)
            else:
                pred = column >= t
            tp = int((pred & (y[:, j] == 1)).sum())
            fp = int((pred & (y[:, j] == 0)).sum())
            fn = int((~pred & (y[:, j] == 1)).sum())
            f1 = (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp) if tp else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(t), f1
        thresholds[label] = best
    return thresholds


def rule_centroids(featurizer: Featurizer, items: list[Item], rules_per_item: list[list[str]],
                   label_of_rule: dict[str, str]) -> dict:
    """Mean word-n-gram vector of the passages tagged with each rule, grouped by label."""
    from sklearn.preprocessing import normalize
    from classifier.features import masked_text

    words = featurizer.words.transform([masked_text(i) for i in items])
    by_label: dict[str, tuple[list[str], list]] = {}
    for rule_id, label in sorted(label_of_rule.items()):
        rows = [i for i, rules in enumerate(rules_per_item) if rule_id in rules]
        if not rows:
            continue
        ids, vectors = by_label.setdefault(label, ([], []))
        ids.append(rule_id)
        vectors.append(np.asarray(words[rows].mean(axis=0)).ravel())
    return {label: (ids, normalize(np.vstack(vectors))) for label, (ids, vectors) in by_label.items()}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _registry_path() -> Path:
    from classifier.paths import data_dir

    return data_dir() / "trusted_models.json"


def _read_registry(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def save_model(bundle: ModelBundle, path: Path) -> str:
    """Write the model atomically, keep the previous one, record the new file's hash as trusted."""
    import joblib

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    joblib.dump(bundle, tmp, compress=3)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    if path.exists():
        path.replace(path.with_name(path.stem + ".previous" + path.suffix))
    tmp.replace(path)
    os.chmod(path, 0o600)
    sha = file_sha256(path)
    registry_file = _registry_path()
    registry = _read_registry(registry_file)
    registry[sha] = {"file": str(path), "saved": dt.datetime.now().isoformat(timespec="seconds")}
    _write_atomic(registry_file, json.dumps(registry, indent=1).encode())
    return sha


def trust_model_file(path: Path) -> str:
    """Record a file the user explicitly trusts (e.g. a model shared by a colleague)."""
    sha = file_sha256(path)
    registry_file = _registry_path()
    registry = _read_registry(registry_file)
    registry[sha] = {"file": str(path), "trusted_by_user": dt.datetime.now().isoformat(timespec="seconds")}
    _write_atomic(registry_file, json.dumps(registry, indent=1).encode())
    return sha


def load_model(path: Path, trust: bool = False) -> ModelBundle:
    """Load a model file this application wrote; refuse anything else before unpickling it."""
    import joblib

    if not path.exists():
        raise ModelError(f"no model at {path}")
    sha = file_sha256(path)
    if not trust and sha not in _read_registry(_registry_path()):
        raise UntrustedModelError(
            f"refusing to load {path}: this application did not write it (SHA-256 {sha[:12]}... is not in "
            f"its registry). Loading a model file can run code. Retrain with 'thb-review train', or, if you "
            f"trust the file's origin, pass --trust-model.")
    try:
        bundle = joblib.load(path)
    except Exception as exc:  # corrupt or truncated file: any unpickling error
        raise ModelError(f"model file {path} is damaged ({type(exc).__name__}); it will be retrained") from None
    if not isinstance(bundle, ModelBundle) or bundle.meta.get("format") != MODEL_FORMAT:
        raise ModelError(f"model file {path} is from an incompatible version; it will be retrained")
    return bundle


def environment_versions() -> dict:
    import nltk
    import sklearn

    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "nltk": nltk.__version__, "numpy": np.__version__}
