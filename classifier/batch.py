"""Checking many files in one worker (a process, or a Dask task)."""
from __future__ import annotations

from pathlib import Path


def check_files(paths: list[Path], rule_packs=None, model_file=None, trust=False) -> list[tuple]:
    from classifier.engine import load_engine
    from classifier.readers import ReadError, read_article

    engine = load_engine(rule_packs, Path(model_file) if model_file else None, trust=trust)
    out = []
    for path in paths:
        try:
            text = read_article(path)
            out.append((str(path), text, engine.analyze(text), None))
        except ReadError as exc:
            out.append((str(path), None, None, str(exc)))
    return out
