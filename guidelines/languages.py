"""Language profiles: what the segmenter needs to know about how a language's press writes.

Each bundled language has `guidelines/packs/<code>/language.toml` beside its rules:
its name, the abbreviations its press uses (so that "z." or "nr." never ends a
sentence), its quotation marks and letters written two ways (Romanian ş and ș)
that the rules should treat as one.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from guidelines.catalogue import PACKS, PROFILE_FILE, CatalogueError


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    native_name: str
    abbreviations: frozenset[str]                 # lower case, without the final dot
    quotes: tuple[tuple[str, str], ...]           # (opening, closing) marks
    equivalents: dict[int, str]                   # str.translate table: variant letter -> the usual one

    def normalise(self, text: str) -> str:
        """Variant spellings of a letter made uniform, one character for one (offsets unchanged)."""
        return text.translate(self.equivalents) if self.equivalents else text


def profile_languages() -> list[str]:
    """Languages with a bundled profile, English first."""
    found = sorted(d.name for d in PACKS.iterdir() if (d / PROFILE_FILE).is_file())
    return sorted(found, key=lambda code: (code != "en", code))


@lru_cache(maxsize=None)
def language_profile(code: str) -> LanguageProfile:
    path = PACKS / code / PROFILE_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("language", {})
    except FileNotFoundError:
        raise CatalogueError(path, None, f"no profile for language {code!r}; "
                                         f"available: {', '.join(profile_languages())}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(path, None, f"not a valid UTF-8 TOML file: {exc}") from None
    abbreviations = data.get("abbreviations", [])
    quotes = data.get("quotes", [])
    if not isinstance(abbreviations, list) or not all(isinstance(a, str) and a for a in abbreviations):
        raise CatalogueError(path, None, "'abbreviations' must be a list of non-empty strings")
    equivalents = data.get("equivalents", [])
    for key, pairs in (("quotes", quotes), ("equivalents", equivalents)):
        if not all(isinstance(q, list) and len(q) == 2 and all(isinstance(m, str) and len(m) == 1 for m in q)
                   for q in pairs):
            raise CatalogueError(path, None, f"'{key}' must be a list of pairs of single characters")
    return LanguageProfile(code, str(data.get("name", code)), str(data.get("native_name", code)),
                           frozenset(a.lower().rstrip(".") for a in abbreviations),
                           tuple((q[0], q[1]) for q in quotes),
                           str.maketrans({a: b for a, b in equivalents}))
