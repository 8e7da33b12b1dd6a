"""A model card written next to every trained model."""
from __future__ import annotations

from pathlib import Path

from classifier.evaluate import format_figures


def write_model_card(bundle, model_file: Path) -> Path:
    meta = bundle.meta
    card = model_file.with_suffix(".card.md")
    thresholds = "\n".join(f"- {label}: {t:.3f}" for label, t in meta["thresholds"].items())
    versions = ", ".join(f"{k} {v}" for k, v in meta["versions"].items())
    card.write_text(f"""# thb-review model card

- Trained: {meta['trained']}
- Software: {versions}
- Corpus: {meta['corpus_passages']} passages in {meta['corpus_articles']} articles (SHA-256 {meta['corpus_sha256'][:16]}...)
- Rule catalogue: {meta['catalogue_rules']} rules (SHA-256 {meta['catalogue_sha256'][:16]}...)
- Labels: {', '.join(meta['labels'])}
- Model: logistic regression per label over word 1-2-grams, character 3-5-grams (names masked,
  digits normalised) and guideline-signal features (lexicon and pattern hits per label, identification
  detectors, scope, quotation share).

## Thresholds (chosen on grouped cross-validation folds)
{thresholds}

## Cross-validated figures ({meta['cross_validation']['folds']} folds, grouped by article)
```
{format_figures({'model': meta['cross_validation']['figures']})}
```

## Limits
Trained on passages written for the project in English news registers. Real coverage is messier;
measure on real text with `thb-review evaluate --data FILE` before relying on the figures above.
""", encoding="utf-8")
    return card
