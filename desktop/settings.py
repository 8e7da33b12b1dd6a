"""The desktop's own preferences, as a small JSON file in the user's data folder (no Qt).

Kept out of QSettings so tests and several installs stay isolated by
THB_REVIEW_HOME, and the file can be read and fixed by hand.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from guidelines.labels import LABELS

MAX_RECENT = 10
SENSITIVITY_LIMIT = 0.3     # largest threshold shift the slider offers either way


@dataclass
class Settings:
    annotator: str = ""
    annotator_confirmed: bool = False      # annotation mode asked the name once and keeps it
    font_size: int = 12
    disabled_labels: list[str] = field(default_factory=list)   # stored as disabled so new labels start active
    rule_packs: list[str] = field(default_factory=list)        # extra packs over the bundled one
    sensitivity: dict[str, float] = field(default_factory=dict)
    recent_files: list[str] = field(default_factory=list)
    last_folder: str = ""

    @property
    def active_labels(self) -> set[str]:
        return set(LABELS) - set(self.disabled_labels)

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        self.recent_files = [path] + [p for p in self.recent_files if p != path]
        del self.recent_files[MAX_RECENT:]

    def clean(self) -> "Settings":
        """Coerce values read from a hand-edited file into range."""
        self.font_size = min(32, max(7, int(self.font_size)))
        self.disabled_labels = [l for l in self.disabled_labels if l in LABELS]
        self.sensitivity = {l: max(-SENSITIVITY_LIMIT, min(SENSITIVITY_LIMIT, float(v)))
                            for l, v in self.sensitivity.items() if l in LABELS}
        self.rule_packs = [str(p) for p in self.rule_packs]
        self.recent_files = [str(p) for p in self.recent_files][:MAX_RECENT]
        self.annotator = str(self.annotator)
        self.annotator_confirmed = bool(self.annotator_confirmed)
        return self


def settings_path() -> Path:
    from classifier.paths import data_dir

    return data_dir() / "desktop-settings.json"


def _user_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):      # no login name (some containers)
        return ""


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The saved settings and, if the file was unusable, a message saying where it was moved."""
    path = path or settings_path()
    if not path.exists():
        return Settings(annotator=_user_name()), None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        known = {f.name for f in fields(Settings)}
        return Settings(**{k: v for k, v in data.items() if k in known}).clean(), None
    except (OSError, ValueError, TypeError) as exc:
        # Keep the broken file for the user rather than overwriting it silently.
        kept = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(kept)
        except OSError:
            kept = path
        return Settings(), f"the settings file {path} could not be read ({exc}); defaults are used, the old file is {kept}"


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temporary file, then rename), user-only."""
    path = path or settings_path()
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, indent=2, ensure_ascii=False)
    os.replace(tmp, path)
