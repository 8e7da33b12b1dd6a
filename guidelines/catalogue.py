"""Load and validate rule packs (TOML), bundled and user-supplied.

A pack is a folder of .toml files or a single file. Later packs override rules
of earlier ones by id, so a trainer's pack can replace or extend the bundled
rules without touching code.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from guidelines.labels import LABELS, SCOPES, SEVERITIES

PACKS = Path(__file__).parent / "packs"          # one folder per language
BUNDLED_PACK = PACKS / "en"
PROFILE_FILE = "language.toml"                  # a language's profile, not a rule file
INHERITED = ("label", "severity", "scopes")     # a translation keeps these from the rule it translates
RULE_ID = re.compile(r"^[A-Z]{2,5}-\d{2}$")
DETECTORS = frozenset({
    "victim_name", "victim_initials", "victim_age_place", "victim_place",
    "victim_relative", "child_identifier", "caption_identifies",
    "unsourced_figure", "guilt_before_verdict",
})
REQUIRED_TEXT = ("title", "statement", "rationale", "advice", "bad_example", "rewrite")


class CatalogueError(ValueError):
    """A rule pack that cannot be used, naming the file and rule at fault."""

    def __init__(self, path: Path | str, rule_id: str | None, message: str):
        self.path, self.rule_id = str(path), rule_id
        where = f"{path}" + (f" [{rule_id}]" if rule_id else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    publisher: str
    title: str
    year: int | None = None
    url: str = ""

    def cite(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}, {self.title}{year}" + (f" {self.url}" if self.url else "")


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    title: str
    statement: str
    rationale: str
    severity: str
    scopes: tuple[str, ...]
    advice: str
    bad_example: str
    rewrite: str
    sources: tuple[Source, ...]
    terms: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    detectors: tuple[str, ...] = ()
    model_only: bool = False
    note: str = ""
    pack: str = ""
    path: str = ""

    def applies_to(self, scope: str) -> bool:
        return scope in self.scopes


@dataclass
class Catalogue:
    rules: dict[str, Rule] = field(default_factory=dict)
    packs: list[str] = field(default_factory=list)
    digest: str = ""
    language: str = "en"

    def __iter__(self):
        return iter(sorted(self.rules.values(), key=lambda r: (LABELS.index(r.label), r.id)))

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: str) -> bool:
        return rule_id in self.rules

    def get(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id.upper()]
        except KeyError:
            raise KeyError(f"no rule {rule_id!r} in the catalogue") from None

    def by_label(self, label: str) -> list[Rule]:
        return [r for r in self if r.label == label]


def _text(entry: dict, key: str, path: Path, rid: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogueError(path, rid, f"'{key}' is missing or empty")
    return value.strip()


def _strings(value, key: str, path: Path, rid: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogueError(path, rid, f"'{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _parse_rule(entry: dict, path: Path, pack: str, base: dict[str, Rule] | None = None) -> Rule:
    """One rule; with `base`, a translation of the rule of the same id there."""
    rid = entry.get("id")
    if not isinstance(rid, str) or not RULE_ID.match(rid):
        raise CatalogueError(path, str(rid), "rule id must look like 'VID-01'")
    if base is not None:
        if rid not in base:
            raise CatalogueError(path, rid, "a translation must translate a rule of the pack it builds on")
        given = [key for key in INHERITED if key in entry]
        if given:
            raise CatalogueError(path, rid, f"{', '.join(given)} come from the translated rule; remove them")
        original = base[rid]
        entry = {**entry, "label": original.label, "severity": original.severity,
                 "scopes": list(original.scopes)}
    label = entry.get("label")
    if label not in LABELS:
        raise CatalogueError(path, rid, f"unknown label {label!r}; known: {', '.join(LABELS)}")
    severity = entry.get("severity")
    if severity not in SEVERITIES:
        raise CatalogueError(path, rid, f"severity must be one of {', '.join(SEVERITIES)}")
    scopes = _strings(entry.get("scopes"), "scopes", path, rid)
    bad_scopes = [s for s in scopes if s not in SCOPES]
    if not scopes or bad_scopes:
        raise CatalogueError(path, rid, f"scopes must be taken from {', '.join(SCOPES)}")
    texts = {key: _text(entry, key, path, rid) for key in REQUIRED_TEXT}

    raw_sources = entry.get("sources", [] if base is not None else None)
    if not isinstance(raw_sources, list) or not (raw_sources or base is not None):
        raise CatalogueError(path, rid, "at least one source is required")
    sources = list(base[rid].sources) if base is not None else []
    for s in raw_sources:
        if not isinstance(s, dict) or not s.get("publisher") or not s.get("title"):
            raise CatalogueError(path, rid, "each source needs a publisher and a title")
        year = s.get("year")
        if year is not None and not isinstance(year, int):
            raise CatalogueError(path, rid, "a source's year must be a whole number")
        sources.append(Source(str(s["publisher"]), str(s["title"]), year, str(s.get("url", ""))))

    signals = entry.get("signals", {})
    if not isinstance(signals, dict):
        raise CatalogueError(path, rid, "'signals' must be a table")
    terms = tuple(t.lower() for t in _strings(signals.get("terms"), "signals.terms", path, rid))
    patterns = _strings(signals.get("patterns"), "signals.patterns", path, rid)
    for p in patterns:
        try:
            re.compile(p, re.IGNORECASE)
        except re.error as exc:
            raise CatalogueError(path, rid, f"pattern {p!r} does not compile: {exc}") from None
    detectors = _strings(signals.get("detectors"), "signals.detectors", path, rid)
    if detectors and base is not None:
        raise CatalogueError(path, rid, "built-in detectors read English only; write patterns instead")
    unknown = sorted(set(detectors) - DETECTORS)
    if unknown:
        raise CatalogueError(path, rid, f"unknown detector(s) {', '.join(unknown)}")
    model_only = bool(signals.get("model_only", False))
    if not (terms or patterns or detectors or model_only):
        raise CatalogueError(path, rid, "needs signals (terms, patterns, detectors) or model_only = true")
    return Rule(id=rid, label=label, severity=severity, scopes=scopes, sources=tuple(sources),
                terms=terms, patterns=patterns, detectors=detectors, model_only=model_only,
                note=str(signals.get("note", "")), pack=pack, path=str(path), **texts)


def _pack_files(location: Path) -> list[Path]:
    if location.is_dir():
        files = sorted(f for f in location.glob("*.toml") if f.name != PROFILE_FILE)
        if not files:
            raise CatalogueError(location, None, "folder holds no .toml rule files")
        return files
    if location.is_file():
        return [location]
    raise CatalogueError(location, None, "no such rule file or folder")


def bundled_pack_languages() -> list[str]:
    """Languages with a bundled rule pack, English first."""
    found = sorted(d.name for d in PACKS.iterdir() if d.is_dir() and any(d.glob("*.toml")))
    return sorted(found, key=lambda code: (code != "en", code))


def load_catalogue(*extra: Path | str, bundled: bool = True, language: str = "en") -> Catalogue:
    """Load the bundled pack, then each extra pack over it (same id replaces).

    For a language other than English the bundled English pack is loaded first and the
    language's translation pack over it: rules keep label, severity, scopes and sources
    and take the language's texts and signals."""
    if bundled and language not in bundled_pack_languages():
        raise CatalogueError(PACKS / language, None,
                             f"no rule pack for language {language!r}; available: {', '.join(bundled_pack_languages())}")
    bundled_locations = [BUNDLED_PACK] + ([PACKS / language] if language != "en" else [])
    locations = (bundled_locations if bundled else []) + [Path(p) for p in extra]
    catalogue = Catalogue(language=language)
    digest = hashlib.sha256()
    for location in locations:
        for path in _pack_files(location):
            raw = path.read_bytes()
            digest.update(raw)
            try:
                data = tomllib.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise CatalogueError(path, None, "not UTF-8 text") from None
            except tomllib.TOMLDecodeError as exc:
                raise CatalogueError(path, None, f"not valid TOML: {exc}") from None
            header = data.get("pack", {})
            pack = str(header.get("name", path.stem))
            base = dict(catalogue.rules) if header.get("translates") else None
            entries = data.get("rule", [])
            if not isinstance(entries, list):
                raise CatalogueError(path, None, "rules must be written as [[rule]] tables")
            seen: set[str] = set()
            for entry in entries:
                rule = _parse_rule(entry, path, pack, base)
                if rule.id in seen:
                    raise CatalogueError(path, rule.id, "rule id appears twice in this file")
                seen.add(rule.id)
                catalogue.rules[rule.id] = rule
            if pack not in catalogue.packs:
                catalogue.packs.append(pack)
    if not catalogue.rules:
        raise CatalogueError(locations[0] if locations else "", None, "no rules loaded")
    catalogue.digest = digest.hexdigest()
    return catalogue
