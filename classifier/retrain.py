"""Retraining with new annotations, measured, and rolling back to the previous model.

The figures before and after are taken on the same held-out articles: an article is held out
when the hash of its id falls in the held-out share, so the split never depends on what else is
in the corpus and new annotated articles fall on either side by the same rule. "Before" is the
model trained on the training articles of the corpus as it was; "after" adds the training
articles of the new annotations. The model put in use is then trained on everything.

`save_model` keeps the model it replaces as `<name>.previous.joblib`; both files stay in the
trusted registry (their content never changes, only their names), so a rollback swaps them and
`load_model` still checks every byte before unpickling.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from classifier.engine import Engine, metrics, train_bundle
from classifier.model import ModelError, load_model, save_model, targets
from guidelines.labels import LABELS

HELD_OUT_SHARE = 0.2
Progress = Callable[[float, str], None]


def held_out(article: str, share: float = HELD_OUT_SHARE) -> bool:
    digest = hashlib.sha256(article.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2 ** 32 < share


def split(passages, share: float = HELD_OUT_SHARE) -> tuple[list, list]:
    train = [p for p in passages if not held_out(p.article, share)]
    test = [p for p in passages if held_out(p.article, share)]
    return train, test


def previous_path(path: Path) -> Path:
    return path.with_name(path.stem + ".previous" + path.suffix)


def heldout_figures(bundle, catalogue, test) -> dict:
    """Per-label figures of a model on held-out passages, as the product decides (signals + model)."""
    engine = Engine(catalogue, bundle)
    results = engine.classify([p.text for p in test], [p.scope for p in test])
    y = targets([p.labels for p in test])
    pred = np.array([[int(l in r.labels) for l in LABELS] for r in results]).reshape(len(test), len(LABELS))
    figures = metrics(y, pred)
    figures["_passages"] = len(test)
    figures["macro_f1"] = float(np.mean([figures[l]["f1"] for l in LABELS if figures[l]["support"]] or [0.0]))
    return figures


@dataclass
class RetrainResult:
    before: dict
    after: dict
    model: Path
    sha256: str
    passages: int
    added: int


def retrain(corpus, added, catalogue, model_file: Path, progress: Progress = lambda f, m: None,
            cancelled: Callable[[], bool] = lambda: False, folds: int = 5) -> RetrainResult:
    """Measure before/after on the same held-out articles, then train on everything and put it in use."""
    base_train, base_test = split(corpus)
    add_train, add_test = split(added)
    test = base_test + add_test
    if not test:
        raise ValueError("no held-out articles to measure on; the corpus is too small")

    def part(start: float, width: float) -> Progress:
        return lambda f, m: progress(start + width * f, m)

    def check() -> None:
        if cancelled():
            raise KeyboardInterrupt("retraining cancelled")

    progress(0.0, "training the current corpus's model (for the figures before)")
    before_bundle = train_bundle(base_train, catalogue, part(0.0, 0.3), cancelled, folds)
    check()
    before = heldout_figures(before_bundle, catalogue, test)
    progress(0.32, "training with the new annotations (for the figures after)")
    after_bundle = train_bundle(base_train + add_train, catalogue, part(0.32, 0.3), cancelled, folds)
    check()
    after = heldout_figures(after_bundle, catalogue, test)
    progress(0.64, "training the model to use, on everything")
    final = train_bundle(list(corpus) + list(added), catalogue, part(0.64, 0.34), cancelled, folds)
    check()   # nothing is replaced until here: a cancel leaves the model in use untouched
    final.meta["retrained_with_annotations"] = len(added)
    final.meta["heldout"] = {"before": before, "after": after, "share": HELD_OUT_SHARE}
    sha = save_model(final, model_file)
    progress(1.0, "done")
    return RetrainResult(before, after, model_file, sha, len(corpus) + len(added), len(added))


def can_roll_back(model_file: Path) -> bool:
    return previous_path(model_file).exists()


def roll_back(model_file: Path) -> Path:
    """Put the previous model back in use; the current one becomes the previous (so it can be undone).

    The previous file is loaded first, so an untrusted or damaged file is refused before anything moves.
    """
    model_file = Path(model_file)
    previous = previous_path(model_file)
    swap = model_file.with_name(model_file.name + ".swap")
    if swap.exists() and not model_file.exists():     # a crash mid-swap: finish it
        swap.replace(model_file)
    if not previous.exists():
        raise ModelError(f"there is no previous model next to {model_file} to roll back to")
    load_model(previous)        # raises UntrustedModelError / ModelError: nothing has moved yet
    if model_file.exists():
        model_file.replace(swap)
    previous.replace(model_file)
    if swap.exists():
        swap.replace(previous)
    return model_file


def format_comparison(before: dict, after: dict) -> str:
    lines = [f"{'label':<26} {'F1 before':>9} {'F1 after':>9} {'change':>7}"]
    for label in LABELS:
        b, a = before[label]["f1"], after[label]["f1"]
        lines.append(f"{label:<26} {b:>9.2f} {a:>9.2f} {a - b:>+7.2f}")
    lines.append(f"{'macro F1':<26} {before['macro_f1']:>9.2f} {after['macro_f1']:>9.2f} "
                 f"{after['macro_f1'] - before['macro_f1']:>+7.2f}")
    return "\n".join(lines)
