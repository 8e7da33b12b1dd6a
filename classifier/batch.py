"""Checking many files in one worker (a process, or a Dask task)."""
from __future__ import annotations

from pathlib import Path


def check_files(paths: list[Path], rule_packs=None, model_file=None, trust=False, language="auto",
                sensitivity=None, engines=None) -> list[tuple]:
    """(file, text, (detection, analysis), error) per file; `engines` is made here when not given."""
    from classifier.engine import load_engine
    from classifier.multilingual import EngineSet, UnsupportedLanguage
    from classifier.readers import ReadError, read_article

    if engines is None:
        def load(code):
            engine = load_engine(rule_packs, Path(model_file) if model_file else None, trust=trust, language=code)
            engine.sensitivity.update(sensitivity or {})
            return engine

        engines = EngineSet(load, language)
    out = []
    for path in paths:
        try:
            text = read_article(path)
            out.append((str(path), text, engines.analyze(text), None))
        except ReadError as exc:
            out.append((str(path), None, None, str(exc)))
        except UnsupportedLanguage as exc:
            out.append((str(path), None, None, f"{path}: {exc}"))
    return out
