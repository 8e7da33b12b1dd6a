"""The corpus's JSON Lines format (see corpus/FORMAT.md) and a strict reader."""
from __future__ import annotations

import json
from dataclasses import dataclass, field, asdict
from pathlib import Path

from guidelines.labels import LABELS, SCOPES

BUNDLED_DATA = Path(__file__).parent / "data"     # one folder per language: data/en, data/sq, ...


def bundled_corpus(language: str = "en") -> Path:
    """The folder of the bundled corpus in one language."""
    return BUNDLED_DATA / language


def bundled_languages() -> list[str]:
    return sorted(d.name for d in BUNDLED_DATA.iterdir() if d.is_dir() and any(d.glob("*.jsonl")))


FORMAT_VERSION = 1
SOURCE_KINDS = ("written_for_corpus", "published_report", "annotated_draft")
REGISTERS = ("wire", "broadsheet", "tabloid", "local", "court", "ngo", "broadcast",
             "feature", "press_release", "blog")
REQUIRED = ("id", "article", "text", "scope", "labels", "rules", "language",
            "source_kind", "licence", "annotator", "date")


class CorpusError(ValueError):
    """A corpus line that cannot be read, naming file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = str(path), line
        super().__init__(f"{path}" + (f":{line}" if line else "") + f": {message}")


@dataclass
class Passage:
    id: str
    article: str
    text: str
    scope: str
    labels: list[str]
    rules: list[str]
    language: str
    source_kind: str
    licence: str
    annotator: str
    date: str
    spans: list[dict] = field(default_factory=list)
    register: str = ""
    exploitation: str = ""
    country: str = ""
    note: str = ""
    path: str = ""
    line: int = 0

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("path", "line"):
            data.pop(key)
        return {k: v for k, v in data.items() if v not in ("", [], None) or k in REQUIRED}


def _check(raw: dict, path: Path, line: int) -> Passage:
    missing = [k for k in REQUIRED if k not in raw]
    if missing:
        raise CorpusError(path, line, f"missing field(s): {', '.join(missing)}")
    for key in ("id", "article", "text", "language", "licence", "annotator", "date"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise CorpusError(path, line, f"'{key}' must be a non-empty string")
    if raw["scope"] not in SCOPES:
        raise CorpusError(path, line, f"unknown scope {raw['scope']!r}")
    if raw["source_kind"] not in SOURCE_KINDS:
        raise CorpusError(path, line, f"unknown source_kind {raw['source_kind']!r}")
    for key in ("labels", "rules"):
        if not isinstance(raw[key], list) or not all(isinstance(v, str) for v in raw[key]):
            raise CorpusError(path, line, f"'{key}' must be a list of strings")
    unknown = [l for l in raw["labels"] if l not in LABELS]
    if unknown:
        raise CorpusError(path, line, f"unknown label(s) {', '.join(unknown)}")
    spans = raw.get("spans") or []
    text = raw["text"]
    for span in spans:
        ok = (isinstance(span, dict) and isinstance(span.get("start"), int)
              and isinstance(span.get("end"), int) and 0 <= span["start"] < span["end"] <= len(text)
              and span.get("label") in LABELS)
        if not ok:
            raise CorpusError(path, line, f"bad span {span!r}: needs start < end within the text and a known label")
    known = {f for f in Passage.__dataclass_fields__} - {"path", "line"}
    extra = sorted(set(raw) - known)
    if extra:
        raise CorpusError(path, line, f"unknown field(s): {', '.join(extra)}")
    return Passage(**{k: raw[k] for k in raw}, path=str(path), line=line)


def read_jsonl(path: Path | str) -> list[Passage]:
    """Read one corpus file; any bad line raises CorpusError with its number."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CorpusError(path, line, "not UTF-8 text") from None
    passages = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(path, number, f"not valid JSON ({exc.msg})") from None
        if not isinstance(raw, dict):
            raise CorpusError(path, number, "each line must be a JSON object")
        passages.append(_check(raw, path, number))
    return passages


def corpus_files(*locations: Path | str) -> list[Path]:
    files: list[Path] = []
    for location in (locations or (bundled_corpus(),)):
        location = Path(location)
        if location.is_dir():
            files.extend(sorted(location.glob("*.jsonl")))
        elif location.is_file():
            files.append(location)
        else:
            raise CorpusError(location, None, "no such corpus file or folder")
    return files


def read_corpus(*locations: Path | str) -> list[Passage]:
    """Read every .jsonl file of the given folders/files (default: the bundled English corpus)."""
    passages: list[Passage] = []
    for path in corpus_files(*locations):
        passages.extend(read_jsonl(path))
    return passages


def write_jsonl(passages, path: Path | str) -> None:
    """Write passages atomically: a crash leaves either the old or the new file."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for p in passages:
            out.write(json.dumps(p.to_json() if isinstance(p, Passage) else p, ensure_ascii=False) + "\n")
    tmp.replace(path)
