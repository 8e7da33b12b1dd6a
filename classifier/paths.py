"""Where the tool keeps its own files: the user's data folder, user-only."""
from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """THB_REVIEW_HOME, else $XDG_DATA_HOME/thb-review, else ~/.local/share/thb-review."""
    root = os.environ.get("THB_REVIEW_HOME")
    if root:
        path = Path(root)
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = Path(base) / "thb-review"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def model_path(language: str = "en") -> Path:
    """The user's model for a language (English keeps the name it always had)."""
    folder = data_dir() / "models"
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder / ("model.joblib" if language == "en" else f"model-{language}.joblib")
