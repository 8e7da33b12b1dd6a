"""One engine per language, each loaded when an article in that language first needs it."""
from __future__ import annotations

from typing import Callable

from classifier.engine import Analysis, Engine
from classifier.langid import Detection, detect
from guidelines.catalogue import bundled_pack_languages


class UnsupportedLanguage(ValueError):
    """An article in a language the tool has no rules and model for."""

    def __init__(self, detection: Detection):
        self.detection = detection
        super().__init__(f"not checked: {detection.reason}; the supported languages are "
                         f"{', '.join(bundled_pack_languages())}")


class EngineSet:
    """Routes each article to the engine of its language (detected, or fixed by the user)."""

    def __init__(self, load: Callable[[str], Engine], language: str = "auto", default: str = "en"):
        self._load = load
        self.language = language          # "auto" or a language code
        self.default = default            # for text too short to tell
        self._engines: dict[str, Engine] = {}

    def engine(self, language: str) -> Engine:
        if language not in self._engines:
            self._engines[language] = self._load(language)
        return self._engines[language]

    def detect(self, text: str) -> Detection:
        if self.language != "auto":
            return Detection(self.language, "chosen by the user", {self.language: 1.0})
        detection = detect(text, self.default)
        if detection.supported and detection.language not in bundled_pack_languages():
            return Detection(None, f"reads as {detection.language}, which has no rules", detection.shares)
        return detection

    def analyze(self, text: str) -> tuple[Detection, Analysis]:
        """The detected language and the analysis; UnsupportedLanguage rather than a guess."""
        detection = self.detect(text)
        if not detection.supported:
            raise UnsupportedLanguage(detection)
        return detection, self.engine(detection.language).analyze(text)
